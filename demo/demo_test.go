package demo

import (
	"context"
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
