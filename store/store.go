// Package store is the only package that speaks SQL. It keeps rapport's data
// in one SQLite file (modernc.org/sqlite, no cgo) and returns model types.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"rapport/model"
)

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// migrationFS is where the numbered migrations are read from; tests swap it.
var migrationFS fs.FS = embeddedMigrations

// ApplicationID marks a SQLite file as rapport's ("RAPT"), so rapport never
// migrates somebody else's database.
const ApplicationID = 0x52415054

// BusyTimeout is how long a statement waits for another process's write lock
// (a cron `rapport remind` while the TUI saves) before giving up.
const BusyTimeout = 10 * time.Second

// Errors Open returns, each with a message fit for the user.
var (
	ErrNotDatabase = errors.New("not a rapport database")
	ErrTooNew      = errors.New("database is from a newer rapport")
	ErrReadOnly    = errors.New("database is read-only")
)

// Store is an open rapport database.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	loc  *time.Location

	watchMu sync.Mutex
	watch   *sql.Conn // DataVersion's own connection
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store stamp records with now() instead of time.Now;
// tests and the demo use it.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open opens (creating if needed) the database at path, applying the file
// rules of rapport: directory 0700, file 0600, WAL, pragmas on every
// connection, and migrations with a backup beforehand.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now, loc: time.Local}
	for _, o := range opts {
		o(s)
	}
	fresh, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// A few connections let reads run beside a write; WAL keeps them apart.
	// (One more is DataVersion's, held while the store is open.)
	db.SetMaxOpenConns(5)
	db.SetMaxIdleConns(5)
	db.SetConnMaxIdleTime(0)
	s.db = db
	if err := s.init(ctx, fresh); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn builds the connection string: every connection gets busy_timeout,
// foreign keys and synchronous=FULL (a saved item survives a power cut), and
// every write transaction begins IMMEDIATE so two processes queue for the
// write lock instead of failing with "database is locked" mid-transaction.
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "trusted_schema(0)")
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

var sqliteHeader = []byte("SQLite format 3\x00")

// prepareFile creates the directory (0700) and an empty file (0600) when
// missing, and refuses files that are not SQLite before SQLite touches them.
// It reports whether the file is new.
func prepareFile(path string) (fresh bool, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, fmt.Errorf("store: create data directory %s: %w", dir, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		f.Close()
		return true, os.Chmod(path, 0o600)
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, fmt.Errorf("store: create %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("store: %s: %w", path, err)
	}
	if st.IsDir() {
		return false, fmt.Errorf("%w: %s is a directory", ErrNotDatabase, path)
	}
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return false, fmt.Errorf("%w: %s cannot be written (check its permissions)", ErrReadOnly, path)
		}
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return true, nil // an empty file, e.g. made by mktemp: start fresh
	}
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return false, fmt.Errorf("%w: %s is not a SQLite file; rapport leaves it as it is", ErrNotDatabase, path)
	}
	return false, nil
}

func (s *Store) init(ctx context.Context, fresh bool) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.openErr(err)
	}
	defer conn.Close()
	var appID, version int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.openErr(err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return s.openErr(err)
	}
	migs, err := migrations()
	if err != nil {
		return err
	}
	if appID != ApplicationID {
		var tables int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return s.openErr(err)
		}
		if appID != 0 || tables > 0 || version != 0 {
			return fmt.Errorf("%w: %s is a SQLite database of another program; rapport leaves it as it is", ErrNotDatabase, s.path)
		}
		fresh = true
	}
	if version > len(migs) {
		return fmt.Errorf("%w: %s has schema %d, this rapport knows up to %d — upgrade rapport; the file was left untouched",
			ErrTooNew, s.path, version, len(migs))
	}
	if fresh {
		// WAL is a property of the file: set once, it stays.
		if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return s.openErr(err)
		}
	}
	if version == len(migs) {
		return nil
	}
	if version > 0 {
		if _, err := s.backup(ctx, conn, s.migrationBackupPath(version)); err != nil {
			return fmt.Errorf("store: back up before migrating: %w", err)
		}
	}
	for i := version; i < len(migs); i++ {
		if err := applyMigration(ctx, conn, i+1, migs[i]); err != nil {
			return err
		}
	}
	if version > 0 {
		// Statistics only speed queries up: the migrated file is fine
		// without fresh ones, so a failure here does not fail Open.
		_ = refreshStats(ctx, conn)
	}
	return nil
}

// refreshStats gathers the planner's statistics again after a migration of a
// file that had them, so indexes the migration made are planned with numbers
// rather than guesses. A file without statistics is left without.
func refreshStats(ctx context.Context, conn *sql.Conn) error {
	var has bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1')").Scan(&has); err != nil {
		return mapErr(err)
	}
	if !has {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("store: statistics after migrating: %w", mapErr(err))
	}
	return nil
}

