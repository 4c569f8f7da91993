// rapport: a keyboard-driven terminal app for an account manager's accounts,
// people, initiative briefs and follow-ups.
package main

import (
	"context"
	"os"

	"rapport/cli"
	"rapport/store"
	"rapport/tui"
)

func main() {
	ui := cli.UI{
		Run: func(ctx context.Context, st *store.Store, notices <-chan string, mouse bool) error {
			return tui.Run(ctx, st, tui.RunOptions{Notices: notices, Mouse: mouse})
		},
		Frames: func(st *store.Store, w, h int, keys []string, each func(int, string)) {
			tui.Frames(st, w, h, keys, each)
		},
	}
	os.Exit(cli.RunWith(ui, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
