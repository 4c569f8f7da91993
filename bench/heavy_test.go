package bench

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/demo"
	"rapport/model"
	"rapport/store"
)

// The heavy book: the large one plus the shapes real books have (one person
// with 50,000 notes, an account with 10,000 people, notes of 100 KB, a
// crowded Today, a first name 2,000 people share, a brief with a 200 KB
// why). Every budget holds on it too; its rows say "heavy".

var heavyBook = flag.Bool("heavy", true, "measure the heavy book as well")

// heavyDataset returns the path of the heavy demo database, building it
// when it is not cached.
func heavyDataset(tb testing.TB) string {
	tb.Helper()
	if !*heavyBook {
		tb.Skip("-heavy=false")
	}
	dir := filepath.Join(os.TempDir(), "rapport-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	today := model.DateOf(time.Now())
	path := filepath.Join(dir, fmt.Sprintf("heavy-schema%d-%s-%s.db", store.SchemaVersion(), schemaHash(tb), today))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(f)
	}
	ctx := context.Background()
	start := time.Now()
	st, err := store.Open(ctx, tmp)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := demo.Load(ctx, st, demo.Heavy, today); err != nil {
		st.Close()
		tb.Fatal(err)
	}
	st.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built the heavy dataset in %s", time.Since(start).Round(time.Millisecond))
	return path
}

var heavy = row{book: "heavy"}

func BenchmarkHeavyStartToFirstFrame(b *testing.B) {
	db := heavyDataset(b)
	s := run(b, processRuns, binary(b), "--db", db, "frame", "--width", "160", "--height", "45")
	med, p99 := percentiles(s)
	r := heavy
	r.what, r.budget, r.median, r.p99, r.pass = "start to first complete frame (process, 160×45)", "≤ 100 ms", med, p99, p99 <= 100*time.Millisecond
	record(r)
}

// BenchmarkHeavyCLIWallTime: who times the dossier of the person with
// 50,000 notes and 20,000 touches, and the list of the 2,000 who share a
// first name.
func BenchmarkHeavyCLIWallTime(b *testing.B) {
	timeCLI(b, heavyDataset(b), heavy, demo.HeavyPerson, demo.SharedFirstName)
}

func BenchmarkHeavyMemory(b *testing.B) {
	db := heavyDataset(b)
	out, err := exec.Command(binary(b), "--db", db, "frame", "--visit").Output()
	if err != nil {
		b.Fatal(err)
	}
	var first, after int
	for _, l := range strings.Split(string(out), "\n") {
		fmt.Sscanf(l, "rss_kb %d", &first)
		fmt.Sscanf(l, "rss_after_visit_kb %d", &after)
	}
	for _, m := range []struct {
		what string
		kb   int
	}{{"TUI resident memory after the first frame", first}, {"TUI resident memory after visiting every pane", after}} {
		r := heavy
		r.what, r.budget, r.value, r.pass = m.what, "≤ 100 MB", fmt.Sprintf("%.1f MB", float64(m.kb)/1024), m.kb > 0 && m.kb <= 100*1024
		record(r)
	}
}

// BenchmarkHeavyQuickFind runs the large book's queries on the heavy one
// (their text hits are the newest: the 100 KB notes come first), then a
// word only the long notes hold.
func BenchmarkHeavyQuickFind(b *testing.B) {
	st := openRO(b, heavyDataset(b))
	defer st.Close()
	ctx := context.Background()
	for _, c := range []struct {
		what    string
		queries []string
		long    bool // each must find the long notes
	}{
		{"quick find, top 50 results", []string{"da", "dan", "mara", "zo", "pricing", "renewal q", "ana s", "marathon berlin", "ølsen", "qbr", "ki", "brand"}, false},
		{"quick find, a word in 100 KB notes", []string{demo.LongNotesWord, "zeppe", "hangar " + demo.LongNotesWord, "minutes " + demo.LongNotesWord}, true},
	} {
		var s []time.Duration
		for range 240 / len(c.queries) {
			for _, q := range c.queries {
				start := time.Now()
				hits, err := st.Search(ctx, q, 50)
				if err != nil {
					b.Fatal(err)
				}
				if c.long && (len(hits) < 50 || !strings.Contains(hits[0].Context, demo.LongNotesPerson)) {
					b.Fatalf("quick find %q found %d, not the long notes: %+v", q, len(hits), hits[:min(len(hits), 1)])
				}
				s = append(s, time.Since(start))
			}
		}
		med, p99 := percentiles(s)
		r := heavy
		r.what, r.budget, r.median, r.p99, r.pass = c.what, "≤ 20 ms", med, p99, p99 <= 20*time.Millisecond
		record(r)
	}
}

