package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
)

func TestVersion(t *testing.T) {
	r := rapport(t, "", "version")
	r.wantCode(t, ExitOK, "version")
	want := "rapport " + Version + " (schema "
	if !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("version printed %q, want %q…", r.stdout, want)
	}
	rapport(t, "", "version", "extra").wantCode(t, ExitUsage, "version extra")
}

// Every command, hidden ones aside, answers --help on stdout with its usage
// and exits 0, without touching the database.
func TestHelp(t *testing.T) {
	db := newDB(t)
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		path := strings.Fields(c.CommandPath())[1:]
		for _, h := range []string{"--help", "-h"} {
			r := rapport(t, db, append(append([]string{}, path...), h)...)
			r.wantCode(t, ExitOK, c.CommandPath()+" "+h)
			about := c.Short
			if c.Long != "" {
				about = strings.SplitN(c.Long, "\n", 2)[0]
			}
			if !strings.Contains(r.stdout, "Usage:") || !strings.Contains(r.stdout, about) {
				t.Errorf("%s %s:\n%s", c.CommandPath(), h, r.stdout)
			}
		}
		n++
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&env{}))
	for _, name := range []string{"today", "who", "note", "log", "remind", "brief", "export", "import", "backup", "demo", "version"} {
		r := rapport(t, db, "help", name)
		r.wantCode(t, ExitOK, "help "+name)
		if !strings.Contains(r.stdout, "rapport "+name) {
			t.Errorf("help %s:\n%s", name, r.stdout)
		}
	}
	if n < 13 {
		t.Errorf("walked %d commands; the tree is missing some", n)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("--help created the database: %v", err)
	}
}

func TestExitCodes(t *testing.T) {
	f := newFixture(t)
	notDB := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notDB, []byte("my shopping list\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tooNew := newDB(t)
	st := openStore(t, tooNew)
	if _, err := st.DB().Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, tc := range []struct {
		name string
		db   string
		args []string
		code int
		msg  string
	}{
		{"UnknownCommand", f.db, []string{"frobnicate"}, ExitUsage, `unknown command “frobnicate”`},
		{"UnknownFlag", f.db, []string{"today", "--nope"}, ExitUsage, "unknown flag: --nope"},
		{"MissingFlagValue", f.db, []string{"remind", "x", "--due"}, ExitUsage, "flag needs an argument"},
		{"ExtraArgument", f.db, []string{"today", "tomorrow"}, ExitUsage, "see rapport today --help"},
		{"BadBool", f.db, []string{"today", "--json=maybe"}, ExitUsage, `--json: "maybe" is not true or false`},
		{"NotADatabase", notDB, []string{"today"}, ExitRuntime, "is not a SQLite file"},
		{"Directory", t.TempDir(), []string{"today"}, ExitRuntime, "is a directory"},
		{"NoSuchDirectory", "/proc/rapport/x.db", []string{"remind", "x", "--due", "fri"}, ExitRuntime, "create data directory"},
		{"NoDatabase", "/proc/rapport/x.db", []string{"today"}, ExitRuntime, "no database at /proc/rapport/x.db"},
		{"NotFound", f.db, []string{"who", "nobody"}, ExitRuntime, "nobody matches"},
		{"TooNew", tooNew, []string{"remind", "x", "--due", "fri"}, ExitRuntime, "upgrade rapport; the file was left untouched"},
		{"MissingArgument", f.db, []string{"brief", "export"}, ExitUsage, "missing an argument — usage: rapport brief export NAME|ID"},
		{"TooManyArguments", f.db, []string{"note", "call", "back", "--person", "zoe"}, ExitUsage, "put text with spaces in quotes"},
		{"UnknownHelpTopic", f.db, []string{"help", "frobnicate"}, ExitUsage, `no command "frobnicate"`},
		{"CompletionWithoutShell", f.db, []string{"completion"}, ExitUsage, "say which shell"},
		{"CompletionUnknownShell", f.db, []string{"completion", "tcsh"}, ExitUsage, `unknown command “tcsh”`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rapport(t, tc.db, tc.args...)
			r.wantCode(t, tc.code, strings.Join(tc.args, " "))
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q lacks %q", r.stderr, tc.msg)
			}
			if strings.Contains(r.stderr, "goroutine") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stderr holds a stack trace: %q", r.stderr)
			}
		})
	}
	if b, _ := os.ReadFile(notDB); string(b) != "my shopping list\n" {
		t.Errorf("a file that is not a database was changed: %q", b)
	}
}

