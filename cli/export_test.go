package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"rapport/model"
	"rapport/store"
)

// exDemo makes a database with the small demo, plus what the demo lacks
// so that the export has every field: account notes, a person's own
// cadence, an archived account, person and brief, a dropped brief with its
// reason, a snoozed follow-up, a recurring one completed (done, and its
// next one), and a note marked asked.
func exDemo(t *testing.T) string {
	t.Helper()
	db := exDB(t)
	exRun(t, db, "demo").ok(t)
	ctx := context.Background()
	st := exStore(t, db)
	ds, err := st.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id := func(kind, uid string) int64 {
		var id int64
		if err := st.DB().QueryRow("SELECT id FROM "+kind+" WHERE uid = ?", uid).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	acc, err := st.Account(ctx, id("account", ds.Accounts[1].UID))
	must(err)
	acc.Notes = "Fiscal year ends in March.\nProcurement is centralised."
	_, err = st.UpdateAccount(ctx, acc)
	must(err)
	p, err := st.Person(ctx, id("person", ds.People[2].UID))
	must(err)
	p.CadenceDays = 21
	_, err = st.UpdatePerson(ctx, p)
	must(err)
	must(st.ArchiveAccount(ctx, id("account", ds.Accounts[0].UID), true))
	must(st.ArchivePerson(ctx, id("person", ds.People[1].UID), true))
	var open []model.Brief
	for _, b := range ds.Briefs {
		if b.Stage.Open() {
			open = append(open, b)
		}
	}
	_, err = st.MoveBrief(ctx, id("brief", open[0].UID), model.StageDropped, "Budget went to the new ERP.")
	must(err)
	must(st.ArchiveBrief(ctx, id("brief", open[1].UID), true))
	var snoozed, recurring bool
	for _, f := range ds.FollowUps {
		switch {
		case f.Done():
		case !snoozed && f.Recur.IsZero():
			_, err := st.SnoozeFollowUp(ctx, id("follow_up", f.UID), f.DueOn.AddDays(10))
			must(err)
			snoozed = true
		case !recurring && !f.Recur.IsZero():
			_, _, err := st.CompleteFollowUp(ctx, id("follow_up", f.UID))
			must(err)
			recurring = true
		}
	}
	for _, n := range ds.Notes {
		if !n.AskAfter.IsZero() {
			must(st.MarkNoteAsked(ctx, id("note", n.UID), true))
			break
		}
	}
	st.Close()
	return db
}

// jsonKeys gathers, for every list of a JSON export, the keys its records
// (and the objects inside them) use: "people.birthday.year".
func jsonKeys(t *testing.T, doc []byte) map[string]bool {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(doc, &top); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				keys[prefix+k] = true
				walk(prefix+k+".", x)
			}
		case []any:
			for _, x := range v {
				walk(prefix, x)
			}
		}
	}
	for k, v := range top {
		walk(k+".", v)
	}
	return keys
}

// modelKeys lists the JSON keys the model's types can write: every field
// of every record kind, and of the objects inside them.
func modelKeys() []string {
	var out []string
	var walk func(prefix string, t reflect.Type)
	walk = func(prefix string, t reflect.Type) {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || t == reflect.TypeFor[model.Date]() ||
			t == reflect.TypeFor[model.Recurrence]() {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || name == "" || !f.IsExported() {
				continue
			}
			out = append(out, prefix+name)
			walk(prefix+name+".", f.Type)
		}
	}
	ds := reflect.TypeFor[model.Dataset]()
	for i := range ds.NumField() {
		f := ds.Field(i)
		if f.Type.Kind() == reflect.Slice {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			walk(name+".", f.Type)
		}
	}
	return out
}