// heavyScenarios put the heavy shapes on screen: the dossier of the person
// with 50,000 notes (from quick find, and moving onto them in the list), the
// person with 100 KB notes, the account with 10,000 people (its dossier,
// and People scoped to it), a word in the long notes, the 200 KB why. want
// is what the last frame must show, or the scenario measured something else.
var heavyScenarios = []struct {
	keyScenario
	want string
}{
	// The cycle ends on enter, so the last frame is the dossier (esc goes
	// back to Today, which opens with the day's meetings).
	{keyScenario{"heavy: quick find the 50,000-note person, open the dossier", nil, []string{"esc", "ctrl+k", demo.HeavyPerson, "enter"}}, demo.HeavyPerson},
	// esc goes back to Today, where quick find was opened: 3 is People,
	// with her selected.
	{keyScenario{"heavy: move onto the 50,000-note person in People (k / j)", []string{"ctrl+k", demo.HeavyPerson, "enter", "esc", "3"}, []string{"k", "j"}}, demo.HeavyPerson},
	// In People by hand (3), esc leaves the dossier for the list rather
	// than going back to Today.
	{keyScenario{"heavy: focus the 100 KB-notes dossier (esc / enter)", []string{"ctrl+k", demo.LongNotesPerson, "enter", "esc", "3", "enter"},
		[]string{"esc", "enter"}}, "Minutes 100"},
	{keyScenario{"heavy: move onto the 10,000-people account (j / k)", []string{"2"}, []string{"j", "k"}}, demo.HeavyAccount},
	{keyScenario{"heavy: open the 10,000-people account's dossier (enter / esc)", []string{"2"}, []string{"enter", "esc"}}, demo.HeavyAccount},
	{keyScenario{"heavy: People scoped to the 10,000-people account (G / g)", []string{"A", demo.HeavyAccount, "enter", "3"}, []string{"G", "g"}}, demo.HeavyAccount},
	{keyScenario{"heavy: quick find a word in 100 KB notes, type a letter", []string{"ctrl+k", demo.LongNotesWord[:6]}, []string{demo.LongNotesWord[6:7], "backspace"}}, demo.LongNotesPerson},
	{keyScenario{"heavy: scroll the 200 KB why's brief", []string{"4", "enter"}, []string{"j", "k"}}, demo.HeavyBrief},
	{keyScenario{"heavy: type in the 200 KB why", []string{"4", "e", "tab", "tab", "ctrl+end"}, []string{"a", "b", " "}}, "ab ab ab"},
}

func BenchmarkHeavyKeyToFrame(b *testing.B) {
	st := openRO(b, heavyDataset(b))
	defer st.Close()
	scenarios := heavyScenarios[:0:0]
	for _, sc := range keyScenarios {
		scenarios = append(scenarios, struct {
			keyScenario
			want string
		}{sc, ""})
	}
	var syncAll, fullAll []time.Duration
	for _, sc := range append(scenarios, heavyScenarios...) {
		syncS, fullS, view := measureKeys(st, sc.keyScenario)
		if !strings.Contains(view, sc.want) {
			b.Fatalf("%s: the last frame does not show %q, so the scenario measured something else:\n%s", sc.name, sc.want, view)
		}
		for _, r := range keyRows(sc.name, syncS, fullS) {
			r.book = heavy.book
			record(r)
		}
		syncAll = append(syncAll, syncS...)
		fullAll = append(fullAll, fullS...)
	}
	for _, r := range keyRows("every key above", syncAll, fullAll) {
		r.book, r.what = heavy.book, strings.TrimPrefix(r.what, "key: ")
		record(r)
	}
}

// keyRows are the two rows of a key scenario: Update+View, and to the
// complete frame.
func keyRows(name string, syncS, fullS []time.Duration) []row {
	med, p99 := percentiles(syncS)
	fmed, fp99 := percentiles(fullS)
	return []row{
		{what: "key: " + name + " — Update+View", budget: "≤ 2 ms median", median: med, p99: p99, pass: med <= 2*time.Millisecond},
		{what: "key: " + name + " — to complete frame", budget: "≤ 16 ms p99", median: fmed, p99: fp99, pass: fp99 <= 16*time.Millisecond},
	}
}
