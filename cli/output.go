package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"rapport/atomicfile"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// Shared helpers of the subcommands: output to a file or the terminal, and
// resolving the names given to --person and --account.

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// termWidth is the width of the terminal w writes to, for wrapping at word
// boundaries; 0 when w is not a terminal (piped text is not wrapped).
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(w) {
		return 0
	}
	if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
		return cols
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 80
}

// termSafe makes a document safe to show on a terminal: line ends become
// newlines and every other control character a visible marker.
func termSafe(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return termtext.Sanitize(s)
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// emit writes a document made by fn to the file out (0600, never
// overwriting, whole or not at all: see atomicfile), or to stdout when out
// is empty. On a terminal the document
// is sanitised unless exact is set; piped or redirected it is written as it
// is. It reports where it went on stdout only when it wrote a file.
func (e *env) emit(out string, exact bool, fn func(io.Writer) error) error {
	if out != "" {
		if err := atomicfile.Write(out, fn); err != nil {
			return err
		}
		abs, err := filepath.Abs(out)
		if err != nil {
			abs = out
		}
		fmt.Fprintf(e.stdout, "Wrote %s\n", termtext.SanitizeLine(abs))
		return nil
	}
	if !exact && isTerminal(e.stdout) {
		var b strings.Builder
		if err := fn(&b); err != nil {
			return err
		}
		_, err := io.WriteString(e.stdout, termSafe(b.String()))
		return err
	}
	bw := bufio.NewWriterSize(e.stdout, 64<<10)
	if err := fn(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// readText reads a TEXT argument: "-" reads standard input, at most
// model.MaxLongTextLen bytes. what names the text in messages ("the note").
func (e *env) readText(arg, what string) (string, error) {
	text := arg
	if arg == "-" {
		if e.stdin == nil {
			return "", usagef("%s is \"-\" but there is no standard input", what)
		}
		b, err := io.ReadAll(io.LimitReader(e.stdin, model.MaxLongTextLen+1))
		if err != nil {
			return "", fmt.Errorf("read %s from standard input: %w", what, err)
		}
		if len(b) > model.MaxLongTextLen {
			return "", usagef("%s on standard input is longer than %s, the limit", what, sizeText(model.MaxLongTextLen))
		}
		text = strings.TrimRight(string(b), "\r\n")
	}
	if strings.TrimSpace(text) == "" {
		return "", usagef("%s is empty — give the text as an argument, or \"-\" to read it from standard input", what)
	}
	// Too long or not text is a mistake in the input, like empty text: a
	// usage error, caught before the database is opened.
	if len(text) > model.MaxLongTextLen {
		return "", usagef("%s is %s; the limit is %s", what, sizeText(len(text)), sizeText(model.MaxLongTextLen))
	}
	if !utf8.ValidString(text) {
		return "", usagef("%s is not valid UTF-8 text", what)
	}
	return text, nil
}

func sizeText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// resolvePerson finds the one person a name picks (store.ResolvePerson):
// nobody and several are errors, the latter listing the candidates.
func resolvePerson(ctx context.Context, st *store.Store, name string) (model.Person, error) {
	if strings.TrimSpace(name) == "" {
		return model.Person{}, usagef("--person needs a name")
	}
	if err := model.CheckQuery("--person", name); err != nil {
		return model.Person{}, usageError{err}
	}
	return st.ResolvePerson(ctx, name, store.PersonName{})
}

// resolveAccount is resolvePerson for accounts. Only a live account takes
// new notes and reminders (as only a live person does); an archived one is
// named, so the refusal says why.
func resolveAccount(ctx context.Context, st *store.Store, name string) (model.Account, error) {
	if strings.TrimSpace(name) == "" {
		return model.Account{}, usagef("--account needs a name")
	}
	if err := model.CheckQuery("--account", name); err != nil {
		return model.Account{}, usageError{err}
	}
	a, err := st.ResolveAccount(ctx, name, true)
	if errors.Is(err, model.ErrNotFound) {
		if gone, ferr := st.FindAccounts(ctx, name, 1); ferr == nil && len(gone) == 1 {
			return model.Account{}, fmt.Errorf("%s is archived; restore it in rapport before adding to it", model.Quote(gone[0].Name))
		}
	}
	return a, err
}