// TestExportJSONRoundTrip: the JSON export holds every field of every
// concept; imported into an empty database and exported again it gives the
// same bytes; imported again, into that database or the original, it
// changes nothing.
func TestExportJSONRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a := exDemo(t)
	ja, jb, jc := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"), filepath.Join(dir, "c.json")
	exRun(t, a, "export", "--format", "json", "--out", ja).ok(t).says(t, "Wrote "+ja)
	docA, err := os.ReadFile(ja)
	if err != nil {
		t.Fatal(err)
	}

	keys := jsonKeys(t, docA)
	for _, k := range modelKeys() {
		if !keys[k] {
			t.Errorf("the export has no %q anywhere: a field is left out, or the test data lacks it", k)
		}
	}

	b := exDB(t)
	r := exRun(t, b, "import", ja).ok(t)
	counts := regexp.MustCompile(`(\d+) new`).FindAllString(r.stdout, -1)
	if len(counts) != 8 {
		t.Errorf("first import: %s", r.stdout)
	}
	exRun(t, b, "export", "--format", "json", "--out", jb).ok(t)
	docB, _ := os.ReadFile(jb)
	if !bytes.Equal(docA, docB) {
		t.Fatalf("export → import into an empty database → export changed the document:\n%s", firstDiff(docA, docB))
	}

	for _, db := range []string{b, a} {
		r := exRun(t, db, "import", ja).ok(t)
		if strings.Contains(r.stdout, "new") || strings.Contains(r.stdout, "updated") {
			t.Errorf("importing the export again changed something: %s", r.stdout)
		}
	}
	exRun(t, b, "export", "--format", "json", "--out", jc).ok(t)
	docC, _ := os.ReadFile(jc)
	if !bytes.Equal(docA, docC) {
		t.Fatalf("a second import changed the document:\n%s", firstDiff(docA, docC))
	}

	// A dry run into a database that does not exist yet counts as the
	// import would, says the import would create it, and creates nothing.
	c := exDB(t)
	exRun(t, c, "import", ja, "--dry-run").ok(t).says(t, "There is no database at "+c+" yet: the import would create it.",
		"nothing was written", "It would import: accounts: "+strings.TrimSuffix(counts[0], " new"))
	if _, err := os.Stat(c); !os.IsNotExist(err) {
		t.Errorf("a dry run created the database: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(c)); len(entries) != 0 {
		t.Errorf("a dry run left files beside the database: %v", entries)
	}
	// Into an empty database that exists, it says nothing of creating.
	exStore(t, c).Close()
	r = exRun(t, c, "import", ja, "--dry-run").ok(t)
	r.says(t, "It would import: accounts: "+strings.TrimSuffix(counts[0], " new"))
	if strings.Contains(r.stdout, "would create it") {
		t.Errorf("a dry run into an existing database: %s", r.stdout)
	}
	if n := exCounts(t, c); n != [3]int{} {
		t.Errorf("a dry run wrote %v", n)
	}
}

// firstDiff shows where two documents part.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "…" + string(a[lo:min(len(a), i+200)]) + "\n---- versus ----\n…" + string(b[lo:min(len(b), i+200)])
}

