package model

import (
	"regexp"
	"testing"
)

func TestNewUID(t *testing.T) {
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	seen := map[string]bool{}
	for range 1000 {
		u := NewUID()
		if !hex32.MatchString(u) {
			t.Fatalf("NewUID() = %q, want 32 hex digits", u)
		}
		if seen[u] {
			t.Fatalf("NewUID() gave %q twice", u)
		}
		seen[u] = true
	}
}
