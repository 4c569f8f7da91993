package cli

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// writerEnv names the database the helper process writes to.
const writerEnv = "RAPPORT_TEST_WRITER_DB"

// TestBackupHelperWriter is not a test: run by
// TestBackupWhileAnotherProcessWrites as a second process, it writes notes
// to the database, as the TUI would, until its standard input closes.
func TestBackupHelperWriter(t *testing.T) {
	db := os.Getenv(writerEnv)
	if db == "" {
		t.Skip("the writing process of TestBackupWhileAnotherProcessWrites")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	defer st.Close()
	accounts, err := st.FindAccounts(ctx, "Writer Co", 1)
	if err != nil || len(accounts) != 1 {
		fmt.Println("account:", accounts, err)
		os.Exit(1)
	}
	stop := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin)
		close(stop)
	}()
	for i := 0; ; i++ {
		select {
		case <-stop:
			fmt.Printf("wrote %d\n", i)
			return
		default:
		}
		if _, err := st.CreateNote(ctx, model.Note{AccountID: accounts[0].ID, Text: fmt.Sprintf("note %d from the other process", i)}); err != nil {
			fmt.Println("write:", err)
			os.Exit(1)
		}
		if i == 0 {
			fmt.Println("writing")
		}
	}
}

// TestBackupWhileAnotherProcessWrites runs rapport backup while another
// process writes to the database: every copy passes PRAGMA
// integrity_check, holds a whole snapshot, and the writer never sees
// "database is locked".
func TestBackupWhileAnotherProcessWrites(t *testing.T) {
	db := exDB(t)
	exRun(t, db, "demo").ok(t)
	st := exStore(t, db)
	if _, err := st.CreateAccount(context.Background(), model.Account{Name: "Writer Co"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestBackupHelperWriter$")
	cmd.Env = append(os.Environ(), writerEnv+"="+db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewScanner(stdout)
	if !out.Scan() || out.Text() != "writing" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("the writer did not start: %q", out.Text())
	}

	dir := t.TempDir()
	var copies []string
	for i := range 5 {
		time.Sleep(30 * time.Millisecond)
		p := filepath.Join(dir, fmt.Sprintf("copy-%d.db", i))
		exRun(t, db, "backup", "--out", p).ok(t).says(t, p)
		copies = append(copies, p)
	}
	stdin.Close()
	var rest strings.Builder
	for out.Scan() {
		rest.WriteString(out.Text() + "\n")
	}
	if err := cmd.Wait(); err != nil || !strings.HasPrefix(rest.String(), "wrote ") {
		t.Fatalf("the writer failed: %v: %s", err, rest.String())
	}
	var wrote int
	fmt.Sscanf(rest.String(), "wrote %d", &wrote)

	prev := 0
	for _, c := range copies {
		if err := store.IntegrityCheck(context.Background(), c); err != nil {
			t.Errorf("%s: %v", filepath.Base(c), err)
		}
		n := writerNotes(t, c)
		if n < prev || n > wrote {
			t.Errorf("%s holds %d notes of the writer; the copy before held %d, the writer wrote %d", filepath.Base(c), n, prev, wrote)
		}
		prev = n
		if fi, err := os.Stat(c); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", filepath.Base(c), fi.Mode().Perm(), err)
		}
	}
	if prev == 0 {
		t.Errorf("no copy holds a note the other process wrote")
	}
	t.Logf("the other process wrote %d notes during 5 backups; the last copy holds %d", wrote, prev)
}

// writerNotes counts the notes of the writing process in a backup.
func writerNotes(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM note WHERE text LIKE '% from the other process'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
