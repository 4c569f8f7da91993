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
	"slices"

	"rapport/atomicfile"
)

// Backup writes a consistent copy of the live database to path (default: a
// timestamped file beside the database) and checks the copy's integrity. It
// never overwrites a file, and a copy that fails or is interrupted leaves
// no file under the name (see atomicfile); the copy is 0600 and, like the
// database, in WAL mode, so putting it in the database's place restores it
// as it was. It returns the path written.
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
	return s.backupAs(ctx, conn, base+".bak", func(n int) string { return fmt.Sprintf("%s-%d.bak", base, n) })
}

// backup copies the database to path, refusing a file that is there.
func (s *Store) backup(ctx context.Context, conn *sql.Conn, path string) (string, error) {
	return s.backupAs(ctx, conn, path, nil)
}

// backupAs copies the database to path or, when that is taken and other is
// given, to other(2), other(3)… up to other(100).
func (s *Store) backupAs(ctx context.Context, conn *sql.Conn, path string, other func(n int) string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("store: backup: %w", err)
	}
	if other == nil {
		if _, err := os.Lstat(abs); err == nil {
			return "", fmt.Errorf("store: backup: %w", &atomicfile.ExistsError{Path: abs})
		}
	}
	af, err := atomicfile.Create(abs)
	if err != nil {
		return "", fmt.Errorf("store: backup: %w", err)
	}
	defer af.Abort()
	// VACUUM INTO reads one snapshot: a write in another process during the
	// copy is either wholly in it or wholly out of it. It writes into the
	// empty temporary file, which keeps its mode.
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", af.TempName()); err != nil {
		return "", fmt.Errorf("store: backup to %s: %w", abs, mapErr(err))
	}
	if err := finishCopy(ctx, af.TempName()); err != nil {
		return "", fmt.Errorf("store: backup %s failed: %w", abs, err)
	}
	for n := 2; ; n++ {
		err := af.Commit(abs)
		if err == nil {
			return abs, nil
		}
		if !errors.Is(err, fs.ErrExist) || other == nil || n > 100 {
			return "", fmt.Errorf("store: backup: %w", err)
		}
		if abs, err = filepath.Abs(other(n)); err != nil {
			return "", fmt.Errorf("store: backup: %w", err)
		}
	}
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

// ScratchCopy copies the database at path into the directory dir, reading
// it without writing it (not even its log), and opens the copy, migrated
// when it is from an older rapport (without a backup: the copy is
// scratch). A dry run against a file that must not change runs there.
func ScratchCopy(ctx context.Context, path, dir string, opts ...Option) (*Store, error) {
	src, err := Open(ctx, path, append(slices.Clone(opts), ReadOnly(), allowOld())...)
	if err != nil {
		return nil, err
	}
	copyPath := filepath.Join(dir, filepath.Base(path))
	_, err = src.db.ExecContext(ctx, "VACUUM INTO ?", copyPath)
	src.Close()
	if err != nil {
		return nil, fmt.Errorf("store: copy %s for a dry run: %w", path, mapErr(err))
	}
	return Open(ctx, copyPath, append(slices.Clone(opts), func(s *Store) { s.scratch = true })...)
}
