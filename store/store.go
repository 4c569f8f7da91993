// Package store is the only package that speaks SQL. It keeps rapport's data
// in one SQLite file (modernc.org/sqlite, no cgo) and returns model types.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
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
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"rapport/model"
)

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// rapport_fold_name(text) is model.FoldName in SQL: how names are matched,
// for the migration that folds the stored names again.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("rapport_fold_name", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return model.FoldName(v), nil
		case []byte:
			return model.FoldName(string(v)), nil
		}
		return "", nil
	})
}

// migrationFS is where the numbered migrations are read from; tests swap it.
var migrationFS fs.FS = embeddedMigrations

// ApplicationID marks a SQLite file as rapport's ("RAPT"), so rapport never
// migrates somebody else's database.
const ApplicationID = 0x52415054

// BusyTimeout is how long a statement waits for another process's write lock
// (a cron `rapport remind` while the TUI saves) before giving up.
const BusyTimeout = 10 * time.Second

// Errors the store returns, each with a message fit for the user.
var (
	ErrNotDatabase = errors.New("not a rapport database")
	ErrTooNew      = errors.New("database is from a newer rapport")
	ErrReadOnly    = errors.New("database is read-only")
	// ErrOldSchema: a database opened read-only needs a migration first.
	ErrOldSchema = errors.New("database is from an older rapport")
	ErrDiskFull  = errors.New("the disk is full")
	ErrDiskIO    = errors.New("the disk could not be read or written")
	ErrBusy      = errors.New("the database is busy in another rapport")
)

// Store is an open rapport database.
type Store struct {
	db       *sql.DB
	path     string
	now      func() time.Time
	loc      *time.Location
	readOnly bool
	notice   func(string)
	scratch  bool // a scratch copy: migrated without a backup
	oldOK    bool // read-only, and an older schema is fine: the store is only copied

	watchMu    sync.Mutex
	watch      *sql.Conn // DataVersion's own connection
	watchEpoch int64     // how many it has had

	long longCache // quick find's long texts
}

// Option configures Open.
type Option func(*Store)

// WithClock makes the store stamp records with now() instead of time.Now;
// tests and the demo use it.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// ReadOnly opens the database for reading only, even when it could be
// written: nothing, not even a migration, touches the file. A database
// that needs a migration is then refused with ErrOldSchema.
func ReadOnly() Option { return func(s *Store) { s.readOnly = true } }

// allowOld lets a read-only store open a file of an older schema, for
// ScratchCopy to copy it.
func allowOld() Option { return func(s *Store) { s.oldOK = true } }

// WithNotice gives the store someone to tell what it waits for (another
// rapport's import) while a call takes longer than usual.
func WithNotice(fn func(msg string)) Option { return func(s *Store) { s.notice = fn } }

// Open opens (creating if needed) the database at path, applying the file
// rules of rapport: directory 0700, file 0600, WAL, pragmas on every
// connection, and migrations with a backup beforehand. A file that exists
// but cannot be written (its mode, its folder's, a read-only disk) opens
// read-only: everything reads, and a write says the database is read-only.
// A FIFO, device or directory is refused at once.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now, loc: time.Local}
	for _, o := range opts {
		o(s)
	}
	asked := s.readOnly
	fresh, readOnly, err := prepareFile(path, asked)
	if err != nil {
		return nil, err
	}
	s.readOnly = readOnly
	db, err := sql.Open("sqlite", dsn(path, readOnly, readOnly && !asked))
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
//
// A read-only store opens SQLite's read-only mode. A file rapport may not
// write is read as immutable while it has no write-ahead log — nobody is
// writing it then — so reading it leaves no log or index files beside it
// (they would take the file's read-only mode, and stand in the owner's way
// later); so is one in a folder where they cannot be made.
func dsn(path string, readOnly, cannotWrite bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "trusted_schema(0)")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Set("mode", "ro")
		_, walErr := os.Stat(path + "-wal")
		_, shmErr := os.Stat(path + "-shm")
		if (cannotWrite && walErr != nil) || (shmErr != nil && !writable(filepath.Dir(path))) {
			q.Set("immutable", "1")
		}
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

var sqliteHeader = []byte("SQLite format 3\x00")

