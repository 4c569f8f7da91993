// rapport: a keyboard-driven terminal app for an account manager's accounts,
// people, initiative briefs and follow-ups.
package main

import (
	"os"

	"rapport/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