func (s *Store) migrationBackupPath(version int) string {
	return fmt.Sprintf("%s.v%d-%s.bak", s.path, version, s.now().UTC().Format("20060102-150405"))
}

// migrations returns the embedded migration scripts in order; file names start
// with their number (0001_init.sql), the schema version the script makes.
// A number may be kept for a migration written on another branch: until
// that file is merged, its number applies as nothing. A database migrated
// past such a gap never gets the missing script, so a build with a gap is
// for development only, never for a real book.
func migrations() ([]string, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil || n <= len(out) {
			return nil, fmt.Errorf("store: migration %s is out of sequence", e.Name())
		}
		for len(out) < n-1 {
			out = append(out, "")
		}
		b, err := fs.ReadFile(migrationFS, "migrations/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// SchemaVersion is the schema this build of rapport writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

func applyMigration(ctx context.Context, conn *sql.Conn, version int, script string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return fmt.Errorf("store: migration %d: %w", version, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d; PRAGMA user_version=%d", ApplicationID, version)); err != nil {
		return fmt.Errorf("store: migration %d: %w", version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: migration %d: %w", version, mapErr(err))
	}
	return nil
}

// openErr turns errors from the first statements on a file into messages
// that say what is wrong with the file.
func (s *Store) openErr(err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %s is not a SQLite database", ErrNotDatabase, s.path)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w: %s is damaged (SQLite reports corruption); restore a backup", ErrNotDatabase, s.path)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w: %s cannot be opened for writing", ErrReadOnly, s.path)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("store: %s is locked by another program; try again", s.path)
	}
	return fmt.Errorf("store: open %s: %w", s.path, err)
}

// Close closes the database.
func (s *Store) Close() error {
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	return s.db.Close()
}

// DataVersion is a number that changes when anything is committed to the
// file by another connection — another rapport process (a cron remind, a
// note from the shell) or this one's own writes — so a screen can tell it
// has something new to show. It reads SQLite's data_version on a
// connection of its own, as the pragma requires; the call is cheap.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watch == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("store: data version: %w", mapErr(err))
		}
		s.watch = c
	}
	var v int64
	if err := s.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		s.watch.Close() // the next call opens a fresh connection
		s.watch = nil
		return 0, fmt.Errorf("store: data version: %w", mapErr(err))
	}
	return v, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// DB exposes the handle to tests and benchmarks in this package's tree.
func (s *Store) DB() *sql.DB { return s.db }

// Optimize updates the query planner's statistics; run after bulk loads.
func (s *Store) Optimize(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "ANALYZE; PRAGMA optimize")
	return mapErr(err)
}

// write runs fn in one IMMEDIATE transaction.
func (s *Store) write(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, mapErr(err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return wrapErr(what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", what, mapErr(err))
	}
	return nil
}

// read runs fn in one read transaction, so its queries see one snapshot.
func (s *Store) read(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, mapErr(err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return wrapErr(what, err)
	}
	return nil
}

// wrapErr says what was being done, keeping model errors and validation
// messages readable ("store: create account: name: is required").
func wrapErr(what string, err error) error {
	err = mapErr(err)
	var fe *model.FieldError
	if errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// mapErr maps driver errors to model errors.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.ErrNotFound
	}
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		code := sqliteCode(err)
		if code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			return fmt.Errorf("%w: %v", model.ErrConflict, err)
		}
		return fmt.Errorf("%w: %v", model.ErrInvalid, err)
	case sqlite3.SQLITE_BUSY:
		return fmt.Errorf("the database is busy in another rapport for too long; try again: %w", err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w: %v", ErrReadOnly, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("the disk is full: %w", err)
	}
	return err
}

func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()
	}
	return 0
}

// Timestamps are stored in UTC with millisecond precision, so what is read
// back equals what is exported and imported.
const tsLayout = "2006-01-02T15:04:05.000Z"

func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// Now returns the store's clock reading (the real time outside tests).
func (s *Store) Now() time.Time { return s.now() }

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func tsNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

func parseTS(v string) time.Time {
	t, err := time.Parse(tsLayout, v)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, v)
	}
	return t
}

func parseTSNull(v sql.NullString) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return parseTS(v.String)
}

func parseDate(v string) model.Date {
	d, _ := model.ParseISODate(v)
	return d
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// today is the calendar day of the store's clock, in local time.
func (s *Store) today() model.Date { return model.DateOf(s.now().In(s.loc)) }

// likeEscape escapes LIKE wildcards; queries use ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
