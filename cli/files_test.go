package cli

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"rapport/model"
	"rapport/store"
)

// The files rapport is given: what it does with odd ones, read-only ones,
// and where it keeps its own.

// bookAt makes a closed database at path holding Acme with Dana Li.
func bookAt(t *testing.T, path string) {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acc, err := st.CreateAccount(context.Background(), model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreatePerson(context.Background(), model.Person{AccountID: acc.ID, Name: "Dana Li"}); err != nil {
		t.Fatal(err)
	}
}

// unprivileged runs the rapport binary as a user the file permissions
// apply to: the tests' own user, or nobody when they run as root (who may
// write any file). Every directory on the way to the paths it needs must
// then be open to others; open opens them.
type unprivileged struct {
	bin  string
	root bool
}

func newUnprivileged(t *testing.T) unprivileged {
	t.Helper()
	u := unprivileged{bin: buildRapport(t), root: os.Geteuid() == 0}
	u.open(t, u.bin)
	return u
}

// open lets others through every directory above path up to the root of
// its temporary directory.
func (u unprivileged) open(t *testing.T, path string) {
	t.Helper()
	if !u.root {
		return
	}
	tmp := os.TempDir()
	for dir := filepath.Dir(path); strings.HasPrefix(dir, tmp) && dir != tmp; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, fi.Mode().Perm()|0o011)
	}
}

// run runs rapport with args.
func (u unprivileged) run(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(u.bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if u.root {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return r
}

// A database that cannot be written used to be refused even for reading
// ("database is read-only" for today and export), and a read-only folder
// gave "attempt to write a readonly database (1544)". Both open read-only:
// every reading command works, and a write says the database is read-only
// in words.
func TestReadOnlyDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rapport")
	}
	u := newUnprivileged(t)
	for _, tc := range []struct {
		name              string
		fileMode, dirMode os.FileMode
	}{
		{"File", 0o444, 0o777},
		{"Directory", 0o644, 0o555},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			os.Mkdir(dir, 0o700)
			db := filepath.Join(dir, "rapport.db")
			bookAt(t, db)
			before := mustRead(t, db)
			os.Chmod(db, tc.fileMode)
			os.Chmod(dir, tc.dirMode)
			defer os.Chmod(dir, 0o700)
			u.open(t, db)

			for _, args := range [][]string{{"today"}, {"who", "dana"}, {"who", "dana", "--json"}, {"export", "--format", "json"},
				{"export", "--format", "csv", "--kind", "people"}, {"import", mustWriteTemp(t, u, "one.json", oneAccountJSON), "--dry-run"}} {
				r := u.run(t, append([]string{"--db", db}, args...)...)
				if r.code != ExitOK {
					t.Errorf("%s on a read-only database: exit %d, %s", args, r.code, r.stderr)
				}
			}
			if r := u.run(t, "--db", db, "who", "dana"); !strings.Contains(r.stdout, "Dana Li") {
				t.Errorf("who: %q", r.stdout)
			}
			for _, args := range [][]string{{"note", "call back", "--person", "dana"}, {"remind", "x", "--due", "tomorrow"},
				{"import", mustWriteTemp(t, u, "two.json", oneAccountJSON)}} {
				r := u.run(t, append([]string{"--db", db}, args...)...)
				if r.code != ExitRuntime || !strings.Contains(r.stderr, "read-only") || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%s on a read-only database: exit %d, %q; want one line saying read-only", args, r.code, r.stderr)
				}
				if strings.ContainsAny(r.stderr, "()") && strings.Contains(r.stderr, "(8") || strings.Contains(r.stderr, "1544") {
					t.Errorf("%s: a raw SQLite code: %q", args, r.stderr)
				}
			}
			if !bytes.Equal(before, mustRead(t, db)) {
				t.Error("the database file changed")
			}
		})
	}
}

const oneAccountJSON = `{"format": "rapport", "version": 1, "accounts": [{"uid": "g1", "name": "Globex"}]}`

// mustWriteTemp writes a file the unprivileged user can read.
func mustWriteTemp(t *testing.T, u unprivileged, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	u.open(t, path)
	return path
}

// A FIFO given as --db used to hang for ever; it, a device and a directory
// are refused at once, in words.
func TestOddDatabaseFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for path, want := range map[string]string{fifo: "is a named pipe (FIFO), not a database file", os.DevNull: "is a character device",
		t.TempDir(): "is a directory"} {
		for _, cmd := range [][]string{{"today"}, {"remind", "x", "--due", "tomorrow"}} {
			r := rapport(t, path, cmd...)
			r.wantCode(t, ExitRuntime, cmd[0]+" on "+path)
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s on %s: %q, want %q", cmd[0], path, r.stderr, want)
			}
		}
	}
}

// rapport's own data directory, found by $XDG_DATA_HOME, used to stay as
// open as it was (0755); it is made 0700 again.
func TestDataDirectoryIsTightened(t *testing.T) {
	xdg := t.TempDir()
	dir := filepath.Join(xdg, "rapport")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	t.Setenv("RAPPORT_DB", "")
	t.Setenv("XDG_DATA_HOME", xdg)
	rapport(t, "", "remind", "tighten", "--due", "tomorrow").wantCode(t, ExitOK, "remind")
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the data directory is %o, %v; want 700", fi.Mode().Perm(), err)
	}
	// A directory named by --db is the user's: rapport leaves its mode.
	mine := t.TempDir()
	os.Chmod(mine, 0o755)
	rapport(t, filepath.Join(mine, "r.db"), "remind", "x", "--due", "tomorrow").wantCode(t, ExitOK, "remind --db")
	if fi, _ := os.Stat(mine); fi.Mode().Perm() != 0o755 {
		t.Errorf("a folder named by --db became %o", fi.Mode().Perm())
	}
}