func TestDBPath(t *testing.T) {
	dir := t.TempDir()
	envDB := filepath.Join(dir, "env.db")
	t.Setenv("RAPPORT_DB", envDB)
	rapport(t, "", "remind", "from the environment", "--due", "tomorrow").wantCode(t, ExitOK, "remind with $RAPPORT_DB")
	if _, err := os.Stat(envDB); err != nil {
		t.Errorf("$RAPPORT_DB was not used: %v", err)
	}
	// --db wins over $RAPPORT_DB.
	flagDB := filepath.Join(dir, "flag.db")
	rapport(t, flagDB, "remind", "from the flag", "--due", "tomorrow").wantCode(t, ExitOK, "remind with --db")
	st := openStore(t, envDB)
	if n, err := st.CountFollowUps(t.Context(), store.FollowUpFilter{}); err != nil || n != 1 {
		t.Errorf("$RAPPORT_DB holds %d follow-ups (%v), want 1", n, err)
	}
	assertPrivate(t, flagDB)

	// Else $XDG_DATA_HOME/rapport/rapport.db, its directory 0700. Reading
	// commands do not create it; remind does.
	t.Setenv("RAPPORT_DB", "")
	xdg := filepath.Join(dir, "xdg")
	t.Setenv("XDG_DATA_HOME", xdg)
	r := rapport(t, "", "today")
	r.wantCode(t, ExitRuntime, "today before the default database exists")
	if want := "rapport: no database at " + filepath.Join(xdg, "rapport", "rapport.db") +
		" — run rapport (or rapport demo) to create one\n"; r.stderr != want {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if _, err := os.Stat(xdg); !os.IsNotExist(err) {
		t.Errorf("today created the data directory: %v", err)
	}
	rapport(t, "", "remind", "in the default place", "--due", "tomorrow").wantCode(t, ExitOK, "remind with $XDG_DATA_HOME")
	rapport(t, "", "today").wantCode(t, ExitOK, "today with $XDG_DATA_HOME")
	assertPrivate(t, filepath.Join(xdg, "rapport", "rapport.db"))
	if st, err := os.Stat(filepath.Join(xdg, "rapport")); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("data directory: %v, %v; want 0700", st.Mode(), err)
	}
}

