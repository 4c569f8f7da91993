// Package bench measures rapport against its performance budgets on the
// large demo dataset. Run it with `make bench`; it is never part of `make
// test`. The dataset is built once per day, schema and generator under
// $TMPDIR and reused by later runs.
package bench

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/demo"
	"rapport/model"
	"rapport/store"
	"rapport/tui"
)

var (
	scales = flag.String("scales", "1,2", "dataset sizes to measure, as multiples of the large demo (the 2× run is the scaling check)")
	keep   = flag.Bool("keep", true, "keep the built datasets under $TMPDIR/rapport-bench for the next run")
)

// row is one line of the report.
type row struct {
	what    string
	budget  string
	scale   int
	book    string // the dataset when it is not the large one at a scale ("heavy")
	median  time.Duration
	p99     time.Duration
	value   string // for rows that are not durations (memory)
	pass    bool
	comment string
}

var (
	mu     sync.Mutex
	report []row
)

func record(r row) {
	mu.Lock()
	defer mu.Unlock()
	report = append(report, r)
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if len(report) > 0 {
		printReport()
	}
	if !*keep {
		os.RemoveAll(filepath.Join(os.TempDir(), "rapport-bench"))
	}
	os.Exit(code)
}

// printReport prints the table. The budgets hold on the large dataset. A
// row measured on the dataset twice as large is the scaling check: it shows
// how its median grew, and passes when that is less than twice (cost must
// follow what is on screen, not the book). A row of the heavy book must
// meet the budget itself; beside it is its median over the large book's.
func printReport() {
	fmt.Printf("\nrapport performance budgets — %d cores, %s/%s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Printf("%-64s %-5s %-15s %10s %10s %6s  %s\n", "what", "data", "budget", "median", "p99", "vs 1×", "result")
	fmt.Println(strings.Repeat("-", 124))
	base := map[string]time.Duration{}
	for _, r := range report {
		if r.scale == 1 {
			base[r.what] = r.median
		}
	}
	failed := 0
	for _, r := range report {
		growth := ""
		if b := base[r.what]; r.scale == 2 && b > 0 && r.median > 0 {
			g := float64(r.median) / float64(b)
			growth = fmt.Sprintf("%.2f", g)
			r.budget, r.pass = "grows < 2×", g < 2
		} else if r.book != "" && b > 0 && r.median > 0 {
			growth = fmt.Sprintf("%.2f", float64(r.median)/float64(b))
		}
		res := "PASS"
		if !r.pass {
			res = "FAIL"
			failed++
		}
		med, p99 := ms(r.median), ms(r.p99)
		if r.value != "" {
			med, p99 = r.value, ""
		}
		data := fmt.Sprintf("%d×", r.scale)
		if r.book != "" {
			data = r.book
		}
		line := fmt.Sprintf("%-64s %-5s %-15s %10s %10s %6s  %s", r.what, data, r.budget, med, p99, growth, res)
		if r.comment != "" {
			line += "  " + r.comment
		}
		fmt.Println(line)
	}
	fmt.Printf("\n%d of %d rows pass.\n\n", len(report)-failed, len(report))
}

func ms(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}

// percentiles returns the median and 99th percentile of samples.
func percentiles(s []time.Duration) (med, p99 time.Duration) {
	if len(s) == 0 {
		return 0, 0
	}
	s = slices.Clone(s)
	slices.Sort(s)
	med = s[len(s)/2]
	i := (len(s)*99 + 99) / 100
	p99 = s[min(i, len(s))-1]
	return med, p99
}

// dataset returns the path of the large demo database at the given scale,
// building it when it is not cached.
func dataset(tb testing.TB, scale int) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), "rapport-bench")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	today := model.DateOf(time.Now())
	path := filepath.Join(dir, fmt.Sprintf("large-x%d-schema%d-%s-%s.db", scale, store.SchemaVersion(), schemaHash(tb), today))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	ctx := context.Background()
	start := time.Now()
	st, err := store.Open(ctx, tmp)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := demo.LoadScaled(ctx, st, demo.Large, today, scale); err != nil {
		st.Close()
		tb.Fatal(err)
	}
	st.Close()
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built the %d× large dataset in %s", scale, time.Since(start).Round(time.Millisecond))
	return path
}