// TestExportJSONLarge is the round trip on the large demo: 1,000 accounts,
// 20,000 people, 200,000 notes… It takes minutes, so it runs only with
// RAPPORT_LARGE=1, and logs how long export and import took (the budget
// for importing the large export is 30 s).
func TestExportJSONLarge(t *testing.T) {
	if os.Getenv("RAPPORT_LARGE") == "" {
		t.Skip("set RAPPORT_LARGE=1 to round-trip the large demo")
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ja, jb := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	exRun(t, a, "demo", "--size", "large").ok(t)

	timed := func(what string, args ...string) time.Duration {
		var r0, r1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
		start := time.Now()
		exRun(t, "", args...).ok(t)
		wall := time.Since(start)
		syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
		cpu := time.Duration(r1.Utime.Nano() - r0.Utime.Nano() + r1.Stime.Nano() - r0.Stime.Nano())
		t.Logf("%s: %.1f s wall, %.1f s CPU", what, wall.Seconds(), cpu.Seconds())
		return wall
	}
	timed("export of the large demo", "--db", a, "export", "--format", "json", "--out", ja)
	fi, _ := os.Stat(ja)
	t.Logf("the document is %.0f MB", float64(fi.Size())/1e6)
	imp := timed("import into an empty database", "--db", b, "import", ja)
	timed("export of the imported database", "--db", b, "export", "--format", "json", "--out", jb)
	timed("import of the same file again", "--db", b, "import", ja)

	docA, _ := os.ReadFile(ja)
	docB, _ := os.ReadFile(jb)
	if !bytes.Equal(docA, docB) {
		t.Fatalf("the large round trip changed the document:\n%s", firstDiff(docA, docB))
	}
	if imp > 30*time.Second {
		t.Logf("the import took %s, over the 30 s budget (on a busy machine, see the CPU time)", imp)
	}
}

// TestExportSheetsAndCards exports accounts and people as CSV and people as
// vCards, and reads them back: into the same database they change nothing,
// into an empty one they give the same people.
func TestExportSheetsAndCards(t *testing.T) {
	dir := t.TempDir()
	a := exDemo(t)
	accounts, people, cards := filepath.Join(dir, "accounts.csv"), filepath.Join(dir, "people.csv"), filepath.Join(dir, "people.vcf")
	exRun(t, a, "export", "--format", "csv", "--out", accounts).ok(t)
	exRun(t, a, "export", "--format", "csv", "--kind", "people", "--out", people).ok(t)
	exRun(t, a, "export", "--format", "vcf", "--out", cards).ok(t)

	st := exStore(t, a)
	ctx := context.Background()
	nAccounts, _ := st.CountAccounts(ctx, store.AccountFilter{})
	nPeople, _ := st.CountPeople(ctx, store.PersonFilter{})
	st.Close()

	sheet, _ := os.ReadFile(people)
	if !bytes.HasPrefix(sheet, []byte("\xef\xbb\xbfName,Title,Account,Business unit,Email,Phone,Location,Birthday,Stance,Relationship owner\r\n")) {
		t.Errorf("people sheet starts %q", sheet[:min(80, len(sheet))])
	}
	if rows := bytes.Count(sheet, []byte("\r\n")) - 1; rows < nPeople {
		t.Errorf("people sheet has %d rows for %d people", rows, nPeople)
	}
	if n := bytes.Count(mustRead(t, cards), []byte("BEGIN:VCARD\r\n")); n != nPeople {
		t.Errorf("%d vCards for %d people", n, nPeople)
	}
	before := exCounts(t, a)
	exRun(t, a, "import", accounts).ok(t).says(t, "accounts: "+strconv.Itoa(nAccounts)+" unchanged.")
	exRun(t, a, "import", people).ok(t).says(t, "people: "+strconv.Itoa(nPeople)+" unchanged.")
	exRun(t, a, "import", cards).ok(t).says(t, "people: "+strconv.Itoa(nPeople)+" unchanged.")
	if after := exCounts(t, a); after != before {
		t.Errorf("reading its own exports back changed the counts from %v to %v", before, after)
	}

	// Into an empty database, the vCards give the same people, uids,
	// roles, locations, stances and owners included, and no notes.
	b := exDB(t)
	exRun(t, b, "import", cards).ok(t).says(t, "people: "+strconv.Itoa(nPeople)+" new.")
	want, got := exPeople(t, a), exPeople(t, b)
	for name, w := range want {
		if w.Archived() {
			continue
		}
		g := got[name]
		if g.UID != w.UID || g.Title != w.Title || g.Email != w.Email || g.Phone != w.Phone || g.Role != w.Role ||
			g.Location != w.Location || g.BusinessUnit != w.BusinessUnit || g.Birthday != w.Birthday || g.AccountName != w.AccountName ||
			g.Stance != w.Stance || g.Owner != w.Owner {
			t.Errorf("%s through vCards:\n got %+v\nwant %+v", name, g, w)
		}
	}
	if c := exCounts(t, b); c[2] != 0 {
		t.Errorf("importing rapport's vCards made %d notes", c[2])
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportICS: open follow-ups as RFC 5545 to-dos, with UIDs that stay
// the same from one export to the next.
func TestExportICS(t *testing.T) {
	a := exDemo(t)
	defer func(now func() time.Time) { timeNow = now }(timeNow)
	stamp := timeNow()
	timeNow = func() time.Time { return stamp }
	first := exRun(t, a, "export", "--format", "ics").ok(t).stdout
	timeNow = func() time.Time { return stamp.Add(time.Hour) } // a later DTSTAMP
	second := exRun(t, a, "export", "--format", "ics").ok(t).stdout
	if first == second {
		t.Fatal("the two exports have the same DTSTAMP: the clock did not move")
	}

	uids := func(s string) []string { return regexp.MustCompile(`(?m)^UID:(.*)\r$`).FindAllString(s, -1) }
	if u1, u2 := uids(first), uids(second); len(u1) == 0 || !slices.Equal(u1, u2) {
		t.Errorf("UIDs differ between two exports:\n%v\n%v", u1, u2)
	}
	st := exStore(t, a)
	open, _ := st.CountFollowUps(context.Background(), store.FollowUpFilter{})
	st.Close()
	if n := strings.Count(first, "BEGIN:VTODO\r\n"); n != open || n == 0 {
		t.Errorf("%d to-dos for %d open follow-ups", n, open)
	}
	head, _, _ := strings.Cut(first, "BEGIN:VTODO")
	if !strings.HasPrefix(first, "BEGIN:VCALENDAR\r\n") || !strings.Contains(head, "\r\nVERSION:2.0\r\n") || !strings.Contains(head, "\r\nPRODID:") ||
		!strings.HasSuffix(first, "END:VCALENDAR\r\n") {
		t.Errorf("not a calendar: %q…", first[:min(60, len(first))])
	}
	for i, l := range strings.Split(strings.TrimSuffix(first, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) || strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d is not a folded content line: %q", i+1, l)
		}
	}
	unfolded := strings.ReplaceAll(first, "\r\n ", "")
	for _, want := range []string{"CATEGORIES:PROMISE\r\n", "CATEGORIES:FOLLOW-UP\r\n", "RRULE:FREQ=", "DTSTART;VALUE=DATE:", "DUE;VALUE=DATE:",
		"STATUS:NEEDS-ACTION", "@rapport\r\n"} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	// Every to-do starts and is due on the same day or moment, of the same type.
	for _, todo := range strings.Split(unfolded, "BEGIN:VTODO")[1:] {
		start := regexp.MustCompile(`DTSTART(;VALUE=DATE)?:(\S+)`).FindStringSubmatch(todo)
		due := regexp.MustCompile(`DUE(;VALUE=DATE)?:(\S+)`).FindStringSubmatch(todo)
		if start == nil || due == nil || start[1] != due[1] || start[2] != due[2] {
			t.Errorf("to-do with DTSTART %v and DUE %v", start, due)
		}
	}
}

// TestExportMarkdown writes one account's dossier, or the whole portfolio.
func TestExportMarkdown(t *testing.T) {
	a := exDemo(t)
	st := exStore(t, a)
	page, err := st.Accounts(context.Background(), store.AccountFilter{Sort: store.SortPriority}, store.PageReq{Limit: 50})
	st.Close()
	if err != nil || len(page.Items) < 2 {
		t.Fatal(page.Items, err)
	}
	top := page.Items[0]
	one := exRun(t, a, "export", "--format", "md", "--account", top.Name).ok(t).stdout
	if !strings.HasPrefix(one, "# "+top.Name+"\n") {
		t.Errorf("dossier starts %q", one[:min(80, len(one))])
	}
	for _, want := range []string{"## Priority score", "## People", "**Tier:** " + string(top.Tier)} {
		if !strings.Contains(one, want) {
			t.Errorf("dossier of %s lacks %q", top.Name, want)
		}
	}
	all := exRun(t, a, "export", "--format", "md").ok(t).stdout
	pos := -1
	for _, acc := range page.Items {
		i := strings.Index(all, acc.Name)
		if i < 0 {
			t.Errorf("the portfolio lacks %s", acc.Name)
		} else if i < pos {
			t.Errorf("%s is out of priority order in the portfolio", acc.Name)
		}
		pos = max(pos, i)
	}
}

// TestExportFiles: under umask 022 every file rapport writes is 0600, and
// none is ever overwritten.
func TestExportFiles(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	a := exDemo(t)
	dir := t.TempDir()
	var account string
	st := exStore(t, a)
	page, _ := st.Accounts(context.Background(), store.AccountFilter{}, store.PageReq{Limit: 1})
	account = page.Items[0].Name
	st.Close()
	runs := map[string][]string{
		"x.json":       {"export", "--format", "json"},
		"accounts.csv": {"export", "--format", "csv"},
		"people.csv":   {"export", "--format", "csv", "--kind", "people"},
		"people.vcf":   {"export", "--format", "vcf"},
		"todo.ics":     {"export", "--format", "ics"},
		"all.md":       {"export", "--format", "md"},
		"one.md":       {"export", "--format", "md", "--account", account},
		"copy.db":      {"backup"},
	}
	for name, args := range runs {
		out := filepath.Join(dir, name)
		exRun(t, a, append(args, "--out", out)...).ok(t)
		fi, err := os.Stat(out)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", name, fi.Mode().Perm(), err)
		}
		before := mustRead(t, out)
		r := exRun(t, a, append(args, "--out", out)...)
		if r.code != ExitRuntime || !strings.Contains(r.stderr, "already exists") {
			t.Errorf("%s again: exit %d, %q; want a refusal", name, r.code, r.stderr)
		}
		if !bytes.Equal(before, mustRead(t, out)) {
			t.Errorf("%s was changed by a refused export", name)
		}
	}
	// The default backup, beside the database.
	r := exRun(t, a, "backup").ok(t)
	p := strings.TrimSpace(r.stdout)
	if filepath.Dir(p) != filepath.Dir(a) || !strings.HasPrefix(filepath.Base(p), "rapport.db.") || !strings.HasSuffix(p, ".bak") {
		t.Errorf("default backup at %s", p)
	}
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("default backup mode %v, %v", fi.Mode().Perm(), err)
	}
	// And the database itself, with its write-ahead log.
	for _, f := range []string{a, a + "-wal", a + "-shm"} {
		if fi, err := os.Stat(f); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", filepath.Base(f), fi.Mode().Perm())
		}
	}
	if err := store.IntegrityCheck(context.Background(), p); err != nil {
		t.Error(err)
	}
}