func TestDemo(t *testing.T) {
	t.Run("RefusesData", func(t *testing.T) {
		f := newFixture(t)
		before, err := f.st.CountPeople(f.ctx, store.PersonFilter{Archived: true})
		if err != nil {
			t.Fatal(err)
		}
		r := rapport(t, f.db, "demo")
		r.wantCode(t, ExitRuntime, "demo on a database with data")
		if !strings.Contains(r.stderr, "refuses a database that already has data") || !strings.Contains(r.stderr, "--db") {
			t.Errorf("stderr = %q", r.stderr)
		}
		after, _ := f.st.CountPeople(f.ctx, store.PersonFilter{Archived: true})
		if after != before {
			t.Errorf("demo wrote into a database with data: %d people, had %d", after, before)
		}
	})
	t.Run("RefusesFollowUpsAlone", func(t *testing.T) {
		db := newDB(t)
		rapport(t, db, "remind", "mine", "--due", "tomorrow").wantCode(t, ExitOK, "remind")
		rapport(t, db, "demo").wantCode(t, ExitRuntime, "demo on a database with a follow-up")
	})
	t.Run("RefusesArchived", func(t *testing.T) {
		f := newFixture(t)
		for _, a := range []model.Account{f.acme, f.globx} {
			if err := f.st.ArchiveAccount(f.ctx, a.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		rapport(t, f.db, "demo").wantCode(t, ExitRuntime, "demo on a database with archived accounts")
	})
	t.Run("Empty", func(t *testing.T) {
		db := newDB(t)
		r := rapport(t, db, "demo")
		r.wantCode(t, ExitOK, "demo on a new database")
		if !strings.HasPrefix(r.stdout, "Loaded the small demo into "+db) || !strings.Contains(r.stdout, "rapport --db "+db) {
			t.Errorf("stdout = %q", r.stdout)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		db := newDB(t)
		r := rapport(t, db, "demo", "--size", "huge")
		r.wantCode(t, ExitUsage, "demo --size huge")
		if !strings.Contains(r.stderr, "small, large or heavy") {
			t.Errorf("stderr = %q", r.stderr)
		}
	})
}

// Run takes its arguments from its caller only, never from os.Args (which
// cobra reads when given nil).
func TestRunNilArgs(t *testing.T) {
	// Without arguments rapport opens the database for the TUI: make that
	// fail before any terminal is needed. Reading os.Args it would print
	// the version instead.
	args := os.Args
	os.Args = []string{"rapport", "version"}
	t.Cleanup(func() { os.Args = args })
	notDB := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notDB, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("RAPPORT_DB", notDB)
	var out, errb strings.Builder
	code := Run(nil, strings.NewReader(""), &out, &errb)
	if code != ExitRuntime || !strings.Contains(errb.String(), "is not a SQLite file") {
		t.Errorf("Run(nil): exit %d, %q; want the TUI's attempt to open $RAPPORT_DB", code, errb.String())
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/demo.db":         "/tmp/demo.db",
		"/tmp/my demo.db":      "'/tmp/my demo.db'",
		"/tmp/it's.db":         `'/tmp/it'\''s.db'`,
		"/tmp/$(reboot).db":    "'/tmp/$(reboot).db'",
		"":                     "''",
		"/home/zoë/rapport.db": "'/home/zoë/rapport.db'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOneLine(t *testing.T) {
	err := usagef("bad\nthing\x1b[2J  here")
	if got := oneLine(err); got != "bad ⏎ thing␛[2J here" {
		t.Errorf("oneLine = %q", got)
	}
}

// The commands that read, and note and log, which need someone a new
// database cannot hold, refuse a database file that is not there: a
// mistyped --db is an error naming the path, not an empty book, and no file
// or directory is left behind.
func TestMissingDatabase(t *testing.T) {
	f := newFixture(t) // a book to write --out files beside, and a brief to name
	out := t.TempDir()
	commands := [][]string{
		{"today"},
		{"today", "--json"},
		{"who", "zoe"},
		{"who", "zoe", "--json"},
		{"export", "--format", "json"},
		{"export", "--format", "md", "--out", filepath.Join(out, "x.md")},
		{"backup"},
		{"backup", "--out", filepath.Join(out, "x.bak")},
		{"brief", "export", "pilot"},
		{"note", "Call back", "--person", "zoe"},
		{"log", "call", "Walked through it", "--person", "zoe"},
		{"frame"},
	}
	for _, args := range commands {
		t.Run(strings.Join(args[:min(2, len(args))], " "), func(t *testing.T) {
			parent := filepath.Join(t.TempDir(), "typo")
			for _, db := range []string{filepath.Join(parent, "rapport.db"), filepath.Join(filepath.Dir(parent), "typo.db")} {
				r := rapport(t, db, args...)
				r.wantCode(t, ExitRuntime, strings.Join(args, " ")+" on a missing database")
				want := "rapport: no database at " + db + " — check the path, or run rapport (or rapport demo) with this --db to create one\n"
				if r.stderr != want {
					t.Errorf("stderr = %q, want %q", r.stderr, want)
				}
				if r.stdout != "" {
					t.Errorf("stdout = %q", r.stdout)
				}
				if _, err := os.Stat(db); !os.IsNotExist(err) {
					t.Errorf("%s created the database: %v", args[0], err)
				}
			}
			if _, err := os.Stat(parent); !os.IsNotExist(err) {
				t.Errorf("%s created the database's directory: %v", args[0], err)
			}
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("--out files were written for a missing database: %v", entries)
	}

	t.Run("Environment", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "typo", "env.db")
		t.Setenv("RAPPORT_DB", db)
		r := rapport(t, "", "who", "zoe")
		r.wantCode(t, ExitRuntime, "who on a missing $RAPPORT_DB")
		if want := "rapport: no database at " + db + " (from $RAPPORT_DB) — check the path, or run rapport (or rapport demo) to create one\n"; r.stderr != want {
			t.Errorf("stderr = %q, want %q", r.stderr, want)
		}
		if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
			t.Errorf("who created the directory of $RAPPORT_DB: %v", err)
		}
	})

	// The database that exists still opens, and a path that is not a
	// directory is an error without a stack trace.
	rapport(t, f.db, "today").wantCode(t, ExitOK, "today on the fixture")
	r := rapport(t, filepath.Join(f.db, "x.db"), "today")
	r.wantCode(t, ExitRuntime, "today below a file")
	if !strings.Contains(r.stderr, "cannot open the database "+filepath.Join(f.db, "x.db")+": not a directory") {
		t.Errorf("stderr = %q", r.stderr)
	}

	// The commands that start a book create it: demo, remind, import.
	for _, args := range [][]string{{"demo"}, {"remind", "Call back", "--due", "tomorrow"}} {
		db := filepath.Join(t.TempDir(), "new", "rapport.db")
		rapport(t, db, args...).wantCode(t, ExitOK, args[0]+" on a new database")
		assertPrivate(t, db)
		rapport(t, db, "today").wantCode(t, ExitOK, "today after "+args[0])
	}
}

// A mistyped command is answered with the commands it could be.
func TestMistypedCommandSuggests(t *testing.T) {
	f := newFixture(t)
	for args, want := range map[string]string{
		"tody":        "unknown command “tody” — did you mean today?",
		"brief exprt": "unknown command “exprt” — did you mean export?",
		"frobnicate":  "unknown command “frobnicate” (see rapport --help)",
	} {
		r := rapport(t, f.db, strings.Fields(args)...)
		r.wantCode(t, ExitUsage, args)
		if !strings.Contains(r.stderr, want) {
			t.Errorf("%s: stderr %q lacks %q", args, r.stderr, want)
		}
	}
}
