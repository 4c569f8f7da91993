// Package graphviztest renders DOT with Graphviz in tests, so every test
// of rapport's graphs checks them the same way.
package graphviztest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Render runs dot -Tsvg on src and fails on any error or warning. Without
// dot on the PATH it only logs, unless RAPPORT_NEED_DOT says the machine
// must have it (CI installs Graphviz and sets it).
func Render(t testing.TB, src string) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if os.Getenv("RAPPORT_NEED_DOT") != "" {
			t.Fatal("dot (Graphviz) is not on the PATH; install graphviz")
		}
		t.Log("dot (Graphviz) is not on the PATH; the graph is not rendered")
		return
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = strings.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 || !bytes.Contains(out.Bytes(), []byte("</svg>")) {
		t.Fatalf("dot -Tsvg: %v\n%s\n%s", err, errb.String(), src)
	}
}
