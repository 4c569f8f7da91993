package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/exchange"
	"rapport/model"
)

func TestBriefExport(t *testing.T) {
	f := newFixture(t)
	brief := func(account int64, title string) model.Brief {
		t.Helper()
		b := model.NewBrief(account, title, time.Now())
		b.Why = "Their loyalty programme is losing members"
		if account == f.acme.ID {
			b.People = []model.BriefPerson{{PersonID: f.zoe.ID, Framing: "Lead with the cost per member"}}
		}
		b, err := f.st.CreateBrief(f.ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	pilot := brief(f.acme.ID, "Été loyalty pilot")
	brief(f.acme.ID, "Regional rollout")
	brief(f.globx.ID, "Regional roadmap")
	brief(f.globx.ID, "2027")
	full, err := f.st.Brief(f.ctx, pilot.ID)
	if err != nil {
		t.Fatal(err)
	}
	md := exchange.BriefMarkdown(full, today())

	t.Run("OK", func(t *testing.T) {
		for _, name := range []string{"Été loyalty pilot", "ete loyalty pilot", "ÉTÉ", "ete loy", strconv.FormatInt(pilot.ID, 10)} {
			r := rapport(t, f.db, "brief", "export", name)
			r.wantCode(t, ExitOK, "brief export "+name)
			if r.stdout != md {
				t.Errorf("brief export %q printed:\n%s\nwant:\n%s", name, r.stdout, md)
			}
		}
		// Several words without quotes are one title.
		rapport(t, f.db, "brief", "export", "ete", "loyalty").wantCode(t, ExitOK, "brief export ete loyalty")
		// A title that is a number, when no brief has that id.
		r := rapport(t, f.db, "brief", "export", "2027")
		r.wantCode(t, ExitOK, "brief export 2027")
		if !strings.HasPrefix(r.stdout, "# 2027\n") {
			t.Errorf("brief export 2027 printed %q", r.stdout[:min(40, len(r.stdout))])
		}
	})

	t.Run("Ambiguous", func(t *testing.T) {
		r := rapport(t, f.db, "brief", "export", "regional")
		r.wantCode(t, ExitRuntime, "brief export regional")
		if !strings.Contains(r.stderr, `“Regional rollout” (Acme Corp)`) || !strings.Contains(r.stderr, `“Regional roadmap” (Globex)`) {
			t.Errorf("ambiguous title does not list the candidates: %q", r.stderr)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		r := rapport(t, f.db, "brief", "export", "nothing like it")
		r.wantCode(t, ExitRuntime, "brief export of an unknown title")
		if !strings.Contains(r.stderr, `no brief matches “nothing like it”`) {
			t.Errorf("stderr = %q", r.stderr)
		}
		rapport(t, f.db, "brief", "export", "loyalty").wantCode(t, ExitRuntime, "a word inside the title is not a prefix")
	})

	t.Run("Usage", func(t *testing.T) {
		rapport(t, f.db, "brief", "export").wantCode(t, ExitUsage, "brief export without a name")
		rapport(t, f.db, "brief", "export", " ").wantCode(t, ExitUsage, "brief export with a blank name")
		rapport(t, f.db, "brief").wantCode(t, ExitUsage, "brief without export")
		rapport(t, f.db, "brief", "frobnicate").wantCode(t, ExitUsage, "brief frobnicate")
	})

	t.Run("Out", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "pilot.md")
		r := rapport(t, f.db, "brief", "export", "ete", "--out", out)
		r.wantCode(t, ExitOK, "brief export --out")
		if r.stdout != "Wrote "+out+"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil || string(b) != md {
			t.Errorf("file holds %q, %v; want the Markdown", b, err)
		}
		assertPrivate(t, out)

		// An existing file is never overwritten.
		if err := os.WriteFile(out, []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
		r = rapport(t, f.db, "brief", "export", "ete", "--out", out)
		r.wantCode(t, ExitRuntime, "brief export --out over an existing file")
		if !strings.Contains(r.stderr, "already exists") {
			t.Errorf("stderr = %q", r.stderr)
		}
		if b, _ := os.ReadFile(out); string(b) != "mine" {
			t.Errorf("an existing file was overwritten: %q", b)
		}
		// Nor is a symlink followed.
		link := filepath.Join(t.TempDir(), "link.md")
		if err := os.Symlink(filepath.Join(t.TempDir(), "target.md"), link); err != nil {
			t.Fatal(err)
		}
		rapport(t, f.db, "brief", "export", "ete", "--out", link).wantCode(t, ExitRuntime, "brief export --out onto a symlink")

		r = rapport(t, f.db, "brief", "export", "ete", "--out", filepath.Join(t.TempDir(), "missing", "pilot.md"))
		r.wantCode(t, ExitRuntime, "brief export --out into a missing directory")

		// A failed export leaves no file.
		gone := filepath.Join(t.TempDir(), "gone.md")
		rapport(t, f.db, "brief", "export", "nothing like it", "--out", gone).wantCode(t, ExitRuntime, "export of an unknown brief")
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("a failed export left %s: %v", gone, err)
		}
	})
}

// assertPrivate fails unless path is a regular file only its owner can read
// and write (0600).
func assertPrivate(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if m := st.Mode(); !m.IsRegular() || m.Perm() != 0o600 {
		t.Errorf("%s has mode %v, want -rw-------", path, m)
	}
}
