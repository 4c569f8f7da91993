package model

import (
	"crypto/rand"
	"encoding/hex"
)

// NewUID returns a new record uid: a random 128-bit id as 32 hex digits.
// Every record gets one when it is made, wherever it is made (a form, a
// capture from the command line, a row of an imported sheet), and keeps it
// through export and import.
func NewUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b[:])
}
