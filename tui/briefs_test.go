package tui

import (
	"context"
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
// does: keys go through the pane's Update, and Drive runs every command they
// start and feeds the messages back. Status lines are kept, not fed.
type briefHarness struct {
	t          testing.TB
	st         *store.Store
	c          *common
	p          *briefsPane
	statuses   []statusMsg
	lastStatus string
	acme       model.Account
	globex     model.Account
	dana, lee  model.Person
	ctx        context.Context
}

// briefPaneModel lets Drive run a pane as if it were the program.
type briefPaneModel struct{ h *briefHarness }

func (m briefPaneModel) Init() tea.Cmd { return nil }
func (m briefPaneModel) View() string  { return m.h.p.View() }
func (m briefPaneModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch s := msg.(type) {
	case statusMsg:
		m.h.statuses = append(m.h.statuses, s)
		m.h.lastStatus = s.text
		return m, nil
	case savedMsg:
		// The root shows a save's line; the pane follows what it saved.
		m.h.statuses = append(m.h.statuses, statusMsg{text: s.text})
		m.h.lastStatus = s.text
	}
	return m, m.h.p.Update(msg)
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
	h.dana, err = st.CreatePerson(ctx, model.Person{AccountID: h.acme.ID, Name: "Dana Whit", Title: "CMO", Role: model.RoleChampion,
		ReceiveInfo: "the brand story first"})
	must(err)
	h.lee, err = st.CreatePerson(ctx, model.Person{AccountID: h.acme.ID, Name: "Lee Park", Title: "CFO", Role: model.RoleEconomicBuyer,
		ReceiveInfo: "numbers first, one page"})
	must(err)
	h.c = &common{store: st, styles: DefaultStyles(), now: now}
	h.p = newBriefsPane(h.c)
	h.p.SetSize(120, 40)
	h.run(h.p.Init())
	return h
}

// run executes cmd and everything it leads to.
func (h *briefHarness) run(cmd tea.Cmd) {
	h.t.Helper()
	Drive(briefPaneModel{h}, cmd, 2*time.Second)
}

// press sends keys by name ("enter", "ctrl+s", ">") and runs what they start.
func (h *briefHarness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		msg := Key(k)
		h.run(func() tea.Msg { return msg })
	}
}

// typeText types s into the focused field, one key a character.
func (h *briefHarness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		if r == '\n' {
			h.press("enter")
			continue
		}
		h.press(string(r))
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
		h.press("tab")
	}
	h.t.Fatalf("the form has no field %q", key)
}