// prepareFile creates the directory (0700) and an empty file (0600) when
// missing, and refuses what is not a SQLite file before SQLite touches it:
// a directory, a FIFO (which would hang the open), a device, another
// program's file. An existing empty file is made 0600. It reports whether
// the file is new, and whether it must be opened read-only: when asked,
// or when the file or its folder cannot be written.
func prepareFile(path string, wantRO bool) (fresh, readOnly bool, err error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) && !wantRO {
		dir := filepath.Dir(path)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return false, false, fmt.Errorf("store: cannot create data directory %s: %w", dir, plainPathErr(err))
		}
		f, cerr := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if cerr == nil {
			f.Close()
			return true, false, os.Chmod(path, 0o600)
		}
		if !errors.Is(cerr, fs.ErrExist) {
			if isReadOnlyErr(cerr) {
				return false, false, fmt.Errorf("%w: cannot create %s: its folder is read-only", ErrReadOnly, path)
			}
			return false, false, fmt.Errorf("store: cannot create %s: %w", path, plainPathErr(cerr))
		}
		st, err = os.Stat(path) // made by someone else meanwhile
	}
	if err != nil {
		return false, false, fmt.Errorf("store: cannot open %s: %w", path, plainPathErr(err))
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return false, false, fmt.Errorf("%w: %s is a directory; give the path of a database file in it", ErrNotDatabase, path)
	case !m.IsRegular():
		return false, false, fmt.Errorf("%w: %s is %s, not a database file; rapport leaves it as it is", ErrNotDatabase, path, fileKind(m))
	}
	readOnly = wantRO
	var f *os.File
	if !readOnly {
		f, err = os.OpenFile(path, os.O_RDWR, 0)
		if isReadOnlyErr(err) {
			readOnly = true
		} else if err != nil {
			return false, false, fmt.Errorf("store: cannot open %s: %w", path, plainPathErr(err))
		}
	}
	if readOnly {
		if f, err = os.Open(path); err != nil {
			return false, false, fmt.Errorf("store: cannot read %s: %w (check its permissions)", path, plainPathErr(err))
		}
	} else if !writable(filepath.Dir(path)) {
		// SQLite keeps its write-ahead log beside the file.
		readOnly = true
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		// An empty file, e.g. made by mktemp or touch: start fresh, private.
		if readOnly {
			return false, false, fmt.Errorf("%w: %s is empty and cannot be written, so rapport cannot make a database of it", ErrReadOnly, path)
		}
		if err := f.Chmod(0o600); err != nil {
			return false, false, fmt.Errorf("store: cannot make %s private (0600): %w", path, plainPathErr(err))
		}
		return true, false, nil
	}
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return false, false, fmt.Errorf("%w: %s is not a SQLite file; rapport leaves it as it is", ErrNotDatabase, path)
	}
	return false, readOnly, nil
}

// fileKind names a file that is neither a directory nor a regular file.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// isReadOnlyErr reports whether err is a refusal to write: permissions or
// a read-only file system.
func isReadOnlyErr(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// plainPathErr drops the operation and path of a *fs.PathError: the
// message names the file already.
func plainPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
	if fresh && s.readOnly {
		return fmt.Errorf("%w: %s holds no rapport data yet, and rapport cannot write it to start", ErrReadOnly, s.path)
	}
	if s.readOnly && version < len(migs) && !s.oldOK {
		return fmt.Errorf("%w: %s has schema %d and this rapport reads %d; it upgrades the file when it can write it, and now it cannot (%w)",
			ErrOldSchema, s.path, version, len(migs), ErrReadOnly)
	}
	if fresh {
		// WAL is a property of the file: set once, it stays.
		if _, err := conn.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
			return s.openErr(err)
		}
	}
	if version == len(migs) || s.readOnly {
		return nil
	}
	if version > 0 && !s.scratch {
		if _, err := s.backup(ctx, conn, s.migrationBackupPath(version)); err != nil {
			return fmt.Errorf("store: back up before migrating: %w", err)
		}
	}
	for i := version; i < len(migs); i++ {
		if err := applyMigration(ctx, conn, i+1, len(migs), migs[i]); err != nil {
			if version == 0 {
				return fmt.Errorf("store: cannot set up the new database %s: %w", s.path, err)
			}
			return fmt.Errorf("store: cannot upgrade %s to schema %d: %w", s.path, i+1, err)
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

func applyMigration(ctx context.Context, conn *sql.Conn, version, latest int, script string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	// Another rapport opening the same old book at the same moment may
	// have applied it while this one waited for the write lock.
	var now int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
		return mapErr(err)
	}
	if now > latest {
		return fmt.Errorf("%w: another rapport upgraded it to schema %d meanwhile, and this one knows up to %d — upgrade rapport",
			ErrTooNew, now, latest)
	}
	if now >= version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, script); err != nil {
		return mapErr(err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d; PRAGMA user_version=%d", ApplicationID, version)); err != nil {
		return mapErr(err)
	}
	return mapErr(tx.Commit())
}

// openErr turns errors from the first statements on a file into messages
// that say what is wrong with the file, in one sentence each.
func (s *Store) openErr(err error) error {
	code := sqliteCode(err)
	switch code & 0xff {
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %s is not a SQLite database", ErrNotDatabase, s.path)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w: %s is damaged (SQLite reports corruption); restore a backup", ErrNotDatabase, s.path)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w: %s cannot be written, nor its folder (check their permissions)", ErrReadOnly, s.path)
	case sqlite3.SQLITE_CANTOPEN:
		return fmt.Errorf("store: cannot open %s: check that it and its folder can be read and written", s.path)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("store: %s is locked by another program; try again", s.path)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("store: cannot open %s: %w: free some space and try again", s.path, ErrDiskFull)
	case sqlite3.SQLITE_IOERR:
		return fmt.Errorf("store: cannot open %s: %w (is it full, or failing?)", s.path, ErrDiskIO)
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
		s.watchEpoch++
	}
	var v int64
	if err := s.watch.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		if ctx.Err() == nil {
			s.watch.Close() // the next call opens a fresh connection
			s.watch = nil
		}
		return 0, fmt.Errorf("store: data version: %w", mapErr(err))
	}
	// Numbers from different connections cannot be compared: each new
	// one starts an epoch, so its first number differs from any before.
	return s.watchEpoch<<40 | v, nil
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

