//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// The import's mark is a flock(2) lock: it belongs to the open file, so it
// never mixes with SQLite's own (POSIX) locks on the database, and the
// kernel drops it when the process ends, however it ends.

func lockMode(exclusive bool) int {
	if exclusive {
		return syscall.LOCK_EX
	}
	return syscall.LOCK_SH
}

// tryLock takes the lock if it is free.
func tryLock(f *os.File, exclusive bool) bool {
	return syscall.Flock(int(f.Fd()), lockMode(exclusive)|syscall.LOCK_NB) == nil
}

// lockWait takes the lock, waiting for it.
func lockWait(f *os.File, exclusive bool) error {
	for {
		err := syscall.Flock(int(f.Fd()), lockMode(exclusive))
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