// TestFormatExample imports the example of docs/FORMAT.md, and exports it
// back byte for byte: the example is in the form rapport writes.
func TestFormatExample(t *testing.T) {
	doc := string(mustRead(t, filepath.Join("..", "docs", "FORMAT.md")))
	start := strings.LastIndex(doc, "```json\n")
	end := strings.Index(doc[start+8:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no JSON example in docs/FORMAT.md")
	}
	example := doc[start+8 : start+8+end]
	dir := t.TempDir()
	in, out := filepath.Join(dir, "example.json"), filepath.Join(dir, "out.json")
	if err := os.WriteFile(in, []byte(example), 0o600); err != nil {
		t.Fatal(err)
	}
	db := exDB(t)
	exRun(t, db, "import", in).ok(t).says(t, "accounts: 1 new · people: 1 new · notes: 1 new · briefs: 1 new · follow-ups: 1 new · meetings: 1 new.")
	exRun(t, db, "export", "--format", "json", "--out", out).ok(t)
	if got := mustRead(t, out); string(got) != example {
		t.Errorf("the example does not export as written:\n%s", firstDiff([]byte(example), got))
	}
}

// TestExportIsInert: a person named X<ESC>]2;PWNED<BEL><ESC>]52;c;…<BEL>
// (a retitle and a clipboard write), imported from a sheet, is exported as
// CSV — piped, as to head — with visible markers instead; cells a
// spreadsheet would run as formulas are prefixed with '; and JSON, from
// export and --json, writes C1 controls and bidirectional overrides as \u
// escapes that import back exactly.
func TestExportIsInert(t *testing.T) {
	db := exDB(t)
	evil := "X\x1b]2;PWNED\a\x1b]52;c;UFdORUQ=\a"
	sheet := filepath.Join(t.TempDir(), "evil.csv")
	os.WriteFile(sheet, []byte("Name,Company,Title,Email\n\""+evil+"\",Acme,\"=HYPERLINK(\"\"http://x.example\"\")\",\n"+
		"\"@SUM(1+1)\",Acme,+cmd|calc,\n\"Ro\u202egpj.exe\",Acme,,\n"), 0o600)
	exRun(t, db, "import", sheet).ok(t)
	exRun(t, db, "note", "\u0085next", "--person", "ro").ok(t)

	csv := exRun(t, db, "export", "--format", "csv", "--kind", "people").ok(t).stdout
	for _, raw := range []string{"\x1b", "\a", "\u0085", "\u202e"} {
		if strings.Contains(csv, raw) {
			t.Errorf("the CSV holds %q raw:\n%q", raw, csv)
		}
	}
	for _, want := range []string{"X␛]2;PWNED␇", `"'=HYPERLINK(`, "'@SUM(1+1)", "'+cmd|calc"} {
		if !strings.Contains(csv, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, csv)
		}
	}

	doc := exRun(t, db, "export", "--format", "json").ok(t).stdout
	who := exRun(t, db, "who", "ro", "--json").ok(t).stdout
	for name, out := range map[string]string{"export": doc, "who --json": who} {
		if strings.ContainsAny(out, "\u0085\u202e") {
			t.Errorf("%s prints a C1 control or bidi override raw", name)
		}
	}
	if !strings.Contains(doc, `Ro\u202Egpj.exe`) || !strings.Contains(doc, `\u0085next`) || !strings.Contains(who, `Ro\u202Egpj.exe`) {
		t.Errorf("the JSON lacks the escapes:\n%s\n%s", doc, who)
	}
	file := filepath.Join(t.TempDir(), "doc.json")
	os.WriteFile(file, []byte(doc), 0o600)
	again := exDB(t)
	exRun(t, again, "import", file).ok(t)
	people := exPeople(t, again)
	if _, ok := people[evil]; !ok {
		t.Errorf("the JSON did not import %q back exactly: %v", evil, people)
	}
	if _, ok := people["Ro\u202egpj.exe"]; !ok {
		t.Errorf("the JSON did not import the bidi override back exactly: %v", people)
	}
	if n := exNotes(t, again, "Ro\u202egpj.exe"); len(n) != 1 || n[0] != "\u0085next" {
		t.Errorf("the JSON did not import the C1 control back exactly: %q", n)
	}
}
