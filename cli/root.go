// Package cli is rapport's command line: the TUI by default, and the
// subcommands for the shell, cron and scripts.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// Version is set at build time with -ldflags "-X rapport/cli.Version=…".
var Version = "dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitRuntime = 1
	ExitUsage   = 2
)

// usageError marks a mistake in how rapport was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// queryArg is the words of a command's arguments as one query, checked
// (model.CheckQuery, named label); missing is the message for none.
func queryArg(args []string, label, missing string) (string, error) {
	query := strings.Join(args, " ")
	if strings.TrimSpace(query) == "" {
		return "", usagef("%s", missing)
	}
	if err := model.CheckQuery(label, query); err != nil {
		return "", usageError{err}
	}
	return query, nil
}

// env is what every command shares.
type env struct {
	dbPath  string
	noMouse bool // --no-mouse
	stdout  io.Writer
	stderr  io.Writer
	stdin   io.Reader
	ui      UI
}

// UI is the terminal interface, which main wires in (package tui): rapport
// without a command runs it, and the hidden frame command draws its first
// frames for make bench. cli itself prints only text.
type UI struct {
	// Run runs the interface on st until the user quits, showing what
	// arrives on notices (what the store waits for) as it comes; mouse
	// false leaves the mouse to the terminal (--no-mouse).
	Run func(ctx context.Context, st *store.Store, notices <-chan string, mouse bool) error
	// Frames draws the first complete frame at width×height, then one after
	// each key, passing each to each (0 for the first).
	Frames func(st *store.Store, width, height int, keys []string, each func(i int, frame string))
}

// errNoUI answers rapport without a command in a build without the interface.
var errNoUI = errors.New("this build of rapport has no terminal interface; run a command (rapport --help)")

// Run runs rapport's commands with args (without the program name) and
// returns the exit code; RunWith also runs the terminal interface. Errors
// are printed to stderr as one line.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunWith(UI{}, args, stdin, stdout, stderr)
}

// RunWith is Run with the terminal interface ui.
func RunWith(ui UI, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin, ui: ui}
	root := newRoot(e)
	if args == nil {
		args = []string{} // cobra reads os.Args when given nil
	}
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, "rapport: "+oneLine(err))
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitRuntime
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(termtext.SanitizeLine(model.Sentence(err))), " ")
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "rapport",
		Short: "Accounts, people, briefs and follow-ups for an account manager",
		Long: "rapport keeps your key accounts, the people at each client, five-Ws initiative briefs and\n" +
			"follow-ups in one private SQLite file. Run it without a command for the terminal interface.\n\n" +
			"The interface, demo, import and remind create the database when it does not exist; today, who, map,\n" +
			"prep, note, log, export, backup and brief export refuse a database file that is not there.",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.runTUI(cmd.Context())
		},
	}
	root.PersistentFlags().StringVar(&e.dbPath, "db", "", "database file (default $RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.db)")
	root.Flags().BoolVar(&e.noMouse, "no-mouse", false, "leave the mouse to the terminal (its own text selection) rather than clicks and the wheel")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%v (see %s --help)", flagError(err), cmd.CommandPath())}
	})
	root.AddCommand(
		&cobra.Command{
			Use:   "version",
			Short: "Print rapport's version and schema",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				fmt.Fprintf(e.stdout, "rapport %s (schema %d)\n", Version, store.SchemaVersion())
				return nil
			},
		},
	)
	for _, add := range subcommands {
		root.AddCommand(add(e))
	}
	root.SetHelpCommand(newHelpCmd())
	// Cobra's completion command only prints its help when the shell is
	// missing or unknown, and exits 0; make that a usage error.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				return usagef("say which shell: rapport completion bash|zsh|fish|powershell")
			}
		}
	}
	// Cobra reports unknown commands and bad arguments as plain errors; make
	// them usage errors.
	wrapArgs(root)
	return root
}

// flagError rewords pflag's message for a value that does not parse
// ("invalid argument "x" for "--days" flag: strconv.ParseInt: parsing "x":
// invalid syntax") without the Go internals: `--days: "x" is not a whole
// number`.
func flagError(err error) error {
	var ne *strconv.NumError
	if !errors.As(err, &ne) {
		return err
	}
	_, rest, ok := strings.Cut(err.Error(), ` for "`)
	if !ok {
		return err
	}
	name, _, ok := strings.Cut(rest, `" flag`)
	if !ok {
		return err
	}
	what := "is not a whole number"
	switch {
	case errors.Is(ne.Err, strconv.ErrRange):
		what = "is out of range"
	case ne.Func == "ParseBool":
		what = "is not true or false"
	case ne.Func == "ParseFloat":
		what = "is not a number"
	}
	return fmt.Errorf("%s: %q %s", name, model.Clip(ne.Num), what)
}

// subcommands are registered by the files that define them.
var subcommands []func(e *env) *cobra.Command

