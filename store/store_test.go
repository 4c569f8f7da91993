package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"rapport/model"
)

var testNow = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func openTest(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "r.db"), WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data", "rapport")
	path := filepath.Join(dir, "rapport.db")
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateAccount(context.Background(), model.Account{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode = %o, want %o", filepath.Base(p), got, want)
		}
	}
	bak, err := st.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(bak); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %o, want 600", fi.Mode().Perm())
	}
}

func TestPragmasOnEveryConnection(t *testing.T) {
	st := openTest(t)
	ctx := context.Background()
	var conns []*sql.Conn
	for i := 0; i < 4; i++ {
		c, err := st.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var fk, sync, busy int
		var mode string
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
		c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
		if fk != 1 || sync != 2 || busy != int(BusyTimeout.Milliseconds()) || mode != "wal" {
			t.Errorf("conn %d: foreign_keys=%d synchronous=%d busy_timeout=%d journal_mode=%s", i, fk, sync, busy, mode)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestMigrationsFromEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v, app int
	st.db.QueryRow("PRAGMA user_version").Scan(&v)
	st.db.QueryRow("PRAGMA application_id").Scan(&app)
	if v != SchemaVersion() || app != ApplicationID {
		t.Errorf("user_version=%d application_id=%x, want %d %x", v, app, SchemaVersion(), ApplicationID)
	}
	for _, table := range []string{"account", "person", "note", "touch", "touch_person", "health_check", "brief", "brief_check", "brief_person", "stage_change", "follow_up", "search"} {
		var n int
		if err := st.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing", table)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	t.Run("NotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		content := []byte("my shopping list\nmilk\n")
		os.WriteFile(path, content, 0o644)
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("err = %v, want ErrNotDatabase", err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != string(content) {
			t.Error("the file was changed")
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Error("a -wal file was created beside it")
		}
	})
	t.Run("OtherSQLiteDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		db, _ := sql.Open("sqlite", path)
		db.Exec("CREATE TABLE t (x)")
		db.Close()
		before, _ := os.ReadFile(path)
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("err = %v, want ErrNotDatabase", err)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Error("the file was changed")
		}
	})
	t.Run("NewerSchema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.db")
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		st.db.Exec("PRAGMA user_version = 999")
		st.Close()
		before, _ := os.ReadFile(path)
		_, err = Open(ctx, path)
		if !errors.Is(err, ErrTooNew) {
			t.Fatalf("err = %v, want ErrTooNew", err)
		}
		after, _ := os.ReadFile(path)
		if string(before) != string(after) {
			t.Error("the file was changed")
		}
	})
	t.Run("Directory", func(t *testing.T) {
		_, err := Open(ctx, t.TempDir())
		if !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("err = %v, want ErrNotDatabase", err)
		}
	})
	// A FIFO given as the database used to hang the open for ever; a FIFO,
	// a device and a directory are refused at once, in words.
	t.Run("FIFO", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "pipe.db")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		_, err := Open(ctx, path)
		if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), "named pipe") {
			t.Fatalf("err = %v, want ErrNotDatabase naming a pipe", err)
		}
	})
	t.Run("Device", func(t *testing.T) {
		_, err := Open(ctx, os.DevNull)
		if !errors.Is(err, ErrNotDatabase) || !strings.Contains(err.Error(), "device") {
			t.Fatalf("err = %v, want ErrNotDatabase naming a device", err)
		}
	})
	t.Run("EmptyAndReadOnly", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		os.WriteFile(path, nil, 0o600)
		_, err := Open(ctx, path, ReadOnly())
		if !errors.Is(err, ErrReadOnly) {
			t.Fatalf("err = %v, want ErrReadOnly", err)
		}
	})
}

