package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"rapport/model"
	"rapport/store"
)

var briefTestNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// briefHarness drives a Briefs pane over a real store the way the program
// would: it runs commands, feeds their messages back, and keeps the status
// lines the pane asked for.
type briefHarness struct {
	t          testing.TB
	st         *store.Store
	c          *common
	p          *briefsPane
	statuses   []statusMsg
	acme       model.Account
	dana, lee  model.Person
	globex     model.Account
	ctx        context.Context
	lastStatus string
}

func newBriefHarness(t testing.TB) *briefHarness {
	t.Helper()
	lipgloss.SetColorProfile(termenv.Ascii)
	ctx := context.Background()
	now := func() time.Time { return briefTestNow }
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "r.db"), store.WithClock(now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := &briefHarness{t: t, st: st, ctx: ctx}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	h.acme, err = st.CreateAccount(ctx, model.Account{Name: "Acme", Tier: model.TierKey})
	must(err)
	h.globex, err = st.CreateAccount(ctx, model.Account{Name: "Globex"})
	must(err)
	h.dana, err = st.CreatePerson(ctx, model.Person{AccountID: h.acme.ID, Name: "Dana Whit", Title: "CMO", Role: model.RoleChampion})
	must(err)
	h.lee, err = st.CreatePerson(ctx, model.Person{AccountID: h.acme.ID, Name: "Lee Park", Title: "CFO", Role: model.RoleEconomicBuyer})
	must(err)
	h.c = &common{store: st, styles: DefaultStyles(), now: now}
	h.p = newBriefsPane(h.c)
	h.p.SetSize(120, 32)
	h.run(h.p.Init())
	return h
}

// briefExec runs a command and, for a batch, its parts, each in its own
// goroutine; a command still running at the deadline (a cursor blink) is
// dropped. Messages come back in command order.
func briefExec(cmd tea.Cmd, deadline time.Time) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(time.Until(deadline)):
		return nil
	}
	batch, ok := msg.(tea.BatchMsg)
	if !ok {
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	}
	parts := make([][]tea.Msg, len(batch))
	done := make(chan struct{}, len(batch))
	for i, c := range batch {
		go func() {
			parts[i] = briefExec(c, deadline)
			done <- struct{}{}
		}()
	}
	for range batch {
		<-done
	}
	var out []tea.Msg
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// run executes cmd and feeds what it produces back into the pane until it
// goes quiet. Status lines are recorded, not fed.
func (h *briefHarness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for round := 0; len(queue) > 0; round++ {
		if round > 50 {
			h.t.Fatal("the pane never went quiet")
		}
		var next []tea.Cmd
		for _, c := range queue {
			for _, m := range briefExec(c, time.Now().Add(300*time.Millisecond)) {
				switch m := m.(type) {
				case statusMsg:
					h.statuses = append(h.statuses, m)
					h.lastStatus = m.text
					continue
				}
				if strings.HasPrefix(strings.TrimPrefix(fmt.Sprintf("%T", m), "*"), "cursor.") {
					continue
				}
				next = append(next, h.p.Update(m))
			}
		}
		queue = next
	}
}

// key sends a key and runs what it asks for.
func (h *briefHarness) key(k tea.KeyMsg) {
	h.t.Helper()
	h.run(h.p.Update(k))
}

// typeKeys sends keys whose commands do not matter (typing, tab).
func (h *briefHarness) send(ks ...tea.KeyMsg) {
	for _, k := range ks {
		h.p.Update(k)
	}
}

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

var (
	keyTab   = tea.KeyMsg{Type: tea.KeyTab}
	keySave  = tea.KeyMsg{Type: tea.KeyCtrlS}
	keyRight = tea.KeyMsg{Type: tea.KeyRight}
	keyEnter = tea.KeyMsg{Type: tea.KeyEnter}
	keyEsc   = tea.KeyMsg{Type: tea.KeyEsc}
)

