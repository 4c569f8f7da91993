package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rapport/store"
	"rapport/termtext"
)

func init() { subcommands = append(subcommands, newCheckCmd) }

// errCheckFailed is check's answer when the database has problems; the
// report on standard output says which and what to do.
var errCheckFailed = fmt.Errorf("the database has problems: see above for what to do")

func newCheckCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check the database file's integrity, in plain words",
		Long: `Check the database file without changing it: SQLite's integrity check of
the whole file, the links between records, and the search index's own
check. Each is reported in words, with what to do about a problem.
Exits 0 when all is sound, 1 when something is not.`,
		Example: `  rapport check
  rapport --db ~/Backups/rapport-2026-03-01.db check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := e.existingPath()
			if err != nil {
				return err
			}
			res, err := store.Check(cmd.Context(), path)
			if err != nil {
				return err
			}
			return e.checkReport(path, res)
		},
	}
}

// checkReport prints what check found and, for a problem, what to do.
func (e *env) checkReport(path string, res store.CheckResult) error {
	w := e.stdout
	fmt.Fprintf(w, "Checked %s:\n", termtext.SanitizeLine(path))
	for _, part := range []struct {
		name     string
		problems []string
	}{{"the file (pages, records and indexes)", res.File}, {"the links between records", res.Links},
		{"the search index", res.Search}} {
		if len(part.problems) == 0 {
			fmt.Fprintf(w, "  %s: sound\n", part.name)
			continue
		}
		fmt.Fprintf(w, "  %s: %s\n", part.name, termtext.Plural(len(part.problems), "1 problem", fmt.Sprintf("%d problems", len(part.problems))))
		for _, p := range part.problems {
			fmt.Fprintf(w, "    %s\n", termtext.Clip(termtext.SanitizeLine(p), 100))
		}
	}
	if res.OK() {
		fmt.Fprintln(w, "All sound.")
		return nil
	}
	fmt.Fprintln(w, "\nWhat to do (with rapport closed everywhere):")
	if bak := store.NewestBackup(path); bak != "" {
		fmt.Fprintf(w, "  - Restore the last backup, %s: keep the damaged file aside and copy the backup in its place:\n", termtext.SanitizeLine(filepath.Base(bak)))
		fmt.Fprintln(w, termtext.SanitizeLine(fmt.Sprintf("      mv %s %s && cp %s %s", shellQuote(path), shellQuote(path+".damaged"),
			shellQuote(bak), shellQuote(path))))
	} else {
		fmt.Fprintln(w, "  - Restore your last backup of it, if you have one (rapport backup makes them beside the database).")
	}
	fmt.Fprintln(w, "  - Or keep what still reads: export it, and import that into a new file:")
	fmt.Fprintln(w, termtext.SanitizeLine("      rapport --db "+shellQuote(path)+" export --format json --out rescue.json"))
	fmt.Fprintln(w, termtext.SanitizeLine("      rapport --db "+shellQuote(strings.TrimSuffix(path, filepath.Ext(path))+"-rescued.db")+
		" import rescue.json"))
	return errCheckFailed
}
