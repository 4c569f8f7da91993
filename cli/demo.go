package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rapport/demo"
	"rapport/model"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newDemoCmd) }

func newDemoCmd(e *env) *cobra.Command {
	var size string
	cmd := &cobra.Command{
		Use:   "demo [--size small|large|heavy]",
		Short: "Fill an empty database with sample data",
		Long: `Fill an empty database with sample accounts, people, notes, touches, briefs and
follow-ups, dated around today so every section of Today has something.

  small  8 accounts, about 40 people, a few hundred notes: to explore rapport
  large  1,000 accounts, 20,000 people, 200,000 notes, 100,000 touches,
         10,000 briefs, 50,000 follow-ups: to measure it
  heavy  the large book plus the shapes real books have: a person with
         50,000 notes and 20,000 touches, an account with 10,000 people
         (a boss with 200 direct reports), notes of 100 KB, 5,000
         follow-ups due today and 5,000 overdue, 2,000 people sharing a
         first name, a brief with a 200 KB why and 50 framings

demo refuses a database that already holds data: point --db at a new file.`,
		Example: `  rapport --db /tmp/demo.db demo
  rapport --db /tmp/demo.db
  rapport --db /tmp/large.db demo --size large`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sz, err := demo.ParseSize(size)
			if err != nil {
				return usagef("--size %q: use small, large or heavy", model.Clip(size))
			}
			ctx := cmd.Context()
			st, err := e.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := demo.Load(ctx, st, sz, today())
			if err != nil {
				if errors.Is(err, demo.ErrNotEmpty) {
					return err
				}
				return fmt.Errorf("loading the demo: %w", err)
			}
			fmt.Fprintf(e.stdout, "Loaded the %s demo into %s: %s.\n", sz, termtext.SanitizeLine(st.Path()), importSummary(res))
			fmt.Fprintf(e.stdout, "Open it with: rapport --db %s\n", termtext.SanitizeLine(shellQuote(st.Path())))
			return nil
		},
	}
	cmd.Flags().StringVar(&size, "size", "small", "small, large or heavy")
	return cmd
}

// shellQuote quotes a path for a shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
