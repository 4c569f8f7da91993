package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		old := syscall.Umask(0) // a umask of 000 must not make the file world-readable
		defer syscall.Umask(old)
		path := filepath.Join(t.TempDir(), "out.json")
		if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != Mode {
			t.Fatalf("mode %v, %v; want 0600", fi.Mode().Perm(), err)
		}
		if b, _ := os.ReadFile(path); string(b) != "hello" {
			t.Errorf("content %q", b)
		}
		if got := files(t, filepath.Dir(path)); len(got) != 1 {
			t.Errorf("files left beside it: %v", got)
		}
	})
	t.Run("ErrExist", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "out.json")
		os.WriteFile(path, []byte("keep"), 0o644)
		ran := false
		err := Write(path, func(w io.Writer) error { ran = true; return nil })
		var ee *ExistsError
		if !errors.As(err, &ee) || !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "never overwrites") {
			t.Fatalf("Write over a file: %v", err)
		}
		if ran {
			t.Error("the content was made before the name was found taken")
		}
		if b, _ := os.ReadFile(path); string(b) != "keep" {
			t.Errorf("the file became %q", b)
		}
	})
	t.Run("Replace", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "out.json")
		os.WriteFile(path, []byte("old"), 0o644)
		if err := Replace(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); string(b) != "new" {
			t.Errorf("content %q", b)
		}
	})
	t.Run("Failed", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.json")
		boom := errors.New("boom")
		err := Write(path, func(w io.Writer) error {
			w.Write(bytes.Repeat([]byte("x"), 1<<20))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err %v", err)
		}
		if got := files(t, dir); len(got) != 0 {
			t.Errorf("a failed write left %v", got)
		}
	})
}

func TestCommitAnotherName(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "brief.md")
	os.WriteFile(taken, []byte("mine"), 0o600)
	af, err := Create(taken)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(af, "# Brief")
	if err := af.Commit(taken); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("commit over a file: %v", err)
	}
	next := filepath.Join(dir, "brief-2.md")
	if err := af.Commit(next); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(next); string(b) != "# Brief" {
		t.Errorf("content %q", b)
	}
	if b, _ := os.ReadFile(taken); string(b) != "mine" {
		t.Errorf("the taken file became %q", b)
	}
	if got := files(t, dir); len(got) != 2 {
		t.Errorf("files %v", got)
	}
}

// helperEnv tells the test binary, run again as a child, to write a file
// and be killed in the middle of it.
const helperEnv = "ATOMICFILE_TEST_INTERRUPT"

// TestInterruptedHelper is not a test: run by TestInterrupted as a child
// process, it starts writing the file named in helperEnv and sends itself
// the signal named after it half-way.
func TestInterruptedHelper(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("the child process of TestInterrupted")
	}
	path, sig, _ := strings.Cut(spec, "|")
	Write(path, func(w io.Writer) error {
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for i := range 8 {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			if i == 3 {
				s := syscall.SIGKILL
				if sig == "TERM" {
					s = syscall.SIGTERM
				}
				syscall.Kill(os.Getpid(), s)
				select {} // the signal ends the process
			}
		}
		return nil
	})
	os.Exit(3) // not reached
}

// An export, backup or brief killed while it is written leaves no file
// under its name: a SIGTERM (or ctrl+c) removes the temporary file too, a
// SIGKILL leaves only that.
func TestInterrupted(t *testing.T) {
	for _, sig := range []string{"TERM", "KILL"} {
		t.Run(sig, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p.json")
			cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptedHelper$")
			cmd.Env = append(os.Environ(), helperEnv+"="+path+"|"+sig)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != -1 {
				t.Fatalf("the writer was not killed by a signal: %v\n%s", err, out)
			}
			if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("an interrupted write left a file under the final name: %v", err)
			}
			left := files(t, dir)
			if sig == "TERM" && len(left) != 0 {
				t.Errorf("SIGTERM left %v", left)
			}
			for _, name := range left {
				if !strings.HasPrefix(name, ".p.json.") || !strings.HasSuffix(name, ".tmp") {
					t.Errorf("left %s, not a temporary name", name)
				}
			}
		})
	}
}
