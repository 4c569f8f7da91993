package demo

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"rapport/model"
	"rapport/store"
)

var demoToday = model.MustDate("2026-05-04")

// cpuTime is the process's user plus system time: on a busy machine it says
// more about the work done than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestLarge(t *testing.T) {
	if os.Getenv("RAPPORT_LARGE") == "" {
		t.Skip("set RAPPORT_LARGE=1 to generate and load the large dataset")
	}
	ctx := context.Background()
	start, cpu := time.Now(), cpuTime()
	ds := Generate(Large, demoToday, Seed)
	t.Logf("generate: %v wall, %v cpu", time.Since(start), cpuTime()-cpu)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "large.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start, cpu = time.Now(), cpuTime()
	res, err := st.Import(ctx, ds, store.ImportOptions{BatchSize: LoadBatch})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("import: %v wall, %v cpu: %s", time.Since(start), cpuTime()-cpu, res)
}

// TestSmallFillsToday loads the small demo into a real file and checks that
// every section of Today has something, that it is the size it is meant to
// be (eight accounts, about forty people, a few hundred notes), and that a
// second load is refused.
func TestSmallFillsToday(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "small.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := Load(ctx, st, Small, demoToday)
	if err != nil {
		t.Fatal(err)
	}
	ds := Generate(Small, demoToday, Seed)
	if n := len(ds.Accounts); n != 8 {
		t.Errorf("accounts = %d, want 8", n)
	}
	if n := len(ds.People); n < 35 || n > 45 {
		t.Errorf("people = %d, want about 40", n)
	}
	if n := len(ds.Notes); n < 200 || n > 500 {
		t.Errorf("notes = %d, want a few hundred", n)
	}
	t.Logf("loaded: %s", res)

	ag, err := st.Agenda(ctx, store.AgendaReq{Today: demoToday})
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{
		"overdue": len(ag.Overdue), "due today": len(ag.DueToday), "next 7 days": len(ag.Upcoming),
		"due a touch": len(ag.TouchDue), "ask about": len(ag.AskAbout), "birthdays": len(ag.Birthdays), "stalled": len(ag.Stalled),
	} {
		if n == 0 {
			t.Errorf("Today's %s section is empty", name)
		}
	}
	if _, err := Load(ctx, st, Small, demoToday); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second load: err = %v, want ErrNotEmpty", err)
	}
}

// TestGenerateDeterministic: the same size, day and seed give the same
// dataset, uids included; another day shifts the dates.
func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(Small, demoToday, Seed), Generate(Small, demoToday, Seed)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Fatal("two generations of the small demo differ")
	}
	c := Generate(Small, demoToday.AddDays(1), Seed)
	if c.FollowUps[0].DueOn != a.FollowUps[0].DueOn.AddDays(1) {
		t.Errorf("follow-up due %s on the next day, want %s", c.FollowUps[0].DueOn, a.FollowUps[0].DueOn.AddDays(1))
	}
}