// An existing empty file given as the database (touch, mktemp) used to be
// adopted at its mode — 0644, or 0666 under umask 000; it is made 0600.
func TestOpenEmptyFileIsMadePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "touched.db")
	if err := os.WriteFile(path, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// A database that cannot be written is read, and a write says it is
// read-only in words; nothing touches the file. Opened read-only on
// purpose, as here, or because its file or folder cannot be written (the
// command line's tests cover those as a user without the right).
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	acc, err := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	before, _ := os.ReadFile(path)

	ro, err := Open(ctx, path, ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() is false")
	}
	if got, err := ro.Account(ctx, acc.ID); err != nil || got.Name != "Acme" {
		t.Errorf("read %+v, %v", got, err)
	}
	if _, err := ro.Agenda(ctx, AgendaReq{}); err != nil {
		t.Errorf("agenda: %v", err)
	}
	if _, err := ro.Export(ctx); err != nil {
		t.Errorf("export: %v", err)
	}
	_, err = ro.CreateNote(ctx, model.Note{AccountID: acc.ID, Text: "x"})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(model.Sentence(err), "read-only") || strings.Contains(err.Error(), "(8)") {
		t.Errorf("a write: %v, want ErrReadOnly in words", err)
	}
	if _, err := ro.Import(ctx, model.Dataset{Accounts: []model.Account{{Name: "Globex"}}}, ImportOptions{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("an import: %v, want ErrReadOnly", err)
	}
	if res, err := ro.Import(ctx, model.Dataset{Accounts: []model.Account{{Name: "Globex"}}}, ImportOptions{DryRun: true}); err != nil ||
		res.Accounts.Created != 1 {
		t.Errorf("a dry run: %+v, %v", res, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}

	t.Run("OldSchema", func(t *testing.T) {
		path := schemaOneFile(t)
		before, _ := os.ReadFile(path)
		_, err := Open(ctx, path, ReadOnly())
		if !errors.Is(err, ErrOldSchema) || !errors.Is(err, ErrReadOnly) {
			t.Errorf("err = %v, want ErrOldSchema", err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the file changed")
		}
		if m, _ := filepath.Glob(path + ".v*.bak"); len(m) != 0 {
			t.Errorf("backups written: %v", m)
		}
	})
}

// schemaOneFile makes a database of schema 1 holding one account, Acme.
func schemaOneFile(t *testing.T) string {
	t.Helper()
	first, err := fs.ReadFile(embeddedMigrations, "migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { migrationFS = embeddedMigrations }()
	migrationFS = fstest.MapFS{"migrations/0001_init.sql": {Data: first}}
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateAccount(context.Background(), model.Account{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	return path
}

// A dry run against a file of an older schema runs on a scratch copy: the
// file is neither migrated nor backed up.
func TestScratchCopy(t *testing.T) {
	ctx := context.Background()
	path := schemaOneFile(t)
	before, _ := os.ReadFile(path)
	st, err := ScratchCopy(ctx, path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Import(ctx, model.Dataset{Accounts: []model.Account{{Name: "Globex"}}}, ImportOptions{DryRun: true})
	if err != nil || res.Accounts.Created != 1 {
		t.Errorf("dry run on the copy: %+v, %v", res, err)
	}
	if n, err := st.CountAccounts(ctx, AccountFilter{}); n != 1 || err != nil {
		t.Errorf("the copy holds %d accounts, %v", n, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the file changed")
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.bak")); len(m) != 0 {
		t.Errorf("backups written: %v", m)
	}
}

// TestMigrationBacksUpFirst migrates a file of the current schema to one
// more migration: a backup of the file as it was comes first.
func TestMigrationBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateAccount(ctx, model.Account{Name: "Kept"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	defer func() { migrationFS = embeddedMigrations }()
	now := SchemaVersion()
	next := fstest.MapFS{
		fmt.Sprintf("migrations/%04d_extra.sql", now+1): {Data: []byte("ALTER TABLE account ADD COLUMN extra TEXT NOT NULL DEFAULT '';")},
	}
	entries, err := fs.ReadDir(embeddedMigrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(embeddedMigrations, "migrations/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		next["migrations/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	migrationFS = next
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v int
	st.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != now+1 {
		t.Errorf("user_version = %d, want %d", v, now+1)
	}
	if n, err := st.CountAccounts(ctx, AccountFilter{}); n != 1 || err != nil {
		t.Errorf("accounts after migrating = %d, %v; want 1", n, err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("r.db.v%d-*.bak", now)))
	if len(backups) != 1 {
		t.Fatalf("backups = %v, want one", backups)
	}
	if err := IntegrityCheck(ctx, backups[0]); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(backups[0])
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode = %o, want 600", fi.Mode().Perm())
	}
	old, err := sql.Open("sqlite", "file:"+backups[0]+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	var name string
	var ov int
	old.QueryRow("SELECT name FROM account").Scan(&name)
	old.QueryRow("PRAGMA user_version").Scan(&ov)
	if name != "Kept" || ov != now {
		t.Errorf("backup holds %q at schema %d, want Kept at %d", name, ov, now)
	}
}

// TestMigrationToAgendaIndexes upgrades a schema-1 file holding statistics
// to the current schema: the agenda's indexes are rebuilt with the columns
// they count by, the data is all there, and the statistics cover the new
// indexes.
func TestMigrationToAgendaIndexes(t *testing.T) {
	ctx := context.Background()
	first, err := fs.ReadFile(embeddedMigrations, "migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { migrationFS = embeddedMigrations }()
	migrationFS = fstest.MapFS{"migrations/0001_init.sql": {Data: first}}
	path := filepath.Join(t.TempDir(), "r.db")
	st, err := Open(ctx, path, WithClock(func() time.Time { return fuNow }))
	if err != nil {
		t.Fatal(err)
	}
	acc := liveBesideArchived(t, st, "Kept")
	if _, err := st.CreateNote(ctx, model.Note{AccountID: acc.ID, Text: "ask", AskAfter: model.MustDate("2026-03-01")}); err != nil {
		t.Fatal(err)
	}
	if err := st.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()

	migrationFS = embeddedMigrations
	if st, err = Open(ctx, path, WithClock(func() time.Time { return fuNow })); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v int
	st.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() || v < 2 {
		t.Fatalf("user_version = %d, want %d", v, SchemaVersion())
	}
	var cols []string
	rows, err := st.db.Query("SELECT name FROM pragma_index_info('note_ask') ORDER BY seqno")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	if strings.Join(cols, ",") != "ask_after,id,person_id,account_id" {
		t.Errorf("note_ask columns = %v", cols)
	}
	for _, idx := range []string{"account_archived", "note_ask"} {
		var n int
		st.db.QueryRow("SELECT count(*) FROM sqlite_stat1 WHERE idx = ?", idx).Scan(&n)
		if n != 1 {
			t.Errorf("statistics of %s after migrating: %d rows, want 1", idx, n)
		}
	}
	a, err := st.Agenda(ctx, AgendaReq{Today: fuToday})
	if err != nil {
		t.Fatal(err)
	}
	if a.Counts.AskAbout != 1 || len(a.AskAbout) != 1 || a.AskAbout[0].AccountName != "Kept" {
		t.Errorf("ask-about after migrating = %d %+v, want the one note", a.Counts.AskAbout, a.AskAbout)
	}
}

func TestMigrationsOutOfSequence(t *testing.T) {
	defer func() { migrationFS = embeddedMigrations }()
	for name, files := range map[string][]string{
		"a number twice": {"0001_init.sql", "0002_a.sql", "0002_b.sql"},
		"not a number":   {"0001_init.sql", "next_a.sql"},
		"no number 0":    {"0000_init.sql"},
	} {
		m := fstest.MapFS{}
		for _, f := range files {
			m["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		migrationFS = m
		if _, err := migrations(); err == nil || !strings.Contains(err.Error(), "out of sequence") {
			t.Errorf("%s: %v, want out of sequence", name, err)
		}
	}
	migrationFS = fstest.MapFS{
		"migrations/0001_init.sql": {Data: []byte("SELECT 1;")},
		"migrations/0004_late.sql": {Data: []byte("SELECT 4;")},
	}
	m, err := migrations()
	if err != nil || len(m) != 4 || m[1] != "" || m[2] != "" || m[3] != "SELECT 4;" {
		t.Errorf("with a gap: %q, %v; want four, the 2nd and 3rd empty", m, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// liveBesideArchived creates an account called name and, beside it, an
// archived one, so that what leaves out archived accounts has one to leave.
func liveBesideArchived(t *testing.T, st *Store, name string) model.Account {
	t.Helper()
	ctx := context.Background()
	acc, err := st.CreateAccount(ctx, model.Account{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := st.CreateAccount(ctx, model.Account{Name: "Gone"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ArchiveAccount(ctx, gone.ID, true); err != nil {
		t.Fatal(err)
	}
	return acc
}

// twoHandles opens one file twice, as two processes would.
func twoHandles(t *testing.T) (a, b *Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.db")
	var err error
	if a, err = Open(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if b, err = Open(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

func TestConcurrentWritersNeverLock(t *testing.T) {
	ctx := context.Background()
	a, b := twoHandles(t)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for w, st := range []*Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if _, err := st.CreateAccount(ctx, model.Account{Name: "w" + itoa(w) + "-" + itoa(i)}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	n, _ := a.CountAccounts(ctx, AccountFilter{})
	if n != 100 {
		t.Errorf("accounts = %d, want 100", n)
	}
}

// TestDataVersionSeesOtherWriters: a second handle on the file (another
// process, in life) commits, and the first one's data version moves; with
// nothing committed it stays.
func TestDataVersionSeesOtherWriters(t *testing.T) {
	ctx := context.Background()
	a, b := twoHandles(t)
	v1, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := a.DataVersion(ctx); v != v1 {
		t.Errorf("data version moved from %d to %d with nothing written", v1, v)
	}
	if _, err := b.CreateAccount(ctx, model.Account{Name: "Written elsewhere"}); err != nil {
		t.Fatal(err)
	}
	if v, _ := a.DataVersion(ctx); v == v1 {
		t.Errorf("data version stayed %d after another handle wrote", v)
	}
}

// A full disk said "the disk is full: the disk is full: database or disk
// is full (13)" for an import; every write says it once, in words.
func TestDiskFullSaysSoOnce(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	acc, err := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	// One connection, which may not grow the file: SQLite's "disk full".
	st.db.SetMaxOpenConns(1)
	var pages int
	if err := st.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("a long note ", 2000)
	_, noteErr := st.CreateNote(ctx, model.Note{AccountID: acc.ID, Text: long})
	_, importErr := st.Import(ctx, model.Dataset{Notes: []model.Note{{AccountUID: acc.UID, Text: long, On: model.MustDate("2026-01-02")}}}, ImportOptions{})
	for what, err := range map[string]error{"note": noteErr, "import": importErr} {
		msg := model.Sentence(err)
		if !errors.Is(err, ErrDiskFull) || strings.Count(msg, "full") != 1 || strings.Contains(msg, "(13)") {
			t.Errorf("%s on a full disk: %q", what, msg)
		}
	}
}
