package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the live database to path (default: a
// timestamped file beside the database) and checks the copy's integrity. It
// never overwrites a file; the copy is 0600 and, like the database, in WAL
// mode, so putting it in the database's place restores it as it was. It
// returns the path written.
func (s *Store) Backup(ctx context.Context, path string) (string, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("store: backup: %w", mapErr(err))
	}
	defer conn.Close()
	if path != "" {
		return s.backup(ctx, conn, path)
	}
	// The default name has the time to the second; a second backup within
	// the same second gets a number rather than an error.
	base := fmt.Sprintf("%s.%s", s.path, s.now().UTC().Format("20060102-150405"))
	for n := 1; ; n++ {
		path := base + ".bak"
		if n > 1 {
			path = fmt.Sprintf("%s-%d.bak", base, n)
		}
		out, err := s.backup(ctx, conn, path)
		if !errors.Is(err, fs.ErrExist) || n == 100 {
			return out, err
		}
	}
}

// existsError says a file is in the way; it wraps fs.ErrExist.
type existsError struct{ path string }

func (e *existsError) Error() string {
	return fmt.Sprintf("store: backup: %s already exists; rapport never overwrites a file", e.path)
}

func (e *existsError) Unwrap() error { return fs.ErrExist }

func (s *Store) backup(ctx context.Context, conn *sql.Conn, path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("store: backup: %w", err)
	}
	// Create the file first, empty and 0600, so VACUUM INTO keeps its mode and
	// an existing file is never overwritten.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return "", &existsError{abs}
		}
		return "", fmt.Errorf("store: backup: %w", err)
	}
	f.Close()
	// VACUUM INTO reads one snapshot: a write in another process during the
	// copy is either wholly in it or wholly out of it.
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		os.Remove(abs)
		return "", fmt.Errorf("store: backup to %s: %w", abs, mapErr(err))
	}
	if err := os.Chmod(abs, 0o600); err != nil {
		os.Remove(abs)
		return "", fmt.Errorf("store: backup: %w", err)
	}
	if err := finishCopy(ctx, abs); err != nil {
		os.Remove(abs)
		return "", fmt.Errorf("store: backup %s failed: %w", abs, err)
	}
	return abs, nil
}

// finishCopy switches a fresh copy to WAL mode, as the database it was
// made from, and checks its integrity.
func finishCopy(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return mapErr(err)
	}
	if mode != "wal" {
		return fmt.Errorf("cannot switch the copy to WAL mode (it is in %s mode)", mode)
	}
	return integrityCheck(ctx, db)
}

// IntegrityCheck runs PRAGMA integrity_check on the file at path, read-only.
func IntegrityCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	return integrityCheck(ctx, db)
}

func integrityCheck(ctx context.Context, db *sql.DB) error {
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return mapErr(err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	return nil
}
