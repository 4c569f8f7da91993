//go:build unix

package store

import "syscall"

// access is access(2): whether the current user may use path so.
func access(path string, mode uint32) error { return syscall.Access(path, mode) }