// `import --dry-run` against a schema-1 file said "nothing was written"
// but migrated the file and wrote a backup beside it. It runs on an
// upgraded scratch copy: the file, and the folder, are as they were.
func TestDryRunNeverWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "old.db")
	schemaOne(t, db)
	before := mustRead(t, db)
	doc := filepath.Join(t.TempDir(), "doc.json")
	os.WriteFile(doc, []byte(oneAccountJSON), 0o600)
	r := rapport(t, db, "import", doc, "--dry-run")
	r.wantCode(t, ExitOK, "dry run")
	if !strings.Contains(r.stdout, "nothing was written") || !strings.Contains(r.stdout, "accounts: 1 new") {
		t.Errorf("dry run said %q", r.stdout)
	}
	if !bytes.Equal(before, mustRead(t, db)) {
		t.Error("the dry run changed the file")
	}
	if baks, _ := filepath.Glob(filepath.Join(dir, "*.bak")); len(baks) != 0 {
		t.Errorf("the dry run wrote %v", baks)
	}
	raw, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var v int
	if err := raw.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 1 {
		t.Errorf("schema %d after a dry run (%v), want 1", v, err)
	}
}

// schemaOne makes a rapport database of schema 1 at path, from the first
// migration as it shipped.
func schemaOne(t *testing.T, path string) {
	t.Helper()
	script, err := os.ReadFile(filepath.Join("..", "store", "migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"PRAGMA journal_mode=WAL", string(script),
		"PRAGMA application_id=" + strconv.Itoa(store.ApplicationID) + "; PRAGMA user_version=1",
		"INSERT INTO account (uid, name, name_fold, created_at, updated_at) VALUES ('a1', 'Acme', 'acme', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
}

// Messages used to repeat what was given whole: a vCard with a 10 MB FN
// printed a 10 MB line, and a 60 k name reached SQLite as "LIKE or GLOB
// pattern too complex". They quote at most 80 characters, and a query or
// name longer than any name is refused before a query runs.
func TestLongInputIsQuotedShort(t *testing.T) {
	f := newFixture(t)
	huge := strings.Repeat("Zoë", 20_000)
	dir := t.TempDir()
	card := filepath.Join(dir, "big.vcf")
	os.WriteFile(card, []byte("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:"+strings.Repeat("A", 10<<20)+"\r\nEND:VCARD\r\n"), 0o600)
	sheet := filepath.Join(dir, "big.csv")
	os.WriteFile(sheet, []byte("Name,Company,Birthday\n"+huge+",Acme,"+huge+"\n"), 0o600)
	for _, args := range [][]string{
		{"who", huge},
		{"who", huge, "--json"},
		{"note", "hello", "--person", huge},
		{"remind", "x", "--due", huge},
		{"remind", "x", "--due", "tomorrow", "--account", huge},
		{"log", "call", "x", "--person", huge},
		{"brief", "export", huge},
		{"import", card},
		{"import", card, "--dry-run"},
		{"import", sheet, "--dry-run"},
		{"import", sheet, "--account", huge},
		{"export", "--format", huge},
	} {
		r := rapport(t, f.db, args...)
		if r.code == ExitOK {
			t.Errorf("%.20s…: exit 0", strings.Join(args, " "))
		}
		for _, line := range strings.Split(r.stdout+r.stderr, "\n") {
			if len(line) > 400 {
				t.Errorf("%.30s…: a line of %d bytes: %.200s…", strings.Join(args, " "), len(line), line)
			}
		}
		if strings.Contains(r.stderr, "LIKE") || strings.Contains(r.stderr, "SQL") {
			t.Errorf("%.30s…: SQLite's words: %.300s", strings.Join(args, " "), r.stderr)
		}
	}
}

// A sheet saved with classic Mac line ends (a lone CR) reported "nothing
// to import" and exited 0; a JSON export saved by a Windows tool with a
// byte order mark was refused ("invalid character 'ï'"). Both import.
func TestImportOddLineEndsAndBOM(t *testing.T) {
	db := exDB(t)
	dir := t.TempDir()
	sheet := filepath.Join(dir, "mac.csv")
	os.WriteFile(sheet, []byte("Name,Company\rDana Li,Acme\rBo Chen,Acme\r"), 0o600)
	exRun(t, db, "import", sheet).ok(t).says(t, "people: 2 new")
	doc := exRun(t, db, "export", "--format", "json").ok(t).stdout
	bom := filepath.Join(dir, "bom.json")
	os.WriteFile(bom, []byte("\ufeff"+doc), 0o600)
	again := exDB(t)
	exRun(t, again, "import", bom).ok(t).says(t, "accounts: 1 new", "people: 2 new")
	var out, errb bytes.Buffer
	if code := Run([]string{"--db", exDB(t), "import", "-", "--format", "json"}, strings.NewReader("\ufeff"+doc), &out, &errb); code != ExitOK ||
		!strings.Contains(out.String(), "people: 2 new") {
		t.Errorf("import - with a byte order mark: exit %d, %s%s", code, out.String(), errb.String())
	}
}
