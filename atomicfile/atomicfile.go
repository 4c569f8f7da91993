// Package atomicfile is how rapport writes every file (exports, backups,
// briefs, the backup before a migration): to a temporary name beside the
// target, 0600, synced, then moved to its name and the directory synced. A
// write that fails or is interrupted — an error, a full disk, ctrl+c, kill
// — never leaves a file, whole or cut short, under the final name, and a
// file already there is never replaced unless the caller asks.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Mode is the permission of every file rapport writes.
const Mode = 0o600

// ExistsError says the target is taken; it wraps fs.ErrExist.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return e.Path + " already exists; rapport never overwrites a file — choose another name"
}

// Unwrap makes an ExistsError an fs.ErrExist.
func (e *ExistsError) Unwrap() error { return fs.ErrExist }

// File is a file being written: its bytes go to a temporary file beside
// the target until Commit moves it there.
type File struct {
	f    *os.File
	dir  string
	tmp  string
	done bool
}

// Create starts a file to be committed in path's directory. Nothing
// appears under path until Commit.
func Create(path string) (*File, error) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	f, err := os.CreateTemp(dir, "."+base+".*.tmp") // 0600, never an existing file
	if err != nil {
		return nil, fmt.Errorf("cannot create a file in %s: %w", dir, plainErr(err))
	}
	// The umask only takes bits away; make sure of 0600 all the same.
	if err := f.Chmod(Mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("cannot set the mode of a new file in %s: %w", dir, plainErr(err))
	}
	af := &File{f: f, dir: dir, tmp: f.Name()}
	pending.add(af.tmp)
	return af, nil
}

// Write writes to the temporary file.
func (af *File) Write(p []byte) (int, error) { return af.f.Write(p) }

// TempName is the temporary file's path, for writers that need a name
// rather than a handle (SQLite's VACUUM INTO); they may replace its content.
func (af *File) TempName() string { return af.tmp }

// Commit syncs the file and gives it the name path, which must be in the
// directory Create was given. A file already at path is an *ExistsError,
// and the temporary file is kept so that the caller can try another name
// (or Abort).
func (af *File) Commit(path string) error { return af.commit(path, false) }

// Replace is Commit that replaces a file at path.
func (af *File) Replace(path string) error { return af.commit(path, true) }

func (af *File) commit(path string, replace bool) error {
	if af.done {
		return errors.New("atomicfile: file already committed or aborted")
	}
	if af.f != nil {
		err := af.f.Close()
		af.f = nil
		if err == nil {
			// Synced by name: a writer given TempName wrote it through a
			// handle of its own.
			err = syncPath(af.tmp)
		}
		if err != nil {
			af.Abort()
			return fmt.Errorf("write %s: %w", path, plainErr(err))
		}
	}
	if err := place(af.tmp, path, replace); err != nil {
		var ee *ExistsError
		if !errors.As(err, &ee) {
			af.Abort()
		}
		return err
	}
	af.done = true
	pending.remove(af.tmp)
	// The new name is in the directory only once the directory is synced;
	// some file systems cannot sync a directory, and the file is whole
	// either way.
	_ = syncPath(af.dir)
	return nil
}

// place gives tmp the name path. Without replace it links the new name
// and removes the old one, so a file at path is never replaced even by a
// writer racing this one; on a file system without hard links it checks
// and renames.
func place(tmp, path string, replace bool) error {
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("write %s: %w", path, plainErr(err))
		}
		return nil
	}
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		os.Remove(tmp)
		return nil
	case errors.Is(err, fs.ErrExist):
		return &ExistsError{path}
	}
	if _, serr := os.Lstat(path); serr == nil {
		return &ExistsError{path}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	return nil
}

// Abort removes the temporary file; after Commit it does nothing.
func (af *File) Abort() {
	if af.done {
		return
	}
	af.done = true
	if af.f != nil {
		af.f.Close()
		af.f = nil
	}
	os.Remove(af.tmp)
	pending.remove(af.tmp)
}

// Write writes a new file at path through fn, buffered, refusing to
// replace a file that is there: the check is made before fn runs (a long
// export fails at once) and again as the file is committed.
func Write(path string, fn func(io.Writer) error) error {
	return write(path, false, fn)
}

// Replace is Write that replaces a file at path.
func Replace(path string, fn func(io.Writer) error) error {
	return write(path, true, fn)
}

func write(path string, replace bool, fn func(io.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory; give the name of a file to write", path)
	}
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return &ExistsError{path}
		}
	}
	af, err := Create(path)
	if err != nil {
		return err
	}
	defer af.Abort()
	bw := bufio.NewWriterSize(af, 64<<10)
	if err := fn(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, plainErr(err))
	}
	return af.commit(path, replace)
}

// syncPath opens a file or directory and syncs it.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// plainErr drops the operation and path a *fs.PathError adds ("open
// /x/.y.123.tmp: no space left on device" is "no space left on device"):
// the messages name the file the user gave instead.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// pending is the temporary files being written, removed if the process
// is interrupted (see signal_unix.go).
var pending = &tempSet{files: map[string]bool{}}

type tempSet struct {
	mu    sync.Mutex
	files map[string]bool
}

func (s *tempSet) add(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.files) == 0 {
		watchSignals()
	}
	s.files[path] = true
}

func (s *tempSet) remove(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.files[path] {
		return
	}
	delete(s.files, path)
	if len(s.files) == 0 {
		unwatchSignals()
	}
}

// removeAll removes every pending temporary file.
func (s *tempSet) removeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for path := range s.files {
		os.Remove(path)
	}
	clear(s.files)
}
