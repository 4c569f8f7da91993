package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the live database to path (default: a
// timestamped file beside the database) and checks the copy's integrity. It
// never overwrites a file; the copy is 0600. It returns the path written.
func (s *Store) Backup(ctx context.Context, path string) (string, error) {
	if path == "" {
		path = fmt.Sprintf("%s.%s.bak", s.path, s.now().UTC().Format("20060102-150405"))
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("store: backup: %w", mapErr(err))
	}
	defer conn.Close()
	return s.backup(ctx, conn, path)
}

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
			return "", fmt.Errorf("store: backup: %s already exists; rapport never overwrites a file", abs)
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
		return "", fmt.Errorf("store: backup: %w", err)
	}
	if err := IntegrityCheck(ctx, abs); err != nil {
		return "", fmt.Errorf("store: backup %s failed its check: %w", abs, err)
	}
	return abs, nil
}

// IntegrityCheck runs PRAGMA integrity_check on the file at path, read-only.
func IntegrityCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return mapErr(err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	return nil
}