// clearField empties the focused one-line field.
func (h *briefHarness) clearField() {
	h.t.Helper()
	for range 60 {
		h.press("backspace")
	}
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

// create stores a brief directly, moved on by the given number of stages,
// and reloads the pane.
func (h *briefHarness) create(title string, stages int) model.Brief {
	h.t.Helper()
	b := model.NewBrief(h.acme.ID, title, briefTestNow)
	b.Why = briefWhy
	nb, err := h.st.CreateBrief(h.ctx, b)
	if err != nil {
		h.t.Fatal(err)
	}
	for range stages {
		if nb, err = h.st.MoveBrief(h.ctx, nb.ID, nb.Stage.Next(), ""); err != nil {
			h.t.Fatal(err)
		}
	}
	h.run(h.p.Init())
	return nb
}

// screen is the pane as plain text.
func (h *briefHarness) screen() string { return ansi.Strip(h.p.View()) }

// flat is the pane as one line of words, so text wrapped or split by the
// column border still matches.
func (h *briefHarness) flat() string { return flatColumns(h.screen()) }

// lastErr is the last status line, which must be an error.
func (h *briefHarness) lastErr() string {
	h.t.Helper()
	if len(h.statuses) == 0 || !h.statuses[len(h.statuses)-1].err {
		h.t.Fatalf("the last status is not an error: %+v", h.statuses)
	}
	return h.lastStatus
}

func errOf(h *briefHarness) string {
	if h.p.ed.active() {
		return h.p.ed.ed.form.err
	}
	return ""
}

const briefWhy = "Their loyalty members churn after the first year because nothing rewards them for staying; a relaunch keeps them."

// TestBriefLifecycle drafts a brief with two people and their framings in
// one form, moves it to checks, is refused activation with a message that
// names the unsigned checks, signs them in the checks form (one dated,
// one by typing a name, one not needed), activates it and reads the
// history.
func TestBriefLifecycle(t *testing.T) {
	h := newBriefHarness(t)
	if v := h.flat(); !strings.Contains(v, "No briefs yet — press n to draft one: start with why.") {
		t.Fatalf("empty state missing:\n%s", v)
	}

	h.press("n")
	f := h.form()
	if f.fields[f.focus].key != "title" {
		t.Fatalf("the form opens on %q, want title", f.fields[f.focus].key)
	}
	if f.fields[2].key != "why" || !f.fields[2].heart || !strings.Contains(f.fields[2].label, "heart") {
		t.Fatalf("the why is not the first W and the heart: %+v", f.fields[2].fieldSpec)
	}
	h.typeText("Loyalty relaunch")
	h.focus("account")
	h.typeText("acm")
	if v := h.flat(); !strings.Contains(v, "→ Acme") {
		t.Fatalf("the account field does not say which account it found:\n%s", v)
	}
	h.focus("why")
	h.typeText("Their loyalty")
	if v := h.flat(); !strings.Contains(v, "thin: 2 words") {
		t.Fatalf("a two-word why is not flagged thin:\n%s", v)
	}
	h.typeText(strings.TrimPrefix(briefWhy, "Their loyalty"))
	h.focus("target")
	h.typeText("+2w")
	if v := h.flat(); !strings.Contains(v, "→ Mon 2026-03-16 (in 14 days)") {
		t.Fatalf("the target date is not read back:\n%s", h.screen())
	}
	h.focus("people")
	if v := h.flat(); !strings.Contains(v, "at Acme: Dana Whit · Lee Park") {
		t.Fatalf("the people at the account are not offered:\n%s", v)
	}
	h.typeText("dana, Lee P")
	if v := h.flat(); !strings.Contains(v, "at Acme: ✓ Dana Whit · ✓ Lee Park") {
		t.Fatalf("the linked names are not ticked:\n%s", v)
	}
	// A framing field has grown for each, with who they are.
	h.focus(briefPersonKey(briefFraming, h.dana.ID))
	if v := h.flat(); !strings.Contains(v, "Framing for Dana Whit") || !strings.Contains(v, "likes: the brand story first") {
		t.Fatalf("no framing field for Dana with her preferences:\n%s", v)
	}
	h.typeText("The brand story: members who feel seen.")
	h.focus(briefPersonKey(briefFraming, h.lee.ID))
	h.typeText("Numbers first: retention lift on one page.")
	h.press("ctrl+s")

	bs := h.briefs()
	if len(bs) != 1 {
		t.Fatalf("stored %d briefs, want 1 (form error %q)", len(bs), errOf(h))
	}
	b := h.stored(bs[0].ID)
	if b.Title != "Loyalty relaunch" || b.AccountID != h.acme.ID || b.Why != briefWhy || b.TargetOn != model.NewDate(2026, 3, 16) {
		t.Fatalf("stored brief = %q on %d, why %q, target %s", b.Title, b.AccountID, b.Why, b.TargetOn)
	}
	if len(b.People) != 2 || b.People[0].PersonID != h.dana.ID || b.People[1].PersonID != h.lee.ID ||
		b.People[0].Framing != "The brand story: members who feel seen." || b.People[1].Framing != "Numbers first: retention lift on one page." {
		t.Fatalf("linked people = %+v, want Dana then Lee with their framings", b.People)
	}
	if h.p.ed.active() {
		t.Fatal("the form stayed open after a good save")
	}
	if h.lastStatus != "“Loyalty relaunch” drafted for Acme." {
		t.Fatalf("status after save = %q", h.lastStatus)
	}
	v := h.flat()
	for _, want := range []string{"♥ Why", "Their loyalty members churn", "Acme · understand needs", "missing: what, where, when",
		"Dana Whit, CMO", "The brand story: members who feel seen.", "needs Loyalty relaunch"} {
		if !strings.Contains(v, want) {
			t.Errorf("screen lacks %q:\n%s", want, h.screen())
		}
	}

	// > three times: to checks.
	for _, want := range []model.Stage{model.StageDetermine, model.StageCreate, model.StageChecks} {
		h.press(">")
		if got := h.stored(b.ID).Stage; got != want {
			t.Fatalf("after > the stage is %q, want %q (status %q)", got, want, h.lastStatus)
		}
	}
	if h.lastStatus != "“Loyalty relaunch” moved to checks. c signs the checks." {
		t.Errorf("status on reaching checks = %q", h.lastStatus)
	}
	if v := h.flat(); !strings.Contains(v, "Checks — 4 to sign or mark not needed (c)") {
		t.Errorf("the detail does not lead with the checks in the checks stage:\n%s", h.screen())
	}

	h.press(">")
	if got := h.stored(b.ID).Stage; got != model.StageChecks {
		t.Fatalf("activated with unsigned checks: %q", got)
	}
	if got, want := h.lastErr(), "cannot activate: brand, strategy, legal, translation checks are not signed or marked not needed — c signs them"; got != want {
		t.Fatalf("refusal = %q, want %q", got, want)
	}

	// The checks form: brand signed by Ann on a given day, strategy signed
	// by typing a name, legal signed, translation not needed.
	h.press("c")
	h.focus("brand check")
	h.press("right") // pending → signed
	h.focus("brand by")
	h.typeText("Ann")
	h.focus("brand on")
	h.typeText("tomorrow")
	h.press("ctrl+s")
	if f := h.form(); f.errField != "brand on" || !strings.Contains(f.err, "in the future") {
		t.Fatalf("a sign-off dated tomorrow: error %q on %q", f.err, f.errField)
	}
	h.clearField()
	h.typeText("feb 27") // the last one, not next year's
	h.focus("strategy by")
	h.typeText("Ben") // signs it
	if f := h.form(); f.value("strategy check") != "signed" {
		t.Errorf("typing who signed strategy leaves it %q", f.value("strategy check"))
	}
	h.focus("legal check")
	h.press("right")
	h.press("ctrl+s")
	if f := h.form(); f.errField != "legal by" || !strings.Contains(f.err, "who signed it?") {
		t.Fatalf("a signed check without a name: error %q on %q", f.err, f.errField)
	}
	h.typeText("Cleo")
	if f := h.form(); f.err != "" {
		t.Errorf("the error stays once the field is filled in: %q", f.err)
	}
	h.focus("translation check")
	h.press("left") // pending → not needed
	if s := h.screen(); strings.Count(s, "signed by") != 3 || !strings.Contains(s, "Translation") {
		t.Errorf("a check not needed still asks who signed it:\n%s", s)
	}
	h.press("shift+tab")
	if f := h.form(); f.fields[f.focus].key != "legal on" {
		t.Errorf("shift+tab from translation went to %q", f.fields[f.focus].key)
	}
	h.press("tab", "tab")
	if f := h.form(); f.fields[f.focus].key != "brand check" {
		t.Errorf("tab past translation went to %q, not round to the first field", f.fields[f.focus].key)
	}
	h.press("ctrl+s")
	got := h.stored(b.ID)
	if p := got.PendingChecks(); len(p) != 0 {
		t.Fatalf("checks still pending after the form: %v (status %q, form err %q)", p, h.lastStatus, errOf(h))
	}
	want := map[model.CheckKind]model.Check{
		model.CheckBrand:       {Kind: model.CheckBrand, State: model.CheckSigned, By: "Ann", On: model.NewDate(2026, 2, 27)},
		model.CheckStrategy:    {Kind: model.CheckStrategy, State: model.CheckSigned, By: "Ben", On: model.DateOf(briefTestNow)},
		model.CheckLegal:       {Kind: model.CheckLegal, State: model.CheckSigned, By: "Cleo", On: model.DateOf(briefTestNow)},
		model.CheckTranslation: {Kind: model.CheckTranslation, State: model.CheckNotNeeded, On: model.DateOf(briefTestNow)},
	}
	for k, w := range want {
		if c := got.Check(k); c.State != w.State || c.By != w.By || !c.On.Equal(w.On) {
			t.Errorf("%s check = %+v, want %+v", k, c, w)
		}
	}
	if h.lastStatus != "All clear — > activates: brand, strategy and legal signed, translation not needed." {
		t.Errorf("status after signing = %q", h.lastStatus)
	}
	v = h.flat()
	for _, w := range []string{"Checks — all clear: > activates", "✓ brand signed by Ann · 2026-02-27", "✓ strategy signed by Ben · 2026-03-02", "– translation not needed"} {
		if !strings.Contains(v, w) {
			t.Errorf("detail lacks %q:\n%s", w, h.screen())
		}
	}

	h.press(">")
	if got := h.stored(b.ID).Stage; got != model.StageActivate {
		t.Fatalf("after signing, > left the stage at %q (status %q)", got, h.lastStatus)
	}
	hist := h.stored(b.ID).History
	if len(hist) != 5 || hist[4].From != model.StageChecks || hist[4].To != model.StageActivate || !hist[4].At.Equal(briefTestNow) {
		t.Fatalf("history = %+v", hist)
	}
	if v := h.flat(); !strings.Contains(v, "Acme · activate in this stage since today (2026-03-02)") {
		t.Errorf("the detail does not say since when it is in activate:\n%s", h.screen())
	}
	h.press("enter", "G") // focus the detail, scroll to its end
	v = h.flat()
	for _, w := range []string{"Stage history", "2026-03-02 started in understand needs", "2026-03-02 checks → activate after 0 days"} {
		if !strings.Contains(v, w) {
			t.Errorf("history lacks %q:\n%s", w, h.screen())
		}
	}
}

// TestBriefWhyRefusal: a brief without a why cannot leave the first stage,
// and the status line says so and how to fix it.
func TestBriefWhyRefusal(t *testing.T) {
	h := newBriefHarness(t)
	b, err := h.st.CreateBrief(h.ctx, model.NewBrief(h.acme.ID, "Kiosks", briefTestNow))
	if err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.press(">")
	if got := h.stored(b.ID).Stage; got != model.StageUnderstand {
		t.Fatalf("a brief without a why moved to %q", got)
	}
	if got, want := h.lastErr(), "write the why before leaving \"understand needs\" — it is what convinces everyone else (e to write it)"; got != want {
		t.Fatalf("refusal = %q, want %q", got, want)
	}
	if v := h.flat(); !strings.Contains(v, "not written yet — the why carries the brief; e to write it") {
		t.Errorf("the detail does not ask for the why:\n%s", h.screen())
	}
	h.press("<")
	if h.lastStatus != "“Kiosks” is in the first stage." {
		t.Errorf("< in the first stage says %q", h.lastStatus)
	}
}

// TestBriefListFollowsMove: the list is in stage order, so a moved brief
// changes place; the selection goes with it and a second > moves the
// same brief again.
func TestBriefListFollowsMove(t *testing.T) {
	h := newBriefHarness(t)
	first := h.create("Alpha", 0)
	h.create("Beta", 0)
	h.create("Gamma", 1)
	if sel, _ := h.p.b.list.selected(); sel.ID != first.ID {
		t.Fatalf("selected %q first, want Alpha", sel.Title)
	}
	h.press(">")
	h.press(">")
	if got := h.stored(first.ID).Stage; got != model.StageCreate {
		t.Fatalf("Alpha is in %q after > >, want create (a second > moved another brief?)", got)
	}
	if sel, _ := h.p.b.list.selected(); sel.ID != first.ID {
		t.Fatalf("the selection is on %q, not the moved brief", sel.Title)
	}
	if strings.Count(h.screen(), "▸") != 1 || !strings.Contains(h.screen(), "▸ create    Alpha") {
		t.Errorf("the list does not show Alpha selected in create:\n%s", h.screen())
	}
}

// TestBriefStalledAndCompleteness: a brief long in its stage is flagged in
// the list and the detail; the meter counts the Ws and framings.
func TestBriefStalledAndCompleteness(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Old idea", briefTestNow.AddDate(0, 0, -45))
	b.Why = briefWhy
	b.What = "A points programme with tiers, partner rewards and a birthday gift."
	b.People = []model.BriefPerson{{PersonID: h.dana.ID, Framing: "Brand first."}, {PersonID: h.lee.ID}}
	if _, err := h.st.CreateBrief(h.ctx, b); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	s := h.screen()
	if !strings.Contains(s, "▸ needs     Old idea") || !strings.Contains(s, "●●●○○   45d ⚑") {
		t.Errorf("the list row lacks the meter, days or stalled flag:\n%s", s)
	}
	v := h.flat()
	for _, w := range []string{"in this stage for 45 days (since 2026-01-16)", "⚑ stalled: more than 30 days is long for understand needs",
		"Completeness ●●●●○○○ 4 of 7", "missing: where, when · no framing for Lee Park"} {
		if !strings.Contains(v, w) {
			t.Errorf("detail lacks %q:\n%s", w, s)
		}
	}
}

// TestBriefFailedSaveKeepsTyping: a save refused for an empty title keeps
// the why as typed and points at the title; an unknown account or person
// is a field error naming it.
func TestBriefFailedSaveKeepsTyping(t *testing.T) {
	h := newBriefHarness(t)
	h.press("n")
	h.focus("account")
	h.typeText("Acme")
	h.focus("why")
	h.typeText("Line one of the why.\nLine two, still typing.")
	h.press("ctrl+s")
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
	h.clearField()
	h.typeText("Initech")
	if v := h.flat(); !strings.Contains(v, "no account matches “Initech”") {
		t.Errorf("the account field does not say Initech is unknown:\n%s", h.screen())
	}
	h.press("ctrl+s")
	f = h.form()
	if f.errField != "account" || !strings.Contains(f.err, "no account matches “Initech”") {
		t.Fatalf("unknown account: error %q on %q", f.err, f.errField)
	}
	if got := f.raw("why"); !strings.Contains(got, "Line two") {
		t.Fatalf("why lost after the account error: %q", got)
	}

	h.clearField()
	h.typeText("Acme")
	h.focus("people")
	h.typeText("Dana, Nobody")
	if v := h.flat(); !strings.Contains(v, "“Nobody” matches nobody") {
		t.Errorf("the people field does not flag the unknown name:\n%s", h.screen())
	}
	h.press("ctrl+s")
	f = h.form()
	if f.errField != "people" || !strings.Contains(f.err, "Nobody") {
		t.Fatalf("unknown person: error %q on %q", f.err, f.errField)
	}
	if len(h.briefs()) != 0 {
		t.Fatal("a brief was stored with an unknown person")
	}
}

// TestBriefDropAndReopen: X asks why, the reason goes in the history, and <
// reopens the brief where it was dropped.
func TestBriefDropAndReopen(t *testing.T) {
	h := newBriefHarness(t)
	nb := h.create("Kiosks", 2)
	h.press("X")
	h.press("ctrl+s")
	if f := h.form(); f.errField != "reason" {
		t.Fatalf("drop without a reason: error on %q", f.errField)
	}
	h.typeText("budget moved to 2027")
	h.press("ctrl+s")
	got := h.stored(nb.ID)
	if got.Stage != model.StageDropped || got.History[len(got.History)-1].Note != "budget moved to 2027" {
		t.Fatalf("after X: stage %q, history %+v", got.Stage, got.History)
	}
	if v := h.flat(); !strings.Contains(v, "Acme · dropped") || !strings.Contains(v, "dropped: budget moved to 2027") {
		t.Errorf("the detail does not show why it was dropped:\n%s", h.screen())
	}
	h.press("enter", "G")
	if v := h.flat(); !strings.Contains(v, "create → dropped after 0 days — budget moved to 2027") {
		t.Errorf("the detail does not show why it was dropped:\n%s", h.screen())
	}
	h.press("<")
	if got := h.stored(nb.ID).Stage; got != model.StageCreate || h.lastStatus != "“Kiosks” reopened in create." {
		t.Fatalf("< on a dropped brief: stage %q, status %q", got, h.lastStatus)
	}
}

// TestReopenWithoutWhy: a brief dropped (or imported dropped) from a later
// stage before it had a why reopens where a why is written, and says so.
func TestReopenWithoutWhy(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Website refresh", briefTestNow)
	b.Stage = model.StageDropped
	b.History = []model.StageChange{{From: model.StageDetermine, To: model.StageDropped, At: briefTestNow, Note: "no budget"}}
	nb, err := h.st.CreateBrief(h.ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.press("<")
	if got := h.stored(nb.ID).Stage; got != model.StageUnderstand || h.lastStatus != "“Website refresh” reopened in understand needs. It has no why yet: e to write it." {
		t.Fatalf("< on a dropped brief with no why: stage %q, status %q", got, h.lastStatus)
	}
}

// TestBriefFollowUpArchiveDelete links a follow-up with r, archives with D,
// shows archived briefs with z and deletes one for good with D.
func TestBriefFollowUpArchiveDelete(t *testing.T) {
	h := newBriefHarness(t)
	nb := h.create("Kiosks", 0)

	h.press("r")
	h.typeText("send the kiosk mock-ups")
	h.press("ctrl+s")
	fus, err := h.st.FollowUps(h.ctx, store.FollowUpFilter{}, store.PageReq{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(fus.Items) != 1 || fus.Items[0].BriefID != nb.ID || fus.Items[0].AccountID != h.acme.ID {
		t.Fatalf("follow-ups = %+v, want one linked to the brief", fus.Items)
	}

	h.press("D")
	if h.p.ask == nil || !strings.Contains(h.p.ask.view(), "Archive") {
		t.Fatal("D did not ask to archive")
	}
	h.press("y")
	if got := h.stored(nb.ID); got.ArchivedAt.IsZero() {
		t.Fatal("the brief was not archived")
	}
	if _, ok := h.p.b.list.selected(); ok {
		t.Fatal("the archived brief is still listed")
	}
	h.press("z")
	sel, ok := h.p.b.list.selected()
	if !ok || sel.ID != nb.ID {
		t.Fatal("z does not show the archived brief")
	}
	h.press("D")
	if h.p.ask == nil || !strings.Contains(h.p.ask.view(), "for good") {
		t.Fatal("D on an archived brief did not ask to delete for good")
	}
	h.press("y")
	if _, err := h.st.Brief(h.ctx, nb.ID); err == nil {
		t.Fatal("the brief still exists after delete")
	}
}

// TestBriefFilterAndScope: / narrows the list by title; an account in
// scope narrows it to that account's briefs.
func TestBriefFilterAndScope(t *testing.T) {
	h := newBriefHarness(t)
	h.create("Kiosks", 0)
	h.create("Loyalty", 1)
	g := model.NewBrief(h.globex.ID, "Globex kiosks", briefTestNow)
	if _, err := h.st.CreateBrief(h.ctx, g); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.press("/")
	h.typeText("kiosk")
	h.press("enter")
	if s := h.screen(); !strings.Contains(s, "Kiosks") || !strings.Contains(s, "Globex kiosks") || strings.Contains(s, "Loyalty") {
		t.Errorf("filter “kiosk”:\n%s", s)
	}
	h.press("esc")
	h.c.scope = scope{ID: h.globex.ID, Name: "Globex"}
	h.run(h.p.SetScope(h.c.scope))
	if s := h.screen(); !strings.Contains(s, "Globex kiosks") || strings.Contains(s, "Loyalty") || h.p.b.list.total != 1 {
		t.Errorf("scoped to Globex:\n%s", s)
	}
}

// TestBriefDoneWhen is the walk-through through the whole program
// at 80×24 and 200×50: keys only, from the Briefs tab to an activated
// brief, reading what the screen says.
func TestBriefDoneWhen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		st := newTestStore(t)
		ctx := context.Background()
		acme, _ := st.CreateAccount(ctx, model.Account{Name: "Acme Foods", Tier: model.TierKey})
		st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Dana Whit", Title: "CMO"})
		st.CreatePerson(ctx, model.Person{AccountID: acme.ID, Name: "Lee Park", Title: "CFO"})
		m := startApp(t, st, size[0], size[1])
		screen := func() string {
			t.Helper()
			v := m.View()
			checkFrame(t, v, size[0], size[1])
			return strings.Join(strings.Fields(strings.ReplaceAll(ansi.Strip(v), "│", " ")), " ")
		}
		typeIn := func(s string) {
			for _, r := range s {
				m = press(t, m, string(r))
			}
		}
		m = press(t, m, "4")
		if v := screen(); !strings.Contains(v, "No briefs yet — press n to draft one") {
			t.Fatalf("%v: empty Briefs pane:\n%s", size, m.View())
		}
		m = press(t, m, "n")
		typeIn("Loyalty relaunch")
		m = press(t, m, "tab")
		typeIn("acme")
		m = press(t, m, "tab")
		typeIn(briefWhy)
		m = press(t, m, "tab", "tab")
		typeIn("dana, lee")
		for range 7 {
			m = press(t, m, "tab") // what … value to us
		}
		typeIn("Brand story.")
		m = press(t, m, "tab")
		typeIn("Dana, this is the relaunch you asked for.") // her opening
		m = press(t, m, "tab")
		typeIn("Numbers first.")
		m = press(t, m, "ctrl+s")
		if v := screen(); !strings.Contains(v, "“Loyalty relaunch” drafted for Acme Foods.") {
			t.Fatalf("%v: no confirmation:\n%s", size, m.View())
		}
		m = press(t, m, ">", ">", ">", ">")
		if v := screen(); !strings.Contains(v, "cannot activate: brand, strategy, legal, translation checks are not signed") {
			t.Fatalf("%v: no refusal naming the checks:\n%s", size, m.View())
		}
		m = press(t, m, "c", "tab")
		typeIn("Ann")
		m = press(t, m, "tab", "tab", "tab")
		typeIn("Ann")
		m = press(t, m, "tab", "tab", "tab")
		typeIn("Ann")
		m = press(t, m, "tab", "tab", "left", "ctrl+s")
		if v := screen(); !strings.Contains(v, "All clear — > activates:") {
			t.Fatalf("%v: checks not cleared:\n%s", size, m.View())
		}
		m = press(t, m, ">")
		if v := screen(); !strings.Contains(v, "“Loyalty relaunch” moved to activate.") {
			t.Fatalf("%v: not activated:\n%s", size, m.View())
		}
		if v := screen(); !strings.Contains(v, ">/< stage") || !strings.Contains(v, "c checks") || (size[0] >= 100 && !strings.Contains(v, "p preview")) {
			t.Errorf("%v: the footer lacks the brief keys:\n%s", size, m.View())
		}
		m = press(t, m, "p")
		if v := screen(); !strings.Contains(v, "Preview client-safe 1/4 Loyalty relaunch") || !hasLine(ansi.Strip(m.View()), "Why") {
			t.Errorf("%v: preview:\n%s", size, m.View())
		}
		m = press(t, m, "esc")
		page, _ := st.Briefs(ctx, store.BriefFilter{}, store.PageReq{Limit: 5})
		if len(page.Items) != 1 || page.Items[0].Stage != model.StageActivate || len(page.Items[0].People) != 2 ||
			page.Items[0].People[1].Framing != "Numbers first." || page.Items[0].People[0].Opening != "Dana, this is the relaunch you asked for." {
			t.Fatalf("%v: stored %+v", size, page.Items)
		}
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
	h.press("e")
	h.focus("why")
	h.p.View()
	keys := []tea.KeyMsg{Key("a"), Key("b"), Key(" ")}
	b.ResetTimer()
	for i := range b.N {
		h.p.Update(keys[i%len(keys)])
		_ = h.p.View()
	}
}

func TestBriefWrap(t *testing.T) {
	for _, c := range []struct {
		s     string
		width int
		want  []string
	}{
		{"Store kiosks", 10, []string{"Store", "kiosks"}},
		{"#RM clean-up roll-out for Acme", 17, []string{"#RM clean-up", "roll-out for Acme"}},
		{"Loyalty relaunch with a rather long title", 10, []string{"Loyalty", "relaunch …"}},
		{"Subscription box", 10, []string{"Subscript…", "box"}},
		{"", 10, []string{""}},
	} {
		if got := briefWrap(c.s, c.width, 2); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("briefWrap(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
	}
}

// TestBriefFramingFieldsFollowPeople: unlinking a person takes their
// framing field away and linking them again brings it back with the text;
// an edit keeps the framings of people still linked.
func TestBriefFramingFieldsFollowPeople(t *testing.T) {
	h := newBriefHarness(t)
	h.press("n")
	h.typeText("Kiosks")
	h.focus("account")
	h.typeText("Acme")
	h.focus("why")
	h.typeText(briefWhy)
	h.focus("people")
	h.typeText("dana, lee")
	h.focus(briefPersonKey(briefFraming, h.lee.ID))
	h.typeText("Payback in a year.")
	h.focus("people")
	for range len(", lee") {
		h.press("backspace")
	}
	if f := h.form(); f.fieldIndex(briefPersonKey(briefFraming, h.lee.ID)) >= 0 || f.fieldIndex(briefPersonKey(briefFraming, h.dana.ID)) < 0 {
		t.Fatal("unlinking Lee did not take away his framing field alone")
	}
	h.typeText(", lee")
	if got := h.form().raw(briefPersonKey(briefFraming, h.lee.ID)); got != "Payback in a year." {
		t.Fatalf("Lee's framing after linking him again = %q", got)
	}
	h.press("ctrl+s")
	bs := h.briefs()
	if len(bs) != 1 || len(bs[0].People) != 2 || bs[0].People[1].Framing != "Payback in a year." {
		t.Fatalf("stored %+v", bs)
	}

	// Edit: drop Dana; Lee keeps his framing.
	h.press("e")
	h.focus("people")
	h.clearField()
	h.typeText("Lee Park")
	h.press("ctrl+s")
	got := h.stored(bs[0].ID)
	if len(got.People) != 1 || got.People[0].PersonID != h.lee.ID || got.People[0].Framing != "Payback in a year." {
		t.Fatalf("after the edit: %+v", got.People)
	}
}

// hasLine reports whether a screen has a line that reads just text.
func hasLine(screen, text string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if strings.TrimSpace(strings.Trim(l, "│ ")) == text {
			return true
		}
	}
	return false
}

// Saving a brief keeps every linked person's opening: the form shows it
// beside the framing and writes it back.
func TestBriefFormKeepsOpenings(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	page, err := st.Briefs(ctx, store.BriefFilter{}, store.PageReq{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var b model.Brief
	for _, x := range page.Items {
		full, _ := st.Brief(ctx, x.ID)
		for _, bp := range full.People {
			if bp.Opening != "" {
				b = full
			}
		}
	}
	if b.ID == 0 {
		t.Fatal("no brief in the small demo has an opening")
	}
	m := startApp(t, st, 200, 50)
	m = runCmds(t, m, func() tea.Msg { return openMsg{kind: store.HitBrief, id: b.ID} })
	m = press(t, m, "e")
	if v := m.View(); !strings.Contains(v, "Opening for") {
		t.Fatalf("the brief form shows no opening field:\n%s", v)
	}
	press(t, m, "ctrl+s")
	after, _ := st.Brief(ctx, b.ID)
	for i, bp := range b.People {
		if after.People[i].Opening != bp.Opening || after.People[i].Framing != bp.Framing {
			t.Errorf("%s: opening %q → %q, framing %q → %q", bp.Name, bp.Opening, after.People[i].Opening, bp.Framing, after.People[i].Framing)
		}
	}
}

// TestBriefGuideDimsWhatDoesNothing: on a dropped brief the full help
// still lists > and X, dimmed, and < (reopen) lit.
func TestBriefGuideDimsWhatDoesNothing(t *testing.T) {
	h := newBriefHarness(t)
	b := h.create("Dropped one", 1)
	h.press("X")
	h.typeText("no budget")
	h.press("ctrl+s")
	if got := h.stored(b.ID); got.Stage != model.StageDropped {
		t.Fatalf("not dropped: %s (%s)", got.Stage, h.lastErr())
	}
	lit := map[string]bool{}
	for _, g := range h.p.guide() {
		if g.title != "This brief" {
			continue
		}
		for _, k := range g.keys {
			lit[k.Help().Key+" "+k.Help().Desc] = k.Enabled()
		}
	}
	for k, want := range map[string]bool{"> next stage": false, "X drop": false, "< reopen": true, "p preview": true} {
		got, listed := lit[k]
		if !listed {
			t.Errorf("%q is not in the full help", k)
		} else if got != want {
			t.Errorf("%q lit = %v, want %v", k, got, want)
		}
	}
}