// schemaHash identifies the migrations and the demo generator the cached
// datasets were built with, so a changed index or a changed book rebuilds
// them.
func schemaHash(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "store", "migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no migrations found from %s: %v", must(os.Getwd()), err)
	}
	gen, _ := filepath.Glob(filepath.Join("..", "demo", "*.go"))
	h := fnv.New32a()
	for _, f := range append(files, gen...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		h.Write(b)
	}
	return fmt.Sprintf("%08x", h.Sum32())
}

func must[T any](v T, _ error) T { return v }

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds rapport once for the measurements that run it as a process.
func binary(tb testing.TB) string {
	tb.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rapport-bench-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "rapport")
		// As make build does it.
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", binPath, "rapport")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		tb.Fatal(binErr)
	}
	return binPath
}

func scaleList(tb testing.TB) []int {
	var out []int
	for _, s := range strings.Split(*scales, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
			tb.Fatalf("bad -scales %q", *scales)
		}
		out = append(out, n)
	}
	return out
}

// processRuns is how many times a process is timed: enough that the p99 is
// the 99th of 100, not the slowest of a few.
const processRuns = 100

// run times a command n times (after one warm-up run).
func run(tb testing.TB, n int, name string, args ...string) []time.Duration {
	tb.Helper()
	var out []time.Duration
	for i := -1; i < n; i++ {
		var stderr bytes.Buffer
		cmd := exec.Command(name, args...)
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			tb.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
		}
		if i >= 0 {
			out = append(out, time.Since(start))
		}
	}
	return out
}

func BenchmarkStartToFirstFrame(b *testing.B) {
	bin := binary(b)
	for _, scale := range scaleList(b)[:1] {
		db := dataset(b, scale)
		s := run(b, processRuns, bin, "--db", db, "frame", "--width", "160", "--height", "45")
		med, p99 := percentiles(s)
		record(row{what: "start to first complete frame (process, 160×45)", budget: "≤ 100 ms", scale: scale, median: med, p99: p99, pass: p99 <= 100*time.Millisecond})
	}
}

func BenchmarkCLIWallTime(b *testing.B) {
	db := dataset(b, 1)
	st := openRO(b, db)
	p, err := st.People(context.Background(), store.PersonFilter{}, store.PageReq{Limit: 400})
	st.Close()
	if err != nil || len(p.Items) == 0 {
		b.Fatal("no people in the dataset", err)
	}
	// who times one person's dossier (the one name nobody else has); a
	// first name hundreds share times the list of matches.
	timeCLI(b, db, row{scale: 1}, demo.LargePerson, strings.Fields(p.Items[len(p.Items)-1].Name)[0])
}

// timeCLI times today, today --json, who on one person (name) and who on a
// name many share (the list of candidates), recording rows like proto; the
// exec floor is rapport doing nothing (version), for scale.
func timeCLI(b *testing.B, db string, proto row, name, shared string) {
	bin := binary(b)
	for _, c := range []struct {
		what, comment string
		args          []string
	}{
		{"exec floor: `rapport version` wall time", "", []string{"version"}},
		{"`rapport today` wall time", "", []string{"--db", db, "today"}},
		{"`rapport today --json` wall time", "", []string{"--db", db, "today", "--json"}},
		{"`rapport who` wall time, one person's dossier", "who " + name, []string{"--db", db, "who", name}},
		{"`rapport who` wall time, a name many share (the list)", "who " + shared, []string{"--db", db, "who", shared}},
	} {
		s := run(b, processRuns, bin, c.args...)
		med, p99 := percentiles(s)
		r := proto
		r.what, r.comment, r.budget, r.median, r.p99, r.pass = c.what, c.comment, "≤ 80 ms", med, p99, p99 <= 80*time.Millisecond
		if c.comment == "" && c.args[0] == "version" {
			r.budget, r.pass = "(for scale)", true
		}
		record(r)
	}
}

