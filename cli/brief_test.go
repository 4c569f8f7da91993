package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

func TestBriefExport(t *testing.T) {
	f := newFixture(t)
	brief := func(account int64, title string) model.Brief {
		t.Helper()
		b := model.NewBrief(account, title, time.Now())
		b.Why = "Their loyalty programme is losing members"
		if account == f.acme.ID {
			b.People = []model.BriefPerson{
				{PersonID: f.zoe.ID, Framing: "Lead with the cost per member", Opening: "Zoë, you asked what a member costs us. Here is the answer."},
				{PersonID: f.dana.ID, Framing: "The brand story, with pictures"},
			}
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
	md := exchange.BriefClient(full, today())

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

// TestBriefExportVersions: the client's version by default, a person's
// with --for, the working document with --internal, all of them with --all.
func TestBriefExportVersions(t *testing.T) {
	f := newFixture(t)
	b := model.NewBrief(f.acme.ID, "Été loyalty pilot", time.Now())
	b.Why, b.ValueClient, b.ValueUs = "Their loyalty programme is losing members", "Members who stay", "A three-year renewal"
	b.People = []model.BriefPerson{
		{PersonID: f.zoe.ID, Framing: "Lead with the cost per member", Opening: "Zoë, you asked what a member costs. Here is the answer."},
		{PersonID: f.dana.ID, Framing: "The brand story, with pictures"},
	}
	b, err := f.st.CreateBrief(f.ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	full, err := f.st.Brief(f.ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	client, internal := exchange.BriefClient(full, today()), exchange.BriefInternal(full, today())
	forZoe, _ := exchange.BriefFor(full, f.zoe.ID, today())

	t.Run("OK", func(t *testing.T) {
		for _, tc := range []struct {
			args []string
			want string
		}{
			{nil, client},
			{[]string{"--internal"}, internal},
			{[]string{"--for", "zoe"}, forZoe},
			{[]string{"--for", "Zoë Durand"}, forZoe},
			{[]string{"--for", "durand"}, forZoe},
		} {
			r := rapport(t, f.db, append([]string{"brief", "export", "ete"}, tc.args...)...)
			r.wantCode(t, ExitOK, fmt.Sprintf("brief export %q", tc.args))
			if r.stdout != tc.want {
				t.Errorf("brief export %q printed:\n%s\nwant:\n%s", tc.args, r.stdout, tc.want)
			}
		}
		if !strings.Contains(forZoe, "Zoë, you asked") || strings.Contains(client, "Zoë, you asked") || !strings.Contains(internal, "A three-year renewal") {
			t.Error("the versions are not what they are named")
		}
	})

	t.Run("NoOpening", func(t *testing.T) {
		code, stdout, stderr := runRaw(f.db, "brief", "export", "ete", "--for", "dana")
		if code != ExitOK || stdout != client {
			t.Errorf("--for a person without an opening: exit %d, printed:\n%s\nwant the client version", code, stdout)
		}
		if want := "rapport: warning: Dana Smith has no opening on this brief, so this is the client version"; !strings.HasPrefix(stderr, want) ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("stderr = %q, want one line starting %q", stderr, want)
		}
	})

	t.Run("NotLinked", func(t *testing.T) {
		r := rapport(t, f.db, "brief", "export", "ete", "--for", "bob")
		r.wantCode(t, ExitRuntime, "--for a person not linked")
		if !strings.Contains(r.stderr, `nobody linked to “Été loyalty pilot” matches “bob”; its people are Zoë Durand, Dana Smith`) {
			t.Errorf("stderr = %q", r.stderr)
		}
		r = rapport(t, f.db, "brief", "export", "ete", "--for", "d")
		r.wantCode(t, ExitRuntime, "--for a beginning two people share")
		if !strings.Contains(r.stderr, "Zoë Durand (CFO), Dana Smith (Head of Marketing)") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})

	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"--for", "zoe", "--internal"},
			{"--internal", "--all", "--out", t.TempDir()},
			{"--for", " "},
			{"--all"},
		} {
			rapport(t, f.db, append([]string{"brief", "export", "ete"}, args...)...).wantCode(t, ExitUsage, fmt.Sprintf("brief export %q", args))
		}
	})

	t.Run("OutDir", func(t *testing.T) {
		dir := t.TempDir()
		r := rapport(t, f.db, "brief", "export", "ete", "--for", "zoe", "--out", dir)
		r.wantCode(t, ExitOK, "--out DIR")
		path := filepath.Join(dir, "ete-loyalty-pilot-for-zoe-durand.md")
		if r.stdout != "Wrote "+path+"\n" {
			t.Errorf("stdout = %q", r.stdout)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != forZoe {
			t.Errorf("%s holds %q, %v", path, got, err)
		}
		assertPrivate(t, path)
		rapport(t, f.db, "brief", "export", "ete", "--for", "zoe", "--out", dir).wantCode(t, ExitRuntime, "--out DIR again")
	})

	t.Run("All", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "briefs")
		r := rapport(t, f.db, "brief", "export", "ete", "--all", "--out", dir)
		r.wantCode(t, ExitOK, "--all")
		want := map[string]string{
			"ete-loyalty-pilot.md":                client,
			"ete-loyalty-pilot-for-zoe-durand.md": forZoe,
			"ete-loyalty-pilot-for-dana-smith.md": client,
			"ete-loyalty-pilot-internal.md":       internal,
		}
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) != len(want) {
			t.Fatalf("%s holds %v, %v; want %d files", dir, entries, err, len(want))
		}
		for name, md := range want {
			path := filepath.Join(dir, name)
			if got, err := os.ReadFile(path); err != nil || string(got) != md {
				t.Errorf("%s holds %q, %v", name, got, err)
			}
			assertPrivate(t, path)
			if !strings.Contains(r.stdout, "Wrote "+path+" — ") {
				t.Errorf("stdout does not say it wrote %s: %q", name, r.stdout)
			}
		}
		if !strings.Contains(r.stdout, "ete-loyalty-pilot-internal.md — INTERNAL — do not send\n") {
			t.Errorf("stdout does not mark the internal file: %q", r.stdout)
		}
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("the directory made: %v, %v; want 0700", st.Mode(), err)
		}

		// A second run refuses before writing anything.
		if err := os.Remove(filepath.Join(dir, "ete-loyalty-pilot.md")); err != nil {
			t.Fatal(err)
		}
		r = rapport(t, f.db, "brief", "export", "ete", "--all", "--out", dir)
		r.wantCode(t, ExitRuntime, "--all into a directory that holds the files")
		if !strings.Contains(r.stderr, "already exists") {
			t.Errorf("stderr = %q", r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "ete-loyalty-pilot.md")); !os.IsNotExist(err) {
			t.Errorf("a refused --all wrote the client file: %v", err)
		}
	})
}

