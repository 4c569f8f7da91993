package cli

import (
	"fmt"

	"rapport/termtext"

	"github.com/spf13/cobra"
)

func init() { subcommands = append(subcommands, newBackupCmd) }

func newBackupCmd(e *env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup [--out FILE]",
		Short: "Write a consistent copy of the database",
		Long: `Write a consistent copy of the database (safe while the terminal interface is
open) and check the copy's integrity. Without --out the copy goes beside the
database, named after it with a UTC timestamp (rapport.db.20260302-071500.bak).
The file is created 0600 and an existing file is never overwritten.
Prints the path written.`,
		Example: `  rapport backup
  rapport backup --out ~/Backups/rapport-$(date +%F).db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			path, err := st.Backup(ctx, out)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, termtext.SanitizeLine(path))
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the file to write (default: beside the database, timestamped)")
	return cmd
}
