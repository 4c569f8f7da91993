package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"rapport/model"
)

// backupNotes counts the notes in a backup, opened read-only.
func backupNotes(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM note").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBackupWhileWriting backs up a database while a second handle on the
// file (as the TUI would be, in another process) keeps writing: every copy
// passes PRAGMA integrity_check and holds a whole snapshot, every note of
// it with its search entry.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "r.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acc, err := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()

	var wg sync.WaitGroup
	stop := make(chan struct{})
	var wrote int
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := writer.CreateNote(ctx, model.Note{AccountID: acc.ID, Text: fmt.Sprintf("note %d, written during a backup", wrote)}); err != nil {
				writeErr = err
				return
			}
			wrote++
		}
	}()

	var copies []string
	for i := range 5 {
		time.Sleep(20 * time.Millisecond)
		out, err := st.Backup(ctx, filepath.Join(dir, fmt.Sprintf("copy-%d.db", i)))
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatalf("backup %d: %v", i, err)
		}
		copies = append(copies, out)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("the writer failed during the backups: %v", writeErr)
	}
	if wrote == 0 {
		t.Fatal("the writer wrote nothing")
	}
	prev := 0
	for _, c := range copies {
		if err := IntegrityCheck(ctx, c); err != nil {
			t.Errorf("%s: %v", filepath.Base(c), err)
		}
		n := backupNotes(t, c)
		if n < prev || n > wrote {
			t.Errorf("%s holds %d notes; the copy before held %d, the writer wrote %d", filepath.Base(c), n, prev, wrote)
		}
		prev = n
		// The copy opens as a rapport database, and quick find knows every note in it.
		cp, err := Open(ctx, c)
		if err != nil {
			t.Fatalf("open %s: %v", filepath.Base(c), err)
		}
		hits, err := cp.Search(ctx, "written during", 1000)
		cp.Close()
		if err != nil || len(hits) != min(n, 1000) {
			t.Errorf("%s: quick find finds %d of %d notes (%v)", filepath.Base(c), len(hits), n, err)
		}
	}
	if prev == 0 {
		t.Errorf("no copy holds a note written before it")
	}
	t.Logf("%d notes written during 5 backups; the last copy holds %d", wrote, prev)
}

func TestBackupFile(t *testing.T) {
	ctx := context.Background()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	st, err := Open(ctx, filepath.Join(dir, "r.db"), WithClock(func() time.Time { return time.Date(2026, 3, 2, 7, 15, 0, 0, time.UTC) }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateAccount(ctx, model.Account{Name: "Acme"}); err != nil {
		t.Fatal(err)
	}

	t.Run("DefaultName", func(t *testing.T) {
		var got []string
		for range 3 {
			p, err := st.Backup(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, filepath.Base(p))
		}
		want := []string{"r.db.20260302-071500.bak", "r.db.20260302-071500-2.bak", "r.db.20260302-071500-3.bak"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("backups = %v, want %v (same second: numbered, never overwritten)", got, want)
		}
	})

	t.Run("OK", func(t *testing.T) {
		out := filepath.Join(dir, "a copy? #1.db") // characters a URI would mangle
		p, err := st.Backup(ctx, out)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("backup %s: mode %v, %v; want 0600 under umask 022", p, fi.Mode().Perm(), err)
		}
		for _, side := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(p + side); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the backup left %s beside it", filepath.Base(p+side))
			}
		}
		db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, "a%20copy%3F%20%231.db"))+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var mode string
		var n int
		if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("backup journal mode = %q, %v; want wal, as the database", mode, err)
		}
		if err := db.QueryRow("SELECT count(*) FROM account").Scan(&n); err != nil || n != 1 {
			t.Errorf("backup holds %d accounts, %v", n, err)
		}
	})

	t.Run("NeverOverwrites", func(t *testing.T) {
		out := filepath.Join(dir, "taken.db")
		if err := os.WriteFile(out, []byte("precious"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := st.Backup(ctx, out)
		if !errors.Is(err, fs.ErrExist) {
			t.Errorf("backup over a file: %v, want an already-exists error", err)
		}
		if b, _ := os.ReadFile(out); string(b) != "precious" {
			t.Errorf("the file in the way was changed")
		}
	})

	t.Run("NoDirectory", func(t *testing.T) {
		out := filepath.Join(dir, "missing", "x.db")
		if _, err := st.Backup(ctx, out); err == nil {
			t.Errorf("backup into a missing directory succeeded")
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a failed backup left %s", out)
		}
	})
}