// ReadOnly reports whether the database is open for reading only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// readOnlyErr is what a write to a read-only store returns.
func (s *Store) readOnlyErr() error {
	return fmt.Errorf("%w: %s can be read but not written (check the permissions of the file and its folder); nothing was saved",
		ErrReadOnly, s.path)
}

// begin starts a write transaction: at once, unless another rapport is
// importing (then it waits for the import, saying so) or SQLite's busy
// timeout runs out because an import began meanwhile (then it waits too).
func (s *Store) begin(ctx context.Context, begin func() error) error {
	if s.readOnly {
		return s.readOnlyErr()
	}
	if _, err := s.waitForImport(ctx); err != nil {
		return err
	}
	for {
		err := begin()
		if sqliteCode(err)&0xff != sqlite3.SQLITE_BUSY {
			return mapErr(err)
		}
		if waited, werr := s.waitForImport(ctx); !waited || werr != nil {
			return mapErr(err)
		}
	}
}

// write runs fn in one IMMEDIATE transaction.
func (s *Store) write(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	var tx *sql.Tx
	err := s.begin(ctx, func() (err error) {
		tx, err = s.db.BeginTx(ctx, nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
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

// readOne reads one record and what hangs off it (a brief's checks, a
// touch's people) in one snapshot, by get.
func readOne[T any](ctx context.Context, s *Store, what string, id int64, get func(context.Context, querier, int64) (T, error)) (T, error) {
	var v T
	err := s.read(ctx, fmt.Sprintf("%s %d", what, id), func(tx *sql.Tx) error {
		var err error
		v, err = get(ctx, tx, id)
		return err
	})
	return v, err
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

// mapErr maps driver errors to model errors and the store's own, each a
// plain sentence that no longer carries SQLite's text and code; mapping
// twice changes nothing.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.ErrNotFound
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch code := se.Code(); code & 0xff {
	case sqlite3.SQLITE_CONSTRAINT:
		if code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
			return fmt.Errorf("%w: %s", model.ErrConflict, se.Error())
		}
		return fmt.Errorf("%w: %s", model.ErrInvalid, se.Error())
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w for too long; try again", ErrBusy)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w: rapport can read it but not save to it (check the permissions of the file and its folder)", ErrReadOnly)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w: free some space and try again", ErrDiskFull)
	case sqlite3.SQLITE_IOERR:
		return fmt.Errorf("%w (is it full, or failing?)", ErrDiskIO)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: the database file is damaged (SQLite reports corruption); run rapport check", ErrNotDatabase)
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

// writable reports whether the current user may create files in dir.
func writable(dir string) bool { return access(dir, 2) == nil }
