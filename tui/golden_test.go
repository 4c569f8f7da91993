package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test ./tui -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden View files in testdata/golden")

// goldenScreens are the screens a reviewer should see change: every pane,
// the focused dossiers and the overlays, reached by real keys.
var goldenScreens = []struct {
	name string
	keys []string
}{
	{"today", nil},
	{"today-item", []string{"j", "j", "j"}},
	{"today-prep", []string{"j", "j", "enter"}},
	{"today-debrief", []string{"L"}},
	{"people-prep", []string{"3", "m"}},
	{"accounts", []string{"2"}},
	{"accounts-dossier", []string{"2", "enter"}},
	{"accounts-portfolio", []string{"2", "P"}},
	{"map", []string{"2", "M"}},
	{"accounts-form", []string{"2", "n"}},
	{"people", []string{"3"}},
	{"people-dossier", []string{"3", "enter"}},
	{"briefs", []string{"4"}},
	{"briefs-board", []string{"4", "b"}},
	{"briefs-preview", []string{"4", "p"}},
	{"briefs-form", []string{"4", "e"}},
	{"followups", []string{"5"}},
	{"followups-done", []string{"5", "v"}},
	{"find", []string{"ctrl+k", "dan"}},
	{"help", []string{"?"}},
	{"scope", []string{"A"}},
}

var goldenSizes = [][2]int{{80, 24}, {120, 35}, {200, 50}}

// TestGoldenViews draws each screen of the small demo at three sizes, with
// the clock fixed and no colour, and compares it with testdata/golden.
func TestGoldenViews(t *testing.T) {
	if _, off := appNow.Zone(); off != 0 {
		t.Skip("the golden screens are drawn in UTC: run with TZ=UTC (make test does)")
	}
	st := demoStore(t)
	for _, size := range goldenSizes {
		for _, sc := range goldenScreens {
			name := sc.name + "-" + itoa(size[0]) + "x" + itoa(size[1])
			t.Run(name, func(t *testing.T) {
				m := startApp(t, st, size[0], size[1])
				m = press(t, m, sc.keys...)
				golden(t, name, m.View())
			})
		}
	}
}

// golden compares got with testdata/golden/name.txt, or writes it with
// -update. Trailing spaces are kept: a layout that pads is part of it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file (go test ./tui -run Golden -update writes it): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (-update rewrites it):\n%s", name, path, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines that differ, numbered, want above got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := range max(len(w), len(g)) {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("line " + itoa(i+1) + "\n  want: " + a + "\n  got:  " + c + "\n")
		}
	}
	return b.String()
}
