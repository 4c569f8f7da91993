package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport/atomicfile"
	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newBriefCmd) }

func newBriefCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "brief",
		Short: "Work with initiative briefs from the shell",
		Long:  "Work with initiative briefs from the shell. See rapport brief export --help.",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("say what to do: rapport brief export NAME|ID (see rapport brief --help)")
		},
	}
	cmd.AddCommand(newBriefExportCmd(e))
	return cmd
}

func newBriefExportCmd(e *env) *cobra.Command {
	var out, forName string
	var internal, all bool
	cmd := &cobra.Command{
		Use:   "export NAME|ID [--for PERSON | --internal | --all] [--out FILE|DIR]",
		Short: "Print a brief as Markdown for the client, a person or us, or write it to files",
		Long: `Render a brief as Markdown to paste into an email or a deck.

Without a flag it is the version for the client: the title and account, the
why first, then who (names and titles), what, where, when with the target
date, and the value to the client. It never holds the value to us, the
framings, roles, stances, checks or the stage history.

--for PERSON is that version opened by the paragraph written to the person
(their opening). PERSON is a person linked to the brief, named as --person
names people elsewhere; a linked person without an opening gets the client
version, and a warning says so.

--internal is the whole working document: the framings and openings, the
value to us, the checks and the stage history with the days in each stage.

--all --out DIR writes every version into the directory DIR: NAME.md for
the client, NAME-for-PERSON.md for each linked person, NAME-internal.md.

The brief is named by its numeric id or by its title: the whole title
ignoring case and accents first, then a unique beginning of it. A name that
fits several briefs is an error listing them.

--out FILE writes the Markdown to a new file (0600); --out DIR, an existing
directory, writes it there named after the brief. An existing file is never
overwritten.`,
		Example: `  rapport brief export "Regional loyalty pilot"
  rapport brief export loyalty --for dana | pandoc -o loyalty-dana.docx
  rapport brief export 42 --internal --out ~/briefs/
  rapport brief export loyalty --all --out ~/briefs/loyalty`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			forSet := cmd.Flags().Changed("for")
			if n := countTrue(forSet, internal, all); n > 1 {
				return usagef("--for, --internal and --all each choose the version: give one of them")
			}
			if forSet && strings.TrimSpace(forName) == "" {
				return usagef("--for needs the name of a person linked to the brief")
			}
			if all && out == "" {
				return usagef("--all writes a file for each version: name the directory with --out DIR")
			}
			name := strings.Join(args, " ")
			if err := model.CheckQuery("the brief", name); err != nil {
				return usageError{err}
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			b, err := findBrief(ctx, st, name)
			if err != nil {
				return err
			}
			if all {
				return e.writeBriefVersions(b, out)
			}
			v := exchange.BriefVersion{Audience: exchange.ForClient}
			switch {
			case internal:
				v.Audience = exchange.ForInternal
			case forSet:
				p, err := linkedPerson(b, forName)
				if err != nil {
					return err
				}
				v = exchange.BriefVersion{Audience: exchange.ForPerson, Person: p}
			}
			if info, err := os.Stat(out); out != "" && err == nil && info.IsDir() {
				out = filepath.Join(out, v.FileName(b))
			}
			md := v.Markdown(b, today())
			if err := e.emit(out, false, func(w io.Writer) error {
				_, err := io.WriteString(w, md)
				return err
			}); err != nil {
				return err
			}
			if v.Audience == exchange.ForPerson && !v.Person.HasOpening() {
				e.warn(fmt.Sprintf("%s has no opening on this brief, so this is the client version — write one in the brief form", v.Person.Name))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&forName, "for", "", "the version for this linked person, opened by their opening")
	cmd.Flags().BoolVar(&internal, "internal", false, "the whole working document, for us only")
	cmd.Flags().BoolVar(&all, "all", false, "every version, one file each, into the directory --out names")
	cmd.Flags().StringVar(&out, "out", "", "write to this new file (or into this directory) instead of standard output")
	return cmd
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// linkedPerson finds the person linked to b that name picks, the way
// --person picks people: the whole name ignoring case and accents first,
// then a unique beginning of the name or of a word in it. Nobody is an
// error listing the linked people.
func linkedPerson(b model.Brief, name string) (model.BriefPerson, error) {
	title := model.Quote(b.Title)
	if len(b.People) == 0 {
		return model.BriefPerson{}, fmt.Errorf("nobody is linked to %s yet; link people in the brief form, or leave out --for for the client version", title)
	}
	found := model.PickByName(name, b.People, func(p model.BriefPerson) string { return p.Name })
	p, err := model.One(name, found, func(p model.BriefPerson) string {
		if t := strings.TrimSpace(p.Title); t != "" {
			return p.Name + " (" + t + ")"
		}
		return p.Name
	}, "nobody linked to "+title, "linked people")
	if errors.Is(err, model.ErrNotFound) {
		names := make([]string, 0, min(len(b.People), model.MaxCandidates+1))
		for i, p := range b.People {
			if i == model.MaxCandidates {
				names = append(names, fmt.Sprintf("and %d more", len(b.People)-i))
				break
			}
			names = append(names, p.Name)
		}
		return p, fmt.Errorf("%w; its people are %s", err, strings.Join(names, ", "))
	}
	return p, err
}

// writeBriefVersions writes every version of b into dir (made 0700 when
// missing), one new file each, 0600. A name already taken refuses the
// whole set before anything is written; a write that fails removes the
// files written before it.
func (e *env) writeBriefVersions(b model.Brief, dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot make the directory %s: %w", dir, unwrapPathError(err))
	}
	files := exchange.BriefFiles(b, today())
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s already exists; rapport never overwrites a file — choose another directory", path)
		}
	}
	written := make([]string, 0, len(files))
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		err := atomicfile.Write(path, func(w io.Writer) error {
			_, err := io.WriteString(w, f.Markdown)
			return err
		})
		if err != nil {
			for _, p := range written {
				os.Remove(p)
			}
			return err
		}
		written = append(written, path)
	}
	for i, path := range written {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		fmt.Fprintf(e.stdout, "Wrote %s — %s\n", termtext.SanitizeLine(path), termtext.SanitizeLine(files[i].Version.Label()))
	}
	return nil
}