func wrapArgs(c *cobra.Command) {
	c.SuggestionsMinimumDistance = 2 // "tody" → today
	if c.Args != nil {
		inner := c.Args
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := inner(cmd, args); err != nil {
				if len(args) > 0 && cmd.HasSubCommands() && strings.HasPrefix(err.Error(), "unknown command") {
					if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
						return usageError{fmt.Errorf("unknown command %s — did you mean %s? (see %s --help)",
							model.Quote(args[0]), orList(s), cmd.CommandPath())}
					}
					return usageError{fmt.Errorf("unknown command %s (see %s --help)", model.Quote(args[0]), cmd.CommandPath())}
				}
				return usageError{fmt.Errorf("%s (see %s --help)", argsError(cmd, err), cmd.CommandPath())}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// orList joins names as "today", "today or top", "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// argsError rewords cobra's count of arguments ("accepts 1 arg(s), received
// 2") as what was wrong and the command's usage line. Too many arguments is
// most often text with spaces typed without quotes.
func argsError(cmd *cobra.Command, err error) string {
	msg := err.Error()
	usage := "usage: " + strings.TrimSuffix(cmd.UseLine(), " [flags]")
	var want, got int
	switch {
	case strings.HasPrefix(msg, "requires at least "):
		return "missing an argument — " + usage
	case strings.HasPrefix(msg, "accepts "):
		n, _ := fmt.Sscanf(msg, "accepts %d arg(s), received %d", &want, &got)
		if n != 2 {
			n, _ = fmt.Sscanf(msg, "accepts at most %d arg(s), received %d", &want, &got)
		}
		if n == 2 && got > want {
			return "too many arguments (put text with spaces in quotes) — " + usage
		}
		return "missing an argument — " + usage
	}
	return msg
}

// newHelpCmd is `rapport help [command]`: cobra's own prints the overall
// help for a topic it does not know and exits 0; this one says so as a
// usage error.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help about any command: rapport help COMMAND is rapport COMMAND --help.",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return usagef("no command %q — see rapport --help", model.Clip(strings.Join(args, " ")))
			}
			return target.Help()
		},
	}
}

// DefaultDBPath is where the database lives when neither --db nor
// $RAPPORT_DB says: $XDG_DATA_HOME/rapport/rapport.db.
func DefaultDBPath() (string, error) {
	if p := os.Getenv("RAPPORT_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find your home directory for the database; pass --db PATH: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "rapport", "rapport.db"), nil
}

// path is the database file the flags and environment name.
func (e *env) path() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	return DefaultDBPath()
}

// open opens the database the flags and environment name, creating it (and
// its directory) when it does not exist yet: for the TUI and the commands
// that can start a new book (demo, import, remind).
func (e *env) open(ctx context.Context, opts ...store.Option) (*store.Store, error) {
	path, err := e.path()
	if err != nil {
		return nil, err
	}
	e.tightenDataDir(path)
	return store.Open(ctx, path, append(opts, e.notice())...)
}

// notice makes the store say on standard error what it waits for (another
// rapport's import), so a command from cron or a script shows why it takes
// long. The terminal interface opens its store without it.
func (e *env) notice() store.Option {
	return store.WithNotice(func(msg string) { fmt.Fprintln(e.stderr, "rapport: "+msg) })
}

// tightenDataDir makes rapport's own data directory (the default one, not
// a folder named by --db or $RAPPORT_DB) private again when something made
// it readable by others, or warns that it cannot.
func (e *env) tightenDataDir(path string) {
	if e.dbPath != "" || os.Getenv("RAPPORT_DB") != "" {
		return
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o077 == 0 {
		return
	}
	if err := os.Chmod(dir, fi.Mode().Perm()&0o700); err != nil {
		e.warn(fmt.Sprintf("the data folder %s is readable by others (mode %o) and rapport cannot make it private: %v",
			dir, fi.Mode().Perm(), unwrapPathError(err)))
	}
}

// openExisting opens the database only when its file is there. The commands
// that read (today, who, export, backup, brief export) and those that need a
// person or an account a new database cannot hold (note, log) use it: a
// mistyped --db path is then an error naming the path, not an empty book
// that reports "All clear." — and it leaves no file or directory behind.
func (e *env) openExisting(ctx context.Context) (*store.Store, error) {
	path, err := e.existingPath()
	if err != nil {
		return nil, err
	}
	e.tightenDataDir(path)
	return store.Open(ctx, path, e.notice())
}

// existingPath is the database's path when its file is there.
func (e *env) existingPath() (string, error) {
	path, err := e.path()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", noDatabaseError{path: path, flag: e.dbPath != "", env: e.dbPath == "" && os.Getenv("RAPPORT_DB") != ""}
		}
		return "", fmt.Errorf("cannot open the database %s: %w", path, unwrapPathError(err))
	}
	return path, nil
}

// noDatabaseError is openExisting's answer for a database file that does
// not exist.
type noDatabaseError struct {
	path      string
	flag, env bool // the path came from --db, or from $RAPPORT_DB
}

func (e noDatabaseError) Error() string {
	switch {
	case e.flag:
		return fmt.Sprintf("no database at %s — check the path, or run rapport (or rapport demo) with this --db to create one", e.path)
	case e.env:
		return fmt.Sprintf("no database at %s (from $RAPPORT_DB) — check the path, or run rapport (or rapport demo) to create one",
			e.path)
	}
	return fmt.Sprintf("no database at %s — run rapport (or rapport demo) to create one", e.path)
}

func (e *env) runTUI(ctx context.Context) error {
	path, err := e.path()
	if err != nil {
		return err
	}
	e.tightenDataDir(path)
	// No notice on stderr: the screen is the interface's, which shows them.
	notices := make(chan string, 4)
	st, err := store.Open(ctx, path, store.WithNotice(func(msg string) {
		select {
		case notices <- msg:
		default: // one is showing already
		}
	}))
	if err != nil {
		return err
	}
	defer st.Close()
	if e.ui.Run == nil {
		return errNoUI
	}
	return e.ui.Run(ctx, st, notices, !e.noMouse)
}

// today is the calendar day now, local time.
func today() model.Date { return model.DateOf(timeNow()) }
