package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
)

// An import holds the write lock for as long as it takes (half a minute
// for a million notes) so that it stays all or nothing. Every other
// rapport that wants to write meanwhile — a cron remind, a save in the
// terminal interface — waits for it instead of giving up when SQLite's
// busy timeout runs out, and says so. The import marks itself with a lock
// on a file beside the database (rapport.db-import) that lasts as long as
// the import's process holds it: a crashed import leaves no lock behind.

// ImportWaitNotice is what a writer says while it waits for an import.
const ImportWaitNotice = "waiting for an import to finish…"

// importMarker is the path of the file an import locks.
func (s *Store) importMarker() string { return s.path + "-import" }

// holdImport takes the import lock, waiting for another import first
// (saying so), and returns what releases it.
func (s *Store) holdImport(ctx context.Context) (release func(), err error) {
	for {
		f, err := os.OpenFile(s.importMarker(), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		if !tryLock(f, true) {
			s.notify(ImportWaitNotice)
			if err := waitLock(ctx, f, true); err != nil {
				f.Close()
				return nil, err
			}
		}
		// The import before this one removes the file as it ends; a lock on
		// a file that is no longer there marks nothing.
		if sameFile(f, s.importMarker()) {
			return func() {
				os.Remove(s.importMarker())
				f.Close()
			}, nil
		}
		f.Close()
	}
}

// waitForImport returns at once when no import is running; else it says
// so and returns when the import has ended. It reports whether it waited.
func (s *Store) waitForImport(ctx context.Context) (bool, error) {
	f, err := os.Open(s.importMarker())
	if err != nil {
		return false, nil // no import, or none this process may see
	}
	defer f.Close()
	if tryLock(f, false) {
		unlock(f)
		return false, nil
	}
	s.notify(ImportWaitNotice)
	if err := waitLock(ctx, f, false); err != nil {
		return true, err
	}
	unlock(f)
	return true, nil
}

// waitLock takes a lock on f, blocking until it is free or ctx is done.
func waitLock(ctx context.Context, f *os.File, exclusive bool) error {
	done := make(chan error, 1)
	go func() { done <- lockWait(f, exclusive) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err() // the goroutine ends with the import, or as f is closed
	}
}

// sameFile reports whether f is the file at path.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err != nil {
		return false
	}
	return os.SameFile(a, b)
}

// notify tells the user what the store is waiting for, if anybody listens.
func (s *Store) notify(msg string) {
	if s.notice != nil {
		s.notice(msg)
	}
}