// typeText types s into the focused field, one rune a key as a person would.
func (h *briefHarness) typeText(s string) {
	for _, r := range s {
		if r == '\n' {
			h.p.Update(tea.KeyMsg{Type: tea.KeyEnter})
			continue
		}
		h.p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// form is the open form; the test fails without one.
func (h *briefHarness) form() *form {
	h.t.Helper()
	if !h.p.ed.active() {
		h.t.Fatal("no form is open")
	}
	return h.p.ed.ed.form
}

// focus tabs to the field with the given key.
func (h *briefHarness) focus(key string) {
	h.t.Helper()
	f := h.form()
	for range len(f.fields) + 1 {
		if f.fields[f.focus].key == key {
			return
		}
		h.p.Update(keyTab)
	}
	h.t.Fatalf("the form has no field %q", key)
}

func (h *briefHarness) briefs() []model.Brief {
	h.t.Helper()
	page, err := h.st.Briefs(h.ctx, store.BriefFilter{Archived: true}, store.PageReq{Limit: 50})
	if err != nil {
		h.t.Fatal(err)
	}
	return page.Items
}

func (h *briefHarness) stored(id int64) model.Brief {
	h.t.Helper()
	b, err := h.st.Brief(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return b
}

const briefWhy = "Their loyalty members churn after the first year because nothing rewards them for staying; a relaunch keeps them."

// TestBriefLifecycle drafts a brief through the editor, moves it to checks,
// is refused activation while checks are unsigned, signs them through the
// checks form and activates it.
func TestBriefLifecycle(t *testing.T) {
	h := newBriefHarness(t)
	if v := strings.Join(strings.Fields(strings.ReplaceAll(ansi.Strip(h.p.View()), "│", " ")), " "); !strings.Contains(v, "No briefs yet — press n to draft one: start with why.") {
		t.Fatalf("empty state missing:\n%s", v)
	}

	h.key(runes("n"))
	f := h.form()
	if f.fields[f.focus].key != "title" {
		t.Fatalf("the form opens on %q, want title", f.fields[f.focus].key)
	}
	if f.fields[2].key != "why" || !f.fields[2].heart {
		t.Fatalf("the why is not the first W and the heart: %+v", f.fields[2].fieldSpec)
	}
	h.typeText("Loyalty relaunch")
	h.focus("account")
	h.typeText("acme")
	h.focus("why")
	h.typeText(briefWhy)
	h.focus("people")
	h.typeText("dana, Lee Park")
	h.key(keySave)

	bs := h.briefs()
	if len(bs) != 1 {
		t.Fatalf("stored %d briefs, want 1", len(bs))
	}
	b := bs[0]
	if b.Title != "Loyalty relaunch" || b.AccountID != h.acme.ID || b.Why != briefWhy {
		t.Fatalf("stored brief = %q on %d, why %q", b.Title, b.AccountID, b.Why)
	}
	if len(b.People) != 2 || b.People[0].PersonID != h.dana.ID || b.People[1].PersonID != h.lee.ID {
		t.Fatalf("linked people = %+v, want Dana then Lee", b.People)
	}
	if h.p.ed.active() {
		t.Fatal("the form stayed open after a good save")
	}
	if !strings.Contains(h.lastStatus, "Loyalty relaunch") {
		t.Fatalf("status after save = %q", h.lastStatus)
	}
	view := h.p.View()
	for _, want := range []string{"♥ Why", "Their loyalty members churn", "Acme", "understand needs", "no framing for Dana Whit", "missing: what, where, when", "needs    Loyalty relaunch"} {
		if !strings.Contains(ansi.Strip(view), want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}

	// Editing shows a framing field per linked person.
	h.key(runes("e"))
	h.focus(briefFramingKey(h.dana.ID))
	h.typeText("Numbers first: retention lift in one page.")
	h.key(keySave)
	if got := h.stored(b.ID).People[0].Framing; got != "Numbers first: retention lift in one page." {
		t.Fatalf("Dana's framing = %q", got)
	}

	for _, want := range []model.Stage{model.StageDetermine, model.StageCreate, model.StageChecks} {
		h.key(runes(">"))
		if got := h.stored(b.ID).Stage; got != want {
			t.Fatalf("after > the stage is %q, want %q (status %q)", got, want, h.lastStatus)
		}
	}

	h.statuses = nil
	h.key(runes(">"))
	if got := h.stored(b.ID).Stage; got != model.StageChecks {
		t.Fatalf("activated with unsigned checks: %q", got)
	}
	if len(h.statuses) == 0 || !h.statuses[len(h.statuses)-1].err {
		t.Fatalf("no error status for the refused move: %+v", h.statuses)
	}
	refusal := h.lastStatus
	for _, want := range []string{"cannot activate", "brand", "strategy", "legal", "translation", "not signed"} {
		if !strings.Contains(refusal, want) {
			t.Errorf("refusal %q does not say %q", refusal, want)
		}
	}

	// Sign brand, strategy and legal; translation is not needed.
	h.key(runes("c"))
	for _, k := range []string{"brand", "strategy", "legal"} {
		h.focus(k + " check")
		h.send(keyRight) // pending → signed
		h.focus(k + " by")
		h.typeText("Ann")
	}
	h.focus("translation check")
	h.send(keyRight, keyRight) // pending → signed → not needed
	h.key(keySave)
	got := h.stored(b.ID)
	if p := got.PendingChecks(); len(p) != 0 {
		t.Fatalf("checks still pending after the form: %v (status %q, form err %q)", p, h.lastStatus, errOf(h))
	}
	if c := got.Check(model.CheckBrand); c.State != model.CheckSigned || c.By != "Ann" || c.On.IsZero() {
		t.Fatalf("brand check = %+v", c)
	}
	if c := got.Check(model.CheckTranslation); c.State != model.CheckNotNeeded {
		t.Fatalf("translation check = %+v", c)
	}

	h.key(runes(">"))
	if got := h.stored(b.ID).Stage; got != model.StageActivate {
		t.Fatalf("after signing, > left the stage at %q (status %q)", got, h.lastStatus)
	}
	if !strings.Contains(ansi.Strip(h.p.View()), "activate") {
		t.Fatal("the detail does not show the new stage")
	}
	hist := h.stored(b.ID).History
	if len(hist) != 5 || hist[4].To != model.StageActivate {
		t.Fatalf("history = %+v", hist)
	}
}

func errOf(h *briefHarness) string {
	if h.p.ed.active() {
		return h.p.ed.ed.form.err
	}
	return ""
}

// TestBriefFailedSaveKeepsTyping: a save refused for an empty title keeps
// the why as typed and points at the title; an unknown account or person
// is a field error naming it.
func TestBriefFailedSaveKeepsTyping(t *testing.T) {
	h := newBriefHarness(t)
	h.key(runes("n"))
	h.focus("account")
	h.typeText("Acme")
	h.focus("why")
	h.typeText("Line one of the why.\nLine two, still typing.")
	h.key(keySave)
	f := h.form()
	if got := f.raw("why"); got != "Line one of the why.\nLine two, still typing." {
		t.Fatalf("why after a failed save = %q", got)
	}
	if f.errField != "title" || f.fields[f.focus].key != "title" {
		t.Fatalf("error on %q, focus on %q; want the title", f.errField, f.fields[f.focus].key)
	}
	if len(h.briefs()) != 0 {
		t.Fatal("a brief was stored without a title")
	}

	h.typeText("Relaunch")
	h.focus("account")
	h.send(tea.KeyMsg{Type: tea.KeyCtrlU}) // clear the line
	for range 10 {
		h.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	h.typeText("Initech")
	h.key(keySave)
	f = h.form()
	if f.errField != "account" || !strings.Contains(f.err, "no account called “Initech”") {
		t.Fatalf("unknown account: error %q on %q", f.err, f.errField)
	}
	if got := f.raw("why"); !strings.Contains(got, "Line two") {
		t.Fatalf("why lost after the account error: %q", got)
	}

	h.focus("account")
	for range 10 {
		h.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	h.typeText("Acme")
	h.focus("people")
	h.typeText("Dana, Nobody")
	h.key(keySave)
	f = h.form()
	if f.errField != "people" || !strings.Contains(f.err, "Nobody") {
		t.Fatalf("unknown person: error %q on %q", f.err, f.errField)
	}
	if len(h.briefs()) != 0 {
		t.Fatal("a brief was stored with an unknown person")
	}
}

// TestBriefBoardFits draws the board at 80 and 200 columns: every stage has
// a column heading and no line is wider than the screen.
func TestBriefBoardFits(t *testing.T) {
	h := newBriefHarness(t)
	for i, title := range []string{"Loyalty relaunch with a rather long title that must be clipped", "Store kiosks", "Data sharing"} {
		b := model.NewBrief(h.acme.ID, title, briefTestNow)
		b.Why = briefWhy
		nb, err := h.st.CreateBrief(h.ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		for range i {
			if _, err := h.st.MoveBrief(h.ctx, nb.ID, nb.Stage.Next(), ""); err != nil {
				t.Fatal(err)
			}
			nb = h.stored(nb.ID)
		}
	}
	h.key(runes("b"))
	for _, w := range []int{80, 200} {
		h.p.SetSize(w, 20)
		v := h.p.View()
		lines := strings.Split(v, "\n")
		if len(lines) != 20 {
			t.Errorf("width %d: %d lines, want 20", w, len(lines))
		}
		for i, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: line %d is %d wide: %q", w, i, lw, ansi.Strip(l))
			}
		}
		plain := ansi.Strip(v)
		heads := []string{"needs", "solution", "create", "checks", "activate", "done"}
		if w >= 200 {
			heads = []string{"understand needs", "determine solution", "create", "checks", "activate", "done"}
		}
		for _, s := range heads {
			if !strings.Contains(plain, s) {
				t.Errorf("width %d: no %q column:\n%s", w, s, plain)
			}
		}
		if !strings.Contains(plain, "Store ki") || !strings.Contains(plain, "Data sha") {
			t.Errorf("width %d: briefs missing from the board:\n%s", w, plain)
		}
	}
	// l moves to the next stage's column, where "Store kiosks" is.
	h.send(runes("l"))
	if b, ok := h.p.board.selected(); !ok || b.Title != "Store kiosks" {
		t.Fatalf("after l the board selects %+v", b.Title)
	}
	h.key(keyEnter)
	if h.p.board != nil || h.p.brief == nil || h.p.brief.Title != "Store kiosks" || !h.p.b.inDetail {
		t.Fatal("enter on the board did not open the brief's detail")
	}
}

// TestBriefWriteMarkdown writes the brief twice: the second file gets -2,
// both are private.
func TestBriefWriteMarkdown(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Zoë's Q3 relaunch!", briefTestNow)
	b.Why = briefWhy
	if _, err := h.st.CreateBrief(h.ctx, b); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	dir := t.TempDir()
	t.Chdir(dir)
	h.key(runes("w"))
	h.key(runes("w"))
	for _, name := range []string{"zoes-q3-relaunch.md", "zoes-q3-relaunch-2.md"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s not written: %v (status %q)", name, err, h.lastStatus)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", name, fi.Mode().Perm())
		}
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if !strings.Contains(string(data), "Their loyalty members churn") {
			t.Errorf("%s lacks the why:\n%s", name, data)
		}
	}
	if !strings.Contains(h.lastStatus, "zoes-q3-relaunch-2.md") {
		t.Errorf("status does not name the path: %q", h.lastStatus)
	}
}

// TestBriefPreviewAndDrop opens the preview, closes it, then drops the
// brief with a reason.
func TestBriefPreviewAndDrop(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Kiosks", briefTestNow)
	b.Why = briefWhy
	nb, err := h.st.CreateBrief(h.ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.key(runes("p"))
	if h.p.preview == nil || h.p.preview.loading {
		t.Fatal("the preview did not open and render")
	}
	if v := ansi.Strip(h.p.View()); !strings.Contains(v, "Kiosks") || !strings.Contains(v, "loyalty members") {
		t.Fatalf("preview:\n%s", v)
	}
	h.key(keyEsc)
	if h.p.preview != nil {
		t.Fatal("esc did not close the preview")
	}

	h.key(runes("X"))
	h.key(keySave)
	if f := h.form(); f.errField != "reason" {
		t.Fatalf("drop without a reason: error on %q", f.errField)
	}
	h.typeText("budget moved to 2027")
	h.key(keySave)
	got := h.stored(nb.ID)
	if got.Stage != model.StageDropped || got.History[len(got.History)-1].Note != "budget moved to 2027" {
		t.Fatalf("after X: stage %q, history %+v", got.Stage, got.History)
	}
}

// BenchmarkTypeInLongWhy types into a 5,000-word why: each op is one key
// through the pane's Update and a View.
func BenchmarkTypeInLongWhy(b *testing.B) { benchTypeInWhy(b, 5000) }

// BenchmarkTypeInShortWhy is the same with 50 words, to compare.
func BenchmarkTypeInShortWhy(b *testing.B) { benchTypeInWhy(b, 50) }

func benchTypeInWhy(b *testing.B, words int) {
	h := newBriefHarness(b)
	var why strings.Builder
	for i := range words {
		if i > 0 {
			if i%100 == 0 {
				why.WriteString("\n\n")
			} else {
				why.WriteByte(' ')
			}
		}
		why.WriteString([]string{"loyalty", "members", "stay", "because", "they", "feel", "seen", "and"}[i%8])
	}
	br := model.NewBrief(h.acme.ID, "Long why", briefTestNow)
	br.Why = why.String()
	if _, err := h.st.CreateBrief(h.ctx, br); err != nil {
		b.Fatal(err)
	}
	h.run(h.p.Init())
	h.key(runes("e"))
	h.focus("why")
	h.p.View()
	keys := []tea.KeyMsg{runes("a"), runes("b"), runes(" ")}
	b.ResetTimer()
	for i := range b.N {
		h.p.Update(keys[i%len(keys)])
		_ = h.p.View()
	}
}

// TestBriefFollowUpArchiveDelete links a follow-up with r, archives with D,
// shows archived briefs with z and deletes one for good with D.
func TestBriefFollowUpArchiveDelete(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Kiosks", briefTestNow)
	nb, err := h.st.CreateBrief(h.ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())

	h.key(runes("r"))
	h.typeText("send the kiosk mock-ups")
	h.key(keySave)
	fus, err := h.st.FollowUps(h.ctx, store.FollowUpFilter{}, store.PageReq{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(fus.Items) != 1 || fus.Items[0].BriefID != nb.ID || fus.Items[0].AccountID != h.acme.ID {
		t.Fatalf("follow-ups = %+v, want one linked to the brief", fus.Items)
	}

	h.key(runes("D"))
	if h.p.ask == nil || !strings.Contains(h.p.ask.view(), "Archive") {
		t.Fatal("D did not ask to archive")
	}
	h.key(runes("y"))
	if got := h.stored(nb.ID); got.ArchivedAt.IsZero() {
		t.Fatal("the brief was not archived")
	}
	if _, ok := h.p.b.list.selected(); ok {
		t.Fatal("the archived brief is still listed")
	}
	h.key(runes("z"))
	sel, ok := h.p.b.list.selected()
	if !ok || sel.ID != nb.ID {
		t.Fatal("z does not show the archived brief")
	}
	h.key(runes("D"))
	if h.p.ask == nil || !strings.Contains(h.p.ask.view(), "for good") {
		t.Fatal("D on an archived brief did not ask to delete for good")
	}
	h.key(runes("y"))
	if _, err := h.st.Brief(h.ctx, nb.ID); err == nil {
		t.Fatal("the brief still exists after delete")
	}
}
