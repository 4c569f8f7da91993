package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"rapport/model"
)

// migrationsUpTo returns the embedded migrations numbered up to n, plus
// extra files, as a file system to swap in for migrationFS.
func migrationsUpTo(t *testing.T, n int, extra map[string]string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	entries, err := fs.ReadDir(embeddedMigrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if v, _ := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0]); v > n {
			continue
		}
		b, err := fs.ReadFile(embeddedMigrations, "migrations/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, script := range extra {
		out["migrations/"+name] = &fstest.MapFile{Data: []byte(script)}
	}
	return out
}

// TestMigrationToBriefOpenings upgrades a schema-2 file holding a brief
// with a framing: the framing stays, every linked person gets an empty
// opening, and a backup of the schema-2 file is beside it. The migration
// is number 5 whether or not 3 and 4 are in this build yet: a number
// without a file applies as nothing, and with the files there every one
// runs, in order.
func TestMigrationToBriefOpenings(t *testing.T) {
	ctx := context.Background()
	defer func() { migrationFS = embeddedMigrations }()
	withAll := migrationsUpTo(t, math.MaxInt, nil)
	var stand []string // tables made by migrations standing in for 3 and 4 where this build has none
	for n := 3; n <= 4; n++ {
		if m, _ := fs.Glob(withAll, fmt.Sprintf("migrations/%04d_*.sql", n)); len(m) == 0 {
			table := fmt.Sprintf("made_by_%d", n)
			withAll[fmt.Sprintf("migrations/%04d_stand_in.sql", n)] = &fstest.MapFile{Data: []byte("CREATE TABLE " + table + " (x INTEGER);")}
			stand = append(stand, table)
		}
	}
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		made []string // tables the migrations between 2 and 5 make
	}{
		{name: "this build", fs: migrationsUpTo(t, math.MaxInt, nil)},
		{name: "3 and 4 in place", fs: withAll, made: stand},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "r.db")
			migrationFS = migrationsUpTo(t, 2, nil)
			st, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			// Written as rapport wrote them at schema 2: today's code writes
			// today's columns.
			acc := model.Account{ID: 1}
			p := model.Person{ID: 1}
			if _, err := st.db.Exec(`INSERT INTO account (id, uid, name, name_fold, created_at, updated_at)
				VALUES (1, 'a1', 'Acme', 'acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
				INSERT INTO person (id, uid, account_id, name, name_fold, created_at, updated_at)
				VALUES (1, 'p1', 1, 'Dana Whit', 'dana whit', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`); err != nil {
				t.Fatal(err)
			}
			// Schema 2 has no opening: the brief goes in as rapport wrote it then.
			if _, err := st.db.Exec(`INSERT INTO brief (id, uid, account_id, title, title_fold, stage, stage_rank, stage_since, created_at, updated_at)
				VALUES (1, 'b1', ?, 'Loyalty', 'loyalty', 'understand needs', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, acc.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := st.db.Exec("INSERT INTO brief_person (brief_id, person_id, position, framing) VALUES (1, ?, 0, 'numbers first')", p.ID); err != nil {
				t.Fatal(err)
			}
			st.Close()

			migrationFS = tc.fs
			if st, err = Open(ctx, path); err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			var v int
			st.db.QueryRow("PRAGMA user_version").Scan(&v)
			if v != SchemaVersion() || v < 5 {
				t.Fatalf("user_version = %d, want %d", v, SchemaVersion())
			}
			b, err := st.Brief(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.People) != 1 || b.People[0].Framing != "numbers first" || b.People[0].Opening != "" {
				t.Errorf("people after migrating: %+v", b.People)
			}
			for _, table := range tc.made {
				var n int
				st.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = ?", table).Scan(&n)
				if n != 1 {
					t.Errorf("table %s was not made: a migration between 2 and 5 did not run", table)
				}
			}
			if backups, _ := filepath.Glob(filepath.Join(dir, "r.db.v2-*.bak")); len(backups) != 1 {
				t.Errorf("backups = %v, want one of schema 2", backups)
			}
		})
	}
}

// TestMigrationRefoldsNames: a book written before names were folded
// without marks finds O'Brien by "obrien" once migrated.
func TestMigrationRefoldsNames(t *testing.T) {
	ctx := context.Background()
	defer func() { migrationFS = embeddedMigrations }()
	path := filepath.Join(t.TempDir(), "r.db")
	migrationFS = migrationsUpTo(t, 3, nil)
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(`INSERT INTO account (id, uid, name, name_fold, created_at, updated_at)
		VALUES (1, 'a1', 'Acme', 'acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
		INSERT INTO person (id, uid, account_id, name, name_fold, title, created_at, updated_at)
		VALUES (1, 'p1', 1, 'Seán O''Brien', 'sean o''brien', 'Head of Buying', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	migrationFS = embeddedMigrations
	if st, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{"obrien", "buying"} {
		if n, err := st.CountPeople(ctx, PersonFilter{Query: q}); err != nil || n != 1 {
			t.Errorf("/%s after migrating: %d, %v", q, n, err)
		}
	}
	if hits, err := st.Search(ctx, "obrien", 5); err != nil || len(hits) != 1 || hits[0].Title != "Seán O'Brien" {
		t.Errorf("quick find obrien after migrating: %+v, %v", hits, err)
	}
}

// TestMigrationAppliedMeanwhile: two rapports opening the same old book at
// once both migrate it; the one that gets the write lock second finds the
// migration applied and skips it, rather than failing on a column that is
// already there (schema 4 adds columns).
func TestMigrationAppliedMeanwhile(t *testing.T) {
	ctx := context.Background()
	defer func() { migrationFS = embeddedMigrations }()
	migrationFS = migrationsUpTo(t, 3, nil)
	path := filepath.Join(t.TempDir(), "r.db")
	old, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	migrationFS = embeddedMigrations
	first, err := Open(ctx, path) // migrates to the latest schema
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	// old still believes the book is at schema 3, as a second rapport
	// that read the version before the first migrated would.
	migs, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := old.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for v := 4; v <= len(migs); v++ {
		if err := applyMigration(ctx, conn, v, len(migs), migs[v-1]); err != nil {
			t.Fatalf("schema %d, applied meanwhile: %v", v, err)
		}
	}
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != len(migs) {
		t.Fatalf("schema %d (%v), want %d", version, err, len(migs))
	}
	// A rapport that knows one schema fewer finds the book past what it
	// knows, not "done".
	if err := applyMigration(ctx, conn, len(migs)-1, len(migs)-1, migs[len(migs)-2]); !errors.Is(err, ErrTooNew) {
		t.Errorf("a book upgraded past this rapport meanwhile: %v, want ErrTooNew", err)
	}
	old.Close()
}
