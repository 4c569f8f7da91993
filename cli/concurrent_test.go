package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

// buildRapport builds the rapport binary into a temporary directory.
func buildRapport(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build rapport with")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "rapport")
	cmd := exec.Command(goTool, "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Two processes on one file: with the TUI open on a file and writing, 100
// `rapport remind` processes run one after another on the same file all
// succeed, none reports the database locked or busy, and nothing either side
// wrote is lost.
func TestRemindBesideOpenStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds rapport and starts it 100 times")
	}
	const runs = 100
	bin := buildRapport(t)

	f := newFixture(t)
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()

	// The "TUI": notes and touches saved, and the agenda read, one after
	// another until the loop is over — far faster than anybody types, with
	// a breath between them so that two shared cores can run the remind
	// processes too.
	var wg sync.WaitGroup
	var notes, touches, reads int
	var tuiErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			var err error
			switch i % 3 {
			case 0:
				_, err = f.st.CreateNote(ctx, model.Note{PersonID: f.zoe.ID, Text: fmt.Sprintf("tui note %d", i)})
				if err == nil {
					notes++
				}
			case 1:
				_, err = f.st.LogTouch(ctx, model.Touch{Kind: model.TouchCall, Summary: fmt.Sprintf("tui touch %d", i),
					PersonIDs: []int64{f.dana.ID}})
				if err == nil {
					touches++
				}
			case 2:
				_, err = f.st.Agenda(ctx, store.AgendaReq{})
				if err == nil {
					reads++
				}
			}
			if err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil {
				tuiErr = fmt.Errorf("write %d: %w", i, err)
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()

	start := time.Now()
	for i := range runs {
		var out, errb bytes.Buffer
		cmd := exec.Command(bin, "--db", f.db, "remind", fmt.Sprintf("cron reminder %03d", i), "--due", "+2w", "--person", "zoe")
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		if err != nil || errb.Len() > 0 {
			t.Errorf("run %d: %v\nstderr: %s", i, err, errb.String())
		}
		if s := strings.ToLower(errb.String()); strings.Contains(s, "locked") || strings.Contains(s, "busy") {
			t.Fatalf("run %d reported the database locked: %s", i, errb.String())
		}
		if !strings.HasPrefix(out.String(), "Reminder set for ") {
			t.Errorf("run %d printed %q", i, out.String())
		}
	}
	elapsed := time.Since(start)
	cancel()
	wg.Wait()
	if tuiErr != nil {
		t.Fatalf("the open store failed beside the remind processes: %v", tuiErr)
	}
	t.Logf("%d remind processes in %v beside %d notes, %d touches and %d agenda reads", runs, elapsed, notes, touches, reads)
	if notes == 0 || touches == 0 {
		t.Fatalf("the open store wrote nothing (%d notes, %d touches): the test proves nothing", notes, touches)
	}

	// Read back through a fresh store, as the next process would.
	st := openStore(t, f.db)
	fus, err := st.FollowUps(f.ctx, store.FollowUpFilter{PersonID: f.zoe.ID, Done: true, Archived: true}, store.PageReq{Limit: store.MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, fu := range fus.Items {
		seen[fu.Text] = true
	}
	for i := range runs {
		if text := fmt.Sprintf("cron reminder %03d", i); !seen[text] {
			t.Errorf("lost %q", text)
		}
	}
	if len(fus.Items) != runs {
		t.Errorf("%d follow-ups, want %d", len(fus.Items), runs)
	}
	n, err := countAll(st, store.NoteFilter{PersonID: f.zoe.ID})
	if err != nil || n != notes {
		t.Errorf("%d notes on Zoë (%v), the open store saved %d", n, err, notes)
	}
	tp, err := countTouches(st, store.TouchFilter{PersonID: f.dana.ID})
	if err != nil || tp != touches {
		t.Errorf("%d touches with Dana (%v), the open store saved %d", tp, err, touches)
	}
}

// countAll counts the notes a filter selects, page by page.
func countAll(st *store.Store, f store.NoteFilter) (int, error) {
	n := 0
	var after *store.Cursor
	for {
		p, err := st.Notes(context.Background(), f, store.PageReq{After: after, Limit: store.MaxPage})
		if err != nil {
			return n, err
		}
		n += len(p.Items)
		if len(p.Items) < store.MaxPage {
			return n, nil
		}
		after = &p.Cursors[len(p.Cursors)-1]
	}
}

// countTouches counts the touches a filter selects, page by page.
func countTouches(st *store.Store, f store.TouchFilter) (int, error) {
	n := 0
	var after *store.Cursor
	for {
		p, err := st.Touches(context.Background(), f, store.PageReq{After: after, Limit: store.MaxPage})
		if err != nil {
			return n, err
		}
		n += len(p.Items)
		if len(p.Items) < store.MaxPage {
			return n, nil
		}
		after = &p.Cursors[len(p.Cursors)-1]
	}
}
