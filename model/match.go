package model

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How a typed name picks a person or an account, everywhere a name is typed
// (--person, --account, who, the forms' name fields): case, accents,
// apostrophes, hyphens and runs of spaces do not count; the whole name wins, else a prefix of the name or
// of any word in it; none is "not found", several is an ambiguity that
// lists the candidates.

// FoldName is a name as it is matched: folded (Fold), without apostrophes,
// hyphens parting words, spaces collapsed.
func FoldName(s string) string {
	return strings.Join(strings.Fields(nameMarks.Replace(Fold(s))), " ")
}

// nameMarks are the marks a name is matched without: apostrophes go
// (O'Brien is obrien), hyphens and dashes part words (Anne-Marie is anne
// marie, and marie finds her).
var nameMarks = strings.NewReplacer("'", "", "’", "", "ʼ", "", "`", "", "´", "",
	"-", " ", "‐", " ", "‑", " ", "–", " ", "—", " ")

// NameMatch is how a typed name matches a stored one.
type NameMatch int

const (
	NoMatch     NameMatch = iota
	PrefixMatch           // the name, or a word of it, starts with what was typed
	WholeMatch            // the whole name
)

// MatchName says how query (typed) matches name (stored).
func MatchName(query, name string) NameMatch {
	q, n := FoldName(query), FoldName(name)
	switch {
	case q == "":
		return NoMatch
	case n == q:
		return WholeMatch
	case strings.HasPrefix(n, q) || strings.Contains(n, " "+q):
		return PrefixMatch
	}
	return NoMatch
}

// PickByName returns what query means among items: those whose whole name
// it is, else those it is a prefix of (MatchName).
func PickByName[T any](query string, items []T, name func(T) string) []T {
	var whole, prefix []T
	for _, it := range items {
		switch MatchName(query, name(it)) {
		case WholeMatch:
			whole = append(whole, it)
		case PrefixMatch:
			prefix = append(prefix, it)
		}
	}
	if len(whole) > 0 {
		return whole
	}
	return prefix
}

// SameText reports whether a and b differ only in case, accents, spacing or
// punctuation ("Zoe Lindqvist" and "Zoë  Lindqvist", "O'Brien" and
// "OBrien"): the same name or title typed another way.
func SameText(a, b string) bool { return foldText(a) == foldText(b) }

func foldText(s string) string {
	f := strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, "")
}

// SearchTerms splits a quick-find query into the folded words it matches,
// each as a prefix, at most eight; screens highlight them.
func SearchTerms(query string) []string {
	f := strings.FieldsFunc(Fold(query), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) > 8 {
		f = f[:8]
	}
	return f
}

// MaxCandidates is how many names an ambiguity lists before "…".
const MaxCandidates = 8

// AmbiguousError is a typed name that picks several people or accounts.
// It wraps ErrInvalid: the user types more of the name.
type AmbiguousError struct {
	Query      string   // as typed
	Kinds      string   // "people", "accounts", "people or accounts"
	Candidates []string // as listed, e.g. "Dana Okafor (Acme)"
}

func (e *AmbiguousError) Error() string {
	names := e.Candidates
	if len(names) > MaxCandidates {
		names = append(names[:MaxCandidates:MaxCandidates], "…")
	}
	return Quote(e.Query) + " matches several " + e.Kinds + ": " + strings.Join(names, ", ") + " — type more of the name"
}

func (e *AmbiguousError) Unwrap() error { return ErrInvalid }

// NotFoundError is a typed name that picks nobody. It wraps ErrNotFound.
type NotFoundError struct {
	Query string // as typed
	Who   string // "nobody", "no account", "no person or account"
	Where string // " at Acme", or ""
}

func (e *NotFoundError) Error() string { return e.Who + e.Where + " matches " + Quote(e.Query) }

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// One is the single item among matches (what query picked): none is a
// *NotFoundError, several an *AmbiguousError listing each with label.
func One[T any](query string, matches []T, label func(T) string, who, kinds string) (T, error) {
	var zero T
	switch len(matches) {
	case 0:
		return zero, &NotFoundError{Query: query, Who: who}
	case 1:
		return matches[0], nil
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = label(m)
	}
	return zero, &AmbiguousError{Query: query, Kinds: kinds, Candidates: names}
}

// IsNameMiss reports whether err is a name that picked nobody or several.
func IsNameMiss(err error) bool {
	var nf *NotFoundError
	var am *AmbiguousError
	return errors.As(err, &nf) || errors.As(err, &am)
}

// MaxQuoted is how much of what the user gave a message repeats.
const MaxQuoted = 80

// CheckQuery refuses a name typed to find a person, an account or a brief
// (what says which: "--person") that is longer than any name can be: it
// could match nothing, and is refused before it reaches a query.
func CheckQuery(what, q string) error {
	if len(q) <= MaxNameLen {
		return nil
	}
	if n := utf8.RuneCountInString(q); n > MaxNameLen {
		return fmt.Errorf("%w: %s %s is %d characters long; names are at most %d, so it cannot match one", ErrInvalid, what,
			Quote(q), n, MaxNameLen)
	}
	return nil
}

// Clip is user input for a message that puts it in quotes itself (%q):
// cut at MaxQuoted characters, with an ellipsis where it is cut.
func Clip(s string) string {
	if len(s) <= MaxQuoted || utf8.RuneCountInString(s) <= MaxQuoted {
		return s
	}
	return string([]rune(s)[:MaxQuoted-1]) + "…"
}

// Quote is user input for a message: in quotes, on one line, and cut at
// MaxQuoted characters so a pasted page cannot flood the screen.
func Quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > MaxQuoted {
		r := []rune(s)
		s = string(r[:MaxQuoted-1]) + "…"
	}
	return "“" + s + "”"
}
