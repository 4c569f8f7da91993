package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
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
	var out string
	cmd := &cobra.Command{
		Use:   "export NAME|ID [--out FILE]",
		Short: "Print a brief as Markdown, or write it to a file",
		Long: `Render a brief as Markdown — title, account, stage and target, the why first,
then who, what, where and when, the value to the client and to us, the
checks, the stage history and the framing for each person — to paste into an
email or a deck.

The brief is named by its numeric id or by its title: the whole title
ignoring case and accents first, then a unique beginning of it. A name that
fits several briefs is an error listing them.

--out FILE writes the Markdown to a new file (0600); an existing file is
never overwritten.`,
		Example: `  rapport brief export "Regional loyalty pilot"
  rapport brief export loyalty --out loyalty.md
  rapport brief export 42 | pandoc -o brief.docx`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			md := exchange.BriefMarkdown(b, today())
			return e.emit(out, false, func(w io.Writer) error {
				_, err := io.WriteString(w, md)
				return err
			})
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write to this new file instead of standard output")
	return cmd
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