// BenchmarkTodayMeetings measures Today on the large book with its
// calendar's heaviest day (demo.LargeMeetingsToday meetings today), and
// the prep sheet: Today must keep its budgets, and a prep sheet is read
// within a command's.
func BenchmarkTodayMeetings(b *testing.B) {
	ctx := context.Background()
	db := dataset(b, 1)
	st := openRO(b, db)
	today := model.DateOf(time.Now())
	ms, err := st.MeetingsOn(ctx, today)
	if err != nil || len(ms) < demo.LargeMeetingsToday {
		b.Fatalf("the large book has %d meetings today, want %d: %v", len(ms), demo.LargeMeetingsToday, err)
	}
	n := len(ms)
	var agenda, prep []time.Duration
	biggest := ms[0]
	for _, m := range ms {
		if len(m.People()) > len(biggest.People()) {
			biggest = m
		}
	}
	for range processRuns {
		start := time.Now()
		if _, err := st.Agenda(ctx, store.AgendaReq{Today: today, Limit: 50}); err != nil {
			b.Fatal(err)
		}
		agenda = append(agenda, time.Since(start))
		start = time.Now()
		if _, err := st.Prep(ctx, store.PrepReq{MeetingID: biggest.ID, Today: today}); err != nil {
			b.Fatal(err)
		}
		prep = append(prep, time.Since(start))
	}
	st.Close()
	med, p99 := percentiles(agenda)
	record(row{what: fmt.Sprintf("Today's agenda read, %d meetings today (in process)", n), budget: "(part of start)", scale: 1,
		median: med, p99: p99, pass: true})
	med, p99 = percentiles(prep)
	record(row{what: fmt.Sprintf("prep sheet of a meeting of %d people (in process)", len(biggest.People())), budget: "≤ 80 ms", scale: 1,
		median: med, p99: p99, pass: p99 <= 80*time.Millisecond})

	bin := binary(b)
	for _, c := range []struct {
		what, budget string
		limit        time.Duration
		args         []string
	}{
		{fmt.Sprintf("Today with %d meetings today: start to first complete frame (process, 160×45)", n), "≤ 100 ms", 100 * time.Millisecond,
			[]string{"--db", db, "frame", "--width", "160", "--height", "45"}},
		{fmt.Sprintf("`rapport today` with %d meetings today, wall time", n), "≤ 80 ms", 80 * time.Millisecond, []string{"--db", db, "today"}},
		{"`rapport prep --next` wall time", "≤ 80 ms", 80 * time.Millisecond, []string{"--db", db, "prep", "--next"}},
		{"`rapport prep ACCOUNT` wall time (its four key people)", "≤ 80 ms", 80 * time.Millisecond, []string{"--db", db, "prep", biggest.AccountName}},
	} {
		s := run(b, processRuns, bin, c.args...)
		med, p99 := percentiles(s)
		record(row{what: c.what, budget: c.budget, scale: 1, median: med, p99: p99, pass: p99 <= c.limit})
	}
}

func BenchmarkMemory(b *testing.B) {
	bin := binary(b)
	db := dataset(b, 1)
	out, err := exec.Command(bin, "--db", db, "frame", "--visit").Output()
	if err != nil {
		b.Fatal(err)
	}
	var first, after int
	for _, l := range strings.Split(string(out), "\n") {
		fmt.Sscanf(l, "rss_kb %d", &first)
		fmt.Sscanf(l, "rss_after_visit_kb %d", &after)
	}
	record(row{what: "TUI resident memory after the first frame", budget: "≤ 100 MB", scale: 1, value: fmt.Sprintf("%.1f MB", float64(first)/1024), pass: first > 0 && first <= 100*1024})
	record(row{what: "TUI resident memory after visiting every pane", budget: "≤ 100 MB", scale: 1, value: fmt.Sprintf("%.1f MB", float64(after)/1024), pass: after > 0 && after <= 100*1024})
}

