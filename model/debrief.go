package model

import (
	"fmt"
	"strings"
	"time"
)

// A meeting's debrief is typed as lines, one note or one follow-up a line,
// so a whole meeting is written down in one form:
//
//	notes:      [Name:] text [#personal|#business|#insight|#conflict] [ask: DATE]
//	follow-ups: [promise:] [Name:] text [by DATE]
//
// A "Name:" prefix puts the line on that attendee (the caller matches it;
// a prefix that names nobody is part of the text). A follow-up's day is
// what follows "by" or "due", else the last words when they read as a day
// ("send the deck fri"), else tomorrow.

// DebriefNote is one note line of a debrief.
type DebriefNote struct {
	Line     int
	Who      string // the "Name:" prefix, as typed ("" none)
	Text     string // without the prefix, the kind and the ask-after day
	Kind     NoteKind
	AskAfter Date
}

// DebriefFollowUp is one follow-up line of a debrief.
type DebriefFollowUp struct {
	Line    int
	Who     string
	Text    string
	Due     When
	Promise bool
}

// WithoutWho puts the "Name:" prefix back: the caller found no attendee of
// that name, so it was part of the text.
func (n DebriefNote) WithoutWho() DebriefNote {
	if n.Who != "" {
		n.Text, n.Who = n.Who+": "+n.Text, ""
	}
	return n
}

// WithoutWho is DebriefNote.WithoutWho for a follow-up.
func (f DebriefFollowUp) WithoutWho() DebriefFollowUp {
	if f.Who != "" {
		f.Text, f.Who = f.Who+": "+f.Text, ""
	}
	return f
}

// ParseDebriefNotes reads the note lines of a debrief; blank lines are
// skipped. A line that cannot be read is an error naming it.
func ParseDebriefNotes(text string, now time.Time) ([]DebriefNote, error) {
	var out []DebriefNote
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n := DebriefNote{Line: i + 1, Kind: NoteBusiness}
		n.Who, line = splitWho(line)
		if at := indexFold(line, "ask:"); at >= 0 {
			w, err := ParseWhen(strings.TrimSpace(line[at+4:]), now)
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: ask: %s", ErrInvalid, i+1, WhenReason(err, whenHint))
			}
			n.AskAfter, line = w.Date, strings.TrimSpace(line[:at])
		}
		var words []string
		for _, w := range strings.Fields(line) {
			if k, ok := strings.CutPrefix(w, "#"); ok && oneOf(NoteKind(strings.ToLower(k)), NoteKinds) {
				n.Kind = NoteKind(strings.ToLower(k))
				continue
			}
			words = append(words, w)
		}
		n.Text = strings.Join(words, " ")
		if n.Text == "" {
			return nil, fmt.Errorf("%w: line %d: a note needs some text", ErrInvalid, i+1)
		}
		if err := checkLong("note", n.Text); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, n)
	}
	return out, nil
}

// ParseDebriefFollowUps reads the follow-up lines of a debrief.
func ParseDebriefFollowUps(text string, now time.Time) ([]DebriefFollowUp, error) {
	var out []DebriefFollowUp
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := DebriefFollowUp{Line: i + 1}
		if rest, ok := cutPrefixFold(line, "promise:"); ok {
			f.Promise, line = true, strings.TrimSpace(rest)
		}
		f.Who, line = splitWho(line)
		text, due, err := splitDue(line, now)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %s", ErrInvalid, i+1, WhenReason(err, whenHint))
		}
		f.Text, f.Due = text, due
		if f.Text == "" {
			return nil, fmt.Errorf("%w: line %d: a follow-up needs some text", ErrInvalid, i+1)
		}
		if err := checkShort("follow-up", f.Text); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// splitWho takes a short "Name:" prefix off a line.
func splitWho(line string) (who, rest string) {
	name, after, ok := strings.Cut(line, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || len(strings.Fields(name)) > 4 || len(name) > 60 || strings.ContainsAny(name, "/#0123456789") {
		return "", line
	}
	return name, strings.TrimSpace(after)
}

// splitDue finds a follow-up's day: after the last " by " or " due ", else
// the longest ending of up to four words that reads as a day, else
// tomorrow. The text never loses its first word to a day.
func splitDue(line string, now time.Time) (string, When, error) {
	for _, marker := range []string{" by ", " due "} {
		if at := lastIndexFold(line, marker); at > 0 {
			w, err := ParseWhen(strings.TrimSpace(line[at+len(marker):]), now)
			if err == nil {
				return strings.TrimSpace(line[:at]), w, nil
			}
		}
	}
	words := strings.Fields(line)
	for n := min(4, len(words)-1); n >= 1; n-- {
		if w, err := ParseWhen(strings.Join(words[len(words)-n:], " "), now); err == nil {
			return strings.Join(words[:len(words)-n], " "), w, nil
		}
	}
	w, err := ParseWhen("tomorrow", now)
	return line, w, err
}

func indexFold(s, sub string) int { return strings.Index(strings.ToLower(s), strings.ToLower(sub)) }

func lastIndexFold(s, sub string) int {
	return strings.LastIndex(strings.ToLower(s), strings.ToLower(sub))
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
