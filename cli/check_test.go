package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawExec runs statements on a database file directly, around rapport's
// rules (foreign keys off), to damage it on purpose.
func rawExec(t *testing.T, db string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Run("Sound", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "r.db")
		bookAt(t, db)
		before := mustRead(t, db)
		r := rapport(t, db, "check")
		r.wantCode(t, ExitOK, "check")
		for _, want := range []string{"the file (pages, records and indexes): sound", "the links between records: sound",
			"the search index: sound", "All sound."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("check lacks %q:\n%s", want, r.stdout)
			}
		}
		if !strings.Contains(string(before), "SQLite") || string(before) != string(mustRead(t, db)) {
			t.Error("check changed the file")
		}
	})
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, db string)
		want   []string
	}{
		{"BrokenLinks", func(t *testing.T, db string) {
			rawExec(t, db, "PRAGMA foreign_keys = OFF",
				"INSERT INTO note (uid, account_id, person_id, kind, text, on_date, created_at, updated_at) "+
					"VALUES ('n-lost', 1, 999, 'business', 'lost', '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
		}, []string{"the links between records: 1 problem", "1 note links to a person that is not there"}},
		{"SearchIndex", func(t *testing.T, db string) {
			rawExec(t, db, "DELETE FROM search_data WHERE id > 10")
		}, []string{"the search index: "}},
		{"DamagedFile", func(t *testing.T, db string) {
			rawExec(t, db, "PRAGMA wal_checkpoint(TRUNCATE)")
			b := mustRead(t, db)
			for i := 4096 * 3; i < 4096*5 && i < len(b); i++ {
				b[i] = 0xA5
			}
			os.WriteFile(db, b, 0o600)
		}, []string{"the file (pages, records and indexes): "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "r.db")
			bookAt(t, db)
			rapport(t, db, "backup").wantCode(t, ExitOK, "backup")
			tc.damage(t, db)
			r := rapport(t, db, "check")
			r.wantCode(t, ExitRuntime, "check of a damaged file")
			for _, want := range append(tc.want, "What to do", "Restore the last backup, r.db.", "export --format json --out rescue.json") {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("check lacks %q:\n%s", want, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, "the database has problems") {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
	t.Run("NotThere", func(t *testing.T) {
		r := rapport(t, filepath.Join(t.TempDir(), "none.db"), "check")
		r.wantCode(t, ExitRuntime, "check of nothing")
		if !strings.Contains(r.stderr, "no database at") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
}