func openRO(tb testing.TB, path string) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

func BenchmarkStoreOpen(b *testing.B) {
	db := dataset(b, 1)
	var s []time.Duration
	for i := 0; i < 50; i++ {
		start := time.Now()
		st, err := store.Open(context.Background(), db)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		s = append(s, time.Since(start))
	}
	med, p99 := percentiles(s)
	record(row{what: "store open + migration check, existing file", budget: "(part of start)", scale: 1, median: med, p99: p99, pass: true})
}

func BenchmarkPagedListQuery(b *testing.B) {
	for _, scale := range scaleList(b) {
		st := openRO(b, dataset(b, scale))
		ctx := context.Background()
		var s []time.Duration
		var c *store.Cursor
		for i := 0; i < 150; i++ {
			start := time.Now()
			p, err := st.People(ctx, store.PersonFilter{}, store.PageReq{After: c, Limit: 100})
			if err != nil {
				b.Fatal(err)
			}
			s = append(s, time.Since(start))
			if len(p.Cursors) == 0 {
				c = nil
				continue
			}
			last := p.Cursors[len(p.Cursors)-1]
			c = &last
		}
		med, p99 := percentiles(s)
		record(row{what: "one page of 100 people (keyset, walking the list)", budget: "(part of a key)", scale: scale, median: med, p99: p99, pass: true})
		st.Close()
	}
}

func BenchmarkQuickFind(b *testing.B) {
	queries := []string{"da", "dan", "mara", "zo", "pricing", "renewal q", "ana s", "marathon berlin", "ølsen", "qbr", "ki", "brand"}
	for _, scale := range scaleList(b) {
		st := openRO(b, dataset(b, scale))
		ctx := context.Background()
		var s []time.Duration
		for i := 0; i < 20; i++ {
			for _, q := range queries {
				start := time.Now()
				if _, err := st.Search(ctx, q, 50); err != nil {
					b.Fatal(err)
				}
				s = append(s, time.Since(start))
			}
		}
		med, p99 := percentiles(s)
		record(row{what: "quick find, top 50 results", budget: "≤ 20 ms", scale: scale, median: med, p99: p99, pass: p99 <= 20*time.Millisecond})
		st.Close()
	}
}

// keyScenario is a key press measured from a given state.
type keyScenario struct {
	name  string
	setup []string // keys that bring the model to the state
	keys  []string // the keys measured, in a cycle
}

var keyScenarios = []keyScenario{
	{"move down in Accounts", []string{"2"}, []string{"j"}},
	{"cycle sort in Accounts (o)", []string{"2"}, []string{"o"}},
	{"filter Accounts, one more letter", []string{"2", "/"}, []string{"n", "o", "backspace", "backspace"}},
	{"open an account dossier (enter / esc)", []string{"2", "j"}, []string{"enter", "esc"}},
	{"move down in People", []string{"3"}, []string{"j"}},
	{"page down in People", []string{"3"}, []string{"pgdown"}},
	{"switch pane (tab)", []string{"1"}, []string{"tab"}},
	{"filter People, one more letter", []string{"3", "/"}, []string{"a", "n", "backspace", "backspace"}},
	{"quick find, type a letter", []string{"ctrl+k"}, []string{"d", "a", "n", "backspace", "backspace", "backspace"}},
	{"open a dossier (enter / esc in People)", []string{"3", "j"}, []string{"enter", "esc"}},
	{"move in Today", []string{"1"}, []string{"j", "j", "j", "k"}},
	{"open a meeting's prep sheet (enter / esc on Today)", []string{"1", "j"}, []string{"enter", "esc"}},
	{"page in Today", []string{"1"}, []string{"pgdown", "pgdown", "pgup"}},
	{"move down in Follow-ups", []string{"5"}, []string{"j"}},
	{"page in Follow-ups", []string{"5"}, []string{"pgdown", "pgdown", "pgup"}},
	{"move in Follow-ups with done ones (v)", []string{"5", "v"}, []string{"j", "j", "j", "k"}},
	{"move down in Briefs", []string{"4"}, []string{"j"}},
	{"move on the Briefs board (b)", []string{"4", "b"}, []string{"j", "l", "k", "h"}},
	{"scroll a brief's detail", []string{"4", "enter"}, []string{"j", "k"}},
}

