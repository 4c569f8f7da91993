// Package exchange converts between rapport's model values and the file
// formats people move them in: iCalendar to-dos, vCards, CSV spreadsheets and
// Markdown documents. It also plans an import of contacts (plan.go): given
// the stored book through a Book, it decides what each row of a sheet or
// card file creates or updates.
//
// It does no I/O of its own beyond the io.Reader or io.Writer it is handed,
// never touches the file system and never reads the clock: the caller passes
// the time in. Readers are bounded: each takes a byte limit and refuses
// larger input, so a wrong file or a runaway export cannot eat the memory.
package exchange

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"rapport/model"
	"rapport/termtext"
)

// DefaultReadLimit is the byte limit a reader uses when it is given a limit
// of zero or less: far more than any address book or contact sheet a person
// keeps, far less than would hurt.
const DefaultReadLimit = 32 << 20

// ErrTooLarge is wrapped by the error a reader returns when its input is
// longer than its limit, or has more rows or columns than it accepts.
var ErrTooLarge = errors.New("input too large")

// LineError is a problem found at a line of an imported file. It wraps
// model.ErrInvalid, so errors.Is(err, model.ErrInvalid) holds.
type LineError struct {
	Line   int    // 1-based line of the input where the problem is
	Card   int    // 1-based number of the vCard, or 0 outside vCards
	Reason string // what is wrong, e.g. "3 fields, header has 5"
}

func (e *LineError) Error() string {
	if e.Line <= 0 {
		return e.Reason
	}
	if e.Card > 0 {
		return fmt.Sprintf("line %d (card %d): %s", e.Line, e.Card, e.Reason)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Reason)
}

// Unwrap makes a LineError an invalid-input error.
func (e *LineError) Unwrap() error { return model.ErrInvalid }

// BadRows is the error a reader returns when some rows of a sheet (or
// cards of a vCard file) cannot be read but the rest can: it lists the bad
// ones in file order, and the reader returns the good ones beside it, so
// an import can refuse the file or go ahead without them. errors.Is(err,
// model.ErrInvalid) holds.
type BadRows []*LineError

func (b BadRows) Error() string {
	switch len(b) {
	case 0:
		return "no bad rows"
	case 1:
		return b[0].Error()
	}
	return fmt.Sprintf("%s (and %d more bad %s)", b[0], len(b)-1, termtext.Plural(len(b)-1, "row", "rows"))
}

// Unwrap makes BadRows an invalid-input error.
func (b BadRows) Unwrap() error { return model.ErrInvalid }

// orBad returns bad as an error, or nil when it is empty.
func orBad(bad BadRows) error {
	if len(bad) == 0 {
		return nil
	}
	return bad
}

// lineErrorf builds a LineError outside vCards.
func lineErrorf(line int, format string, args ...any) error {
	return &LineError{Line: line, Reason: fmt.Sprintf(format, args...)}
}

// readLimited reads all of r, refusing more than limit bytes (limit ≤ 0 means
// DefaultReadLimit). what names the input in the error, e.g. "CSV file".
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: the %s is larger than %s; rapport reads at most that much", ErrTooLarge, what, byteSize(limit))
	}
	return data, nil
}

// byteSize formats a byte count for a message: 512 bytes, 64 KiB, 32 MiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// stripBOM removes a leading UTF-8 byte order mark, which Excel and many
// Windows tools write. Text with a UTF-16 byte order mark (Excel's "Unicode
// text", some Windows address books) is turned into UTF-8 first.
func stripBOM(b []byte) []byte {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		if u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			return u
		}
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// notUTF8 is the reason given for text in another encoding.
const notUTF8 = "the text is not UTF-8 — save the file as UTF-8 (in Excel: CSV UTF-8) and try again"

// replaceControls replaces control characters other than tab and newline by
// U+FFFD, so text from the database or an import cannot smuggle terminal
// escapes or break a file format. CR LF and a lone CR become a newline.
func replaceControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// isControl reports whether r is a C0 or C1 control character other than tab
// and newline, or DEL.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0)
}

// oneLine collapses all runs of white space (newlines included) into single
// spaces and trims the ends: for names and other fields shown on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(replaceControls(s)), " ")
}
