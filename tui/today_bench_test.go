package tui

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/store"
)

// BenchmarkTodayFollowUpsKeys measures a key's Update+View on Today and
// Follow-ups over the large demo named by $RAPPORT_LARGE_DB (made with
// `rapport demo --size large`); it is skipped without one.
func BenchmarkTodayFollowUpsKeys(b *testing.B) {
	path := os.Getenv("RAPPORT_LARGE_DB")
	if path == "" {
		b.Skip("set RAPPORT_LARGE_DB to a large demo database")
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, sc := range []struct {
		name  string
		setup []string
		keys  []string
	}{
		{"Today/move", []string{"1"}, []string{"j", "j", "j", "k"}},
		{"Today/page", []string{"1"}, []string{"pgdown", "pgdown", "pgup"}},
		{"FollowUps/move", []string{"5"}, []string{"j", "j", "j", "k"}},
		{"FollowUps/page", []string{"5"}, []string{"pgdown", "pgdown", "pgup"}},
		{"FollowUps/withDone", []string{"5", "v"}, []string{"j", "j", "j", "k"}},
	} {
		b.Run(sc.name, func(b *testing.B) {
			var m tea.Model = New(st, Options{StatusFor: -1})
			m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
			start := time.Now()
			m = Drive(m, m.Init(), 5*time.Second)
			b.Logf("first load %v", time.Since(start))
			for _, k := range sc.setup {
				m = Drive(m, func() tea.Msg { return Key(k) }, 5*time.Second)
			}
			var s []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				next, cmd := m.Update(Key(sc.keys[i%len(sc.keys)]))
				_ = next.View()
				s = append(s, time.Since(t0))
				m = Drive(next, cmd, 5*time.Second)
			}
			b.StopTimer()
			slices.Sort(s)
			b.ReportMetric(float64(s[len(s)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(s[len(s)*99/100].Microseconds())/1000, "ms-p99")
		})
	}
}
