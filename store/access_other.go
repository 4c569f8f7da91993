//go:build !unix

package store

// access assumes what it cannot ask.
func access(string, uint32) error { return nil }
