// Package model holds rapport's domain: plain types, their rules and their
// errors. It imports nothing else of rapport's; time is always passed in.
package model

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Callers use errors.Is; the messages wrapped around them say
// what exactly was wrong.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInvalid  = errors.New("invalid")
)

// FieldError says which field of a form or record is wrong and why. It wraps
// ErrInvalid so errors.Is(err, ErrInvalid) holds.
type FieldError struct {
	Field  string // the field's name as the user sees it, e.g. "name"
	Reason string // what is wrong, e.g. "is required"
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// Unwrap makes a FieldError an ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// Invalid builds a FieldError.
func Invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// FieldOf returns the field a validation error names, or "".
func FieldOf(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	return ""
}

// Sentence is err as a user reads it: the "store: " the store puts before
// what it was doing and the sentinel words (invalid, conflict) that tell
// callers what kind of error it is are left out, so "store: create account:
// conflict: an account called Acme already exists" reads "create account:
// an account called Acme already exists".
func Sentence(err error) string {
	s := strings.TrimPrefix(err.Error(), "store: ")
	s = strings.ReplaceAll(s, ErrInvalid.Error()+": ", "")
	return strings.ReplaceAll(s, ErrConflict.Error()+": ", "")
}