func BenchmarkKeyToFrame(b *testing.B) {
	for _, scale := range scaleList(b) {
		st := openRO(b, dataset(b, scale))
		var syncAll, fullAll []time.Duration
		for _, sc := range keyScenarios {
			syncS, fullS, _ := measureKeys(st, sc)
			recordKeys(sc.name, scale, syncS, fullS)
			syncAll = append(syncAll, syncS...)
			fullAll = append(fullAll, fullS...)
		}
		med, p99 := percentiles(syncAll)
		fmed, fp99 := percentiles(fullAll)
		record(row{what: "every key above — Update+View", budget: "≤ 2 ms median", scale: scale, median: med, p99: p99, pass: med <= 2*time.Millisecond})
		record(row{what: "every key above — to complete frame", budget: "≤ 16 ms p99", scale: scale, median: fmed, p99: fp99, pass: fp99 <= 16*time.Millisecond})
		st.Close()
	}
}

// BenchmarkRelationshipMap opens the relationship map (M) of the account
// with the most people, scoped to it in Accounts, and closes it (esc): the
// map reads all of the account's people, their links and its coverage.
func BenchmarkRelationshipMap(b *testing.B) {
	for _, scale := range scaleList(b) {
		path := dataset(b, scale)
		name := biggestAccount(b, path)
		st := openRO(b, path)
		sc := keyScenario{"open the relationship map of the biggest account (M / esc)", []string{"A", name, "enter", "2", "M"}, []string{"esc", "M"}}
		syncS, fullS, view := measureKeys(st, sc)
		if !strings.Contains(view, "Relationship map") {
			b.Fatalf("the last frame is not the map of %s:\n%s", name, view)
		}
		recordKeys(sc.name, scale, syncS, fullS)
		st.Close()
	}
}

// biggestAccount is the name of the live account with the most live people.
func biggestAccount(tb testing.TB, path string) string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var name string
	if err := db.QueryRow(`SELECT a.name FROM account a JOIN person p ON p.account_id = a.id
		WHERE a.archived_at IS NULL AND p.archived_at IS NULL GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1`).Scan(&name); err != nil {
		tb.Fatal(err)
	}
	return name
}

// BenchmarkTypeInLongWhy types into a brief's why of 5,000 words, in the
// brief's form on the Briefs pane. What it costs depends on the text, not
// the book, so the book is one account with that brief.
func BenchmarkTypeInLongWhy(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "why.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	acc, err := st.CreateAccount(ctx, model.Account{Name: "Nordlicht Retail"})
	if err != nil {
		b.Fatal(err)
	}
	sentence := "Members who feel known come back more often and spend more when they do. " // 14 words
	var why strings.Builder
	for i := range 5000 / 14 {
		why.WriteString(sentence)
		if i%7 == 6 {
			why.WriteString("\n\n")
		}
	}
	br := model.NewBrief(acc.ID, "Driver loyalty programme", time.Now())
	br.Why = why.String()
	if _, err := st.CreateBrief(ctx, br); err != nil {
		b.Fatal(err)
	}
	// e edits the brief; the why is the third field.
	sc := keyScenario{"type in a 5,000-word why", []string{"4", "e", "tab", "tab", "ctrl+end"}, []string{"a", "b", " "}}
	syncS, fullS, view := measureKeys(st, sc)
	if !strings.Contains(view, "Why — the heart of it") || !strings.Contains(view, "ab ab ab ab") {
		b.Fatalf("the keys did not type into the why:\n%s", view)
	}
	recordKeys(sc.name, 1, syncS, fullS)
}