// TestBriefExportDemoLeaksNothing exports every brief of the small demo for
// the client and for each linked person: none holds the value to us, a
// framing, a role or stance word, or the stage history. The internal
// version of each holds them, so the check can fail.
func TestBriefExportDemoLeaksNothing(t *testing.T) {
	db := newDB(t)
	rapport(t, db, "demo").wantCode(t, ExitOK, "demo")
	st := openStore(t, db)
	page, err := st.Briefs(context.Background(), store.BriefFilter{Archived: true}, store.PageReq{Limit: store.MaxPage})
	if err != nil || len(page.Items) < 5 {
		t.Fatalf("demo briefs: %d, %v", len(page.Items), err)
	}
	st.Close()
	words := []string{"stage history", "value to us", "framing", "supporter", "neutral", "sceptic", "opponent", "influence"}
	for _, r := range model.Roles {
		words = append(words, string(r))
	}
	opened := 0
	for _, b := range page.Items {
		id := strconv.FormatInt(b.ID, 10)
		var texts []string // the brief's own internal text: the value to us, the framings
		if v := strings.TrimSpace(b.ValueUs); v != "" {
			texts = append(texts, v)
		}
		for _, p := range b.People {
			if f := strings.TrimSpace(p.Framing); f != "" {
				texts = append(texts, f)
			}
		}
		internal := rapport(t, db, "brief", "export", id, "--internal")
		internal.wantCode(t, ExitOK, "brief export --internal "+id)
		for _, w := range append([]string{"stage history"}, texts...) {
			if !containsWord(internal.stdout, w) {
				t.Errorf("%q: the internal version lacks %q", b.Title, w)
			}
		}
		secret := append(slices.Clone(words), texts...)
		versions := map[string]string{"client": rapport(t, db, "brief", "export", id).stdout}
		for _, p := range b.People {
			code, out, _ := runRaw(db, "brief", "export", id, "--for", p.Name)
			if code != ExitOK {
				t.Fatalf("brief export %s --for %s: exit %d", id, p.Name, code)
			}
			if p.HasOpening() {
				opened++
				if !strings.Contains(out, strings.Fields(p.Opening)[0]) {
					t.Errorf("%q for %s does not open with the opening", b.Title, p.Name)
				}
			}
			versions["for "+p.Name] = out
		}
		for name, md := range versions {
			for _, w := range secret {
				if containsWord(md, w) {
					t.Errorf("%q, version %s, holds %q:\n%s", b.Title, name, w, md)
				}
			}
		}
	}
	if opened == 0 {
		t.Error("no linked person of the demo has an opening")
	}
}

// containsWord reports whether s holds w as whole words, ignoring case.
func containsWord(s, w string) bool {
	return regexp.MustCompile(`(?i)(^|\W)` + regexp.QuoteMeta(w) + `($|\W)`).MatchString(s)
}

// runRaw runs the command line and returns what it printed, with no checks:
// for runs that succeed with a warning.
func runRaw(db string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
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