// findBrief finds a brief by id, else by title: the whole title (folded)
// first, then a unique prefix of it. It returns the brief with everything.
func findBrief(ctx context.Context, st *store.Store, name string) (model.Brief, error) {
	q := strings.Join(strings.Fields(model.Fold(name)), " ")
	if q == "" {
		return model.Brief{}, usagef("name the brief by its title or id")
	}
	if id, err := strconv.ParseInt(q, 10, 64); err == nil && id > 0 {
		b, err := st.Brief(ctx, id)
		if err == nil {
			return b, nil
		}
		if !errors.Is(err, model.ErrNotFound) {
			return model.Brief{}, err
		}
		// Not an id: perhaps a title that is a number.
	}
	var exact, prefix []model.Brief
	var after *store.Cursor
	for {
		page, err := st.Briefs(ctx, store.BriefFilter{Query: q}, store.PageReq{After: after, Limit: store.MaxPage})
		if err != nil {
			return model.Brief{}, err
		}
		for _, b := range page.Items {
			t := strings.Join(strings.Fields(model.Fold(b.Title)), " ")
			switch {
			case t == q:
				exact = append(exact, b)
			case strings.HasPrefix(t, q):
				prefix = append(prefix, b)
			}
		}
		if len(page.Items) < store.MaxPage {
			break
		}
		after = &page.Cursors[len(page.Cursors)-1]
	}
	found := exact
	if len(found) == 0 {
		found = prefix
	}
	b, err := model.One(name, found, func(b model.Brief) string {
		return fmt.Sprintf("%d “%s” (%s)", b.ID, b.Title, b.AccountName)
	}, "no brief", "briefs")
	if errors.Is(err, model.ErrNotFound) {
		return model.Brief{}, fmt.Errorf("%w — `rapport brief export ID` takes its id too", err)
	}
	if err != nil {
		return model.Brief{}, fmt.Errorf("%w, or give the id", err)
	}
	return st.Brief(ctx, b.ID)
}
