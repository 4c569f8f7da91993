package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// The hidden `frame` command measures the TUI without a terminal: it opens
// the database, builds the root model, runs its first loads to completion,
// renders the first complete frame and exits — so `make bench` can time
// process start to first frame from outside, and read the resident memory.
func init() {
	subcommands = append(subcommands, func(e *env) *cobra.Command {
		var width, height int
		var visit, show bool
		c := &cobra.Command{
			Use:    "frame",
			Short:  "Render the first complete frame without a terminal and exit (for benchmarks)",
			Hidden: true,
			Args:   cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				st, err := e.openExisting(cmd.Context())
				if err != nil {
					return err
				}
				defer st.Close()
				if e.ui.Frames == nil {
					return errNoUI
				}
				var frame string
				var rss, after int
				var keys []string
				if visit {
					keys = []string{"2", "3", "4", "5", "1"}
				}
				e.ui.Frames(st, width, height, keys, func(i int, f string) {
					frame = f
					if i == 0 {
						rss = residentKB()
					}
					after = residentKB()
				})
				if !visit {
					after = rss
				}
				if show {
					fmt.Fprintln(e.stdout, frame)
				}
				fmt.Fprintf(e.stdout, "rss_kb %d\nrss_after_visit_kb %d\n", rss, after)
				return nil
			},
		}
		c.Flags().IntVar(&width, "width", 160, "terminal width")
		c.Flags().IntVar(&height, "height", 45, "terminal height")
		c.Flags().BoolVar(&visit, "visit", false, "visit every pane after the first frame")
		c.Flags().BoolVar(&show, "show", false, "print the frame")
		return c
	})
}

// residentKB reads the process's resident set size (VmRSS) on Linux; 0
// elsewhere.
func residentKB() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	return parseVmRSS(f)
}

func parseVmRSS(r io.Reader) int {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}