// measureKeys brings a new root model at 160×45 to the scenario's state and
// times 300 of its keys: Update and View, and to the complete frame.
func measureKeys(st *store.Store, sc keyScenario) (syncS, fullS []time.Duration, last string) {
	var m tea.Model = tui.New(st, tui.Options{StatusFor: -1})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	m = tui.Drive(m, m.Init(), 5*time.Second)
	for _, k := range sc.setup {
		m = tui.Drive(m, keyCmd(k), 5*time.Second)
	}
	for i := 0; i < 300; i++ {
		k := tui.Key(sc.keys[i%len(sc.keys)])
		start := time.Now()
		next, cmd := m.Update(k)
		_ = next.View()
		syncS = append(syncS, time.Since(start))
		// The complete frame: the commands the key started (page and
		// detail loads, searches) have landed and the view is drawn.
		m = tui.Drive(next, cmd, 5*time.Second)
		last = m.View()
		fullS = append(fullS, time.Since(start))
	}
	return syncS, fullS, last
}

func recordKeys(name string, scale int, syncS, fullS []time.Duration) {
	med, p99 := percentiles(syncS)
	fmed, fp99 := percentiles(fullS)
	record(row{what: "key: " + name + " — Update+View", budget: "≤ 2 ms median", scale: scale, median: med, p99: p99, pass: med <= 2*time.Millisecond})
	record(row{what: "key: " + name + " — to complete frame", budget: "≤ 16 ms p99", scale: scale, median: fmed, p99: fp99, pass: fp99 <= 16*time.Millisecond})
}

func keyCmd(k string) tea.Cmd { return func() tea.Msg { return tui.Key(k) } }

func BenchmarkImportLargeJSON(b *testing.B) {
	bin := binary(b)
	db := dataset(b, 1)
	dir := b.TempDir()
	file := filepath.Join(dir, "large.json")
	if out, err := exec.Command(bin, "--db", db, "export", "--format", "json", "--out", file).CombinedOutput(); err != nil {
		b.Fatalf("export: %v\n%s", err, out)
	}
	start := time.Now()
	rss := runPeak(b, bin, "--db", db, "export", "--format", "json", "--out", filepath.Join(dir, "again.json"))
	d := time.Since(start)
	record(row{what: "`rapport export --format json` of the large dataset", budget: "≤ 30 s", scale: 1, median: d, p99: d, pass: d <= 30*time.Second})
	recordPeak("`rapport export --format json` of the large dataset, peak memory", rss)
	start = time.Now()
	rss = runPeak(b, bin, "--db", filepath.Join(dir, "fresh.db"), "import", file)
	d = time.Since(start)
	record(row{what: "`rapport import` of the large JSON export", budget: "≤ 30 s", scale: 1, median: d, p99: d, pass: d <= 30*time.Second})
	recordPeak("`rapport import` of the large JSON export, peak memory", rss)
}

// runPeak runs rapport and returns its peak resident memory in KiB: the
// process's own high-water mark (VmHWM), read from /proc while it runs.
// getrusage's ru_maxrss is no use here: a child forked from this test
// process starts with the test's high-water mark (hundreds of MB of
// datasets), and exec keeps it.
func runPeak(b *testing.B, bin string, args ...string) int64 {
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				b.Fatalf("rapport %s: %v\n%s", strings.Join(args, " "), err, out.String())
			}
			return peak
		case <-tick.C:
			if hwm := vmHWM(status); hwm > peak {
				peak = hwm
			}
		}
	}
}

// vmHWM reads the VmHWM line (KiB) of a /proc/PID/status file; 0 when the
// process is gone.
func vmHWM(path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kib int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kib)
			return kib
		}
	}
	return 0
}

// recordPeak records a peak memory row against the 150 MB of PRODUCT.md §5.
func recordPeak(what string, kib int64) {
	record(row{what: what, budget: "≤ 150 MB", scale: 1, value: fmt.Sprintf("%.1f MB", float64(kib)/1024), pass: kib > 0 && kib <= 150*1024})
}
