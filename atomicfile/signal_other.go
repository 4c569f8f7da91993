//go:build !unix

package atomicfile

// Elsewhere an interrupted write leaves its temporary file behind (never
// a file under the final name).
func watchSignals()   {}
func unwatchSignals() {}
