//go:build !unix

package store

import "os"

// Without flock(2) an import marks nothing: writers rely on SQLite's busy
// timeout alone.

func tryLock(*os.File, bool) bool   { return true }
func lockWait(*os.File, bool) error { return nil }
func unlock(*os.File)               {}
