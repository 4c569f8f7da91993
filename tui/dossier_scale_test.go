package tui

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rapport/model"
	"rapport/store"
)

// TestDossiersAtScale: at an account of 1,000 people, where Zelda (whose
// name sorts last) has the other 999 reporting to her, every count is the
// true count and nobody goes missing: a report's dossier names Zelda as
// their boss, Zelda's says how many report to her, and the account's org
// chart draws its top and counts the rest.
func TestDossiersAtScale(t *testing.T) {
	st := newTestStore(t)
	ctx := context.Background()
	acc, _ := st.CreateAccount(ctx, model.Account{Name: "Globex", Tier: model.TierKey})
	zelda, err := st.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Zelda Zyx", Title: "COO"})
	if err != nil {
		t.Fatal(err)
	}
	var first model.Person
	for i := range 999 {
		p, err := st.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: fmt.Sprintf("Aaron %03d", i), ReportsToID: zelda.ID})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = p
		}
	}
	for i := range store.PersonBriefsLimit + 1 {
		b := model.NewBrief(acc.ID, fmt.Sprintf("Brief %02d", i), appNow)
		b.People = []model.BriefPerson{{PersonID: zelda.ID}}
		if _, err := st.CreateBrief(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 12 {
		if _, err := st.CreateFollowUp(ctx, model.FollowUp{Text: fmt.Sprintf("Call %02d", i), DueOn: model.DateOf(appNow).AddDays(i),
			PersonID: zelda.ID, AccountID: acc.ID}); err != nil {
			t.Fatal(err)
		}
	}
	m := startApp(t, st, 120, 35)

	t.Run("BossSortsLast", func(t *testing.T) {
		m := runCmds(t, m, peopleOf(m).Open(store.HitPerson, first.ID))
		p := peopleOf(m)
		if p.dossier == nil || p.dossier.boss == nil || p.dossier.boss.ID != zelda.ID {
			t.Fatalf("Aaron's dossier has no boss: %+v", p.dossier)
		}
		if v := p.renderDossier(p.dossier).compose(p.c.styles, 200, -1).text; !strings.Contains(v, "reports to Zelda Zyx") {
			t.Errorf("Aaron's dossier does not say whom he reports to:\n%s", v)
		}
	})
	t.Run("EveryReport", func(t *testing.T) {
		m := runCmds(t, m, peopleOf(m).Open(store.HitPerson, zelda.ID))
		p := peopleOf(m)
		if p.dossier == nil || p.dossier.reportCount != 999 {
			t.Fatalf("Zelda's dossier counts %d reports, want 999", p.dossier.reportCount)
		}
		v := p.renderDossier(p.dossier).compose(p.c.styles, 200, -1).text
		// Her reports and her briefs (more than the store reads at once)
		// are listed, then counted: "… and N more" under each.
		reports, briefs, calls := strings.Count(v, "← Aaron"), strings.Count(v, "Brief "), strings.Count(v, "Call ")
		var more []int
		for _, m := range regexp.MustCompile(`… and (\d+) more`).FindAllStringSubmatch(v, -1) {
			more = append(more, atoi(m[1]))
		}
		if p.dossier.briefCount != store.PersonBriefsLimit+1 || reports == 0 || briefs == 0 || calls == 0 ||
			!slices.Contains(more, 999-reports) || !slices.Contains(more, store.PersonBriefsLimit+1-briefs) || !slices.Contains(more, 12-calls) {
			t.Errorf("Zelda's dossier lists %d reports, %d briefs, %d follow-ups, and %v more; want 999, %d and 12 in all:\n%s",
				reports, briefs, calls, more, store.PersonBriefsLimit+1, v)
		}
	})
	t.Run("OrgChart", func(t *testing.T) {
		m := runCmds(t, m, accountsOf(m).Open(store.HitAccount, acc.ID))
		p := accountsOf(m)
		if p.dossier == nil {
			t.Fatal("no account dossier")
		}
		v := p.renderDossier(p.dossier).compose(p.c.styles, 200, -1).text
		lines := strings.Count(v, "\n")
		for _, want := range []string{"People (1000)", "Zelda Zyx", "└ Aaron 000", "└ … and 987 more reporting to Zelda Zyx", "13 of 1000 shown",
			fmt.Sprintf("… and %d more in Briefs", store.PersonBriefsLimit+1-10), "… and 7 more in Follow-ups"} {
			if !strings.Contains(v, want) {
				t.Errorf("the account dossier lacks %q:\n%s", want, v)
			}
		}
		if lines > 100 {
			t.Errorf("the account dossier draws %d lines for an account of 1,000", lines)
		}
	})
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// TestPickersAskTheStore: at an account of more people than the form offers
// as choices, "reports to" takes a name and says, as it is typed, whom the
// store finds; the brief form's linked people are looked up as they are
// typed too, someone past any first page included, with true counts.
func TestPickersAskTheStore(t *testing.T) {
	h := newBriefHarness(t)
	zelda, err := h.st.CreatePerson(h.ctx, model.Person{AccountID: h.globex.ID, Name: "Zelda Zyx", Title: "COO"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range colleaguesOffered + 10 {
		if _, err := h.st.CreatePerson(h.ctx, model.Person{AccountID: h.globex.ID, Name: fmt.Sprintf("Globex %02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	total := colleaguesOffered + 11

	t.Run("ReportsTo", func(t *testing.T) {
		m := startApp(t, h.st, 120, 35)
		m = press(t, m, "3", "n", "Ann New", "tab", "globex", "tab", "tab", "tab")
		f := peopleOf(m).ed.ed.form
		boss := formFieldOf(f, "reports to")
		if f.fields[f.focus] != boss || len(boss.options) != 0 {
			t.Fatalf("reports to at an account of %d: focused %v, %d choices", total, f.fields[f.focus] == boss, len(boss.options))
		}
		if boss.note != fmt.Sprintf("%d people at Globex — type a name", total) {
			t.Errorf("before typing: %q", boss.note)
		}
		m = press(t, m, "z", "e", "l")
		if boss.note != "→ Zelda Zyx · COO" {
			t.Errorf("after zel: %q", boss.note)
		}
		press(t, m, "backspace", "backspace", "backspace", "g", "l")
		if !strings.Contains(boss.note, "Globex 00") || !strings.Contains(boss.note, "…") {
			t.Errorf("after gl: %q", boss.note)
		}
	})
	t.Run("LinkedPeople", func(t *testing.T) {
		h.press("n")
		h.typeText("Fleet")
		h.focus("account")
		h.typeText("Globex")
		h.focus("why")
		h.typeText(briefWhy)
		h.focus("people")
		h.typeText("zel, globex 0")
		v := h.flat()
		for _, want := range []string{"“globex 0” could be Globex 00, Globex 01, Globex 02, …", "at Globex: ✓ Zelda Zyx · Globex 00",
			fmt.Sprintf("+%d more", total-1-briefNoteNames)} {
			if !strings.Contains(v, want) {
				t.Errorf("the people note lacks %q:\n%s", want, v)
			}
		}
		if h.form().fieldIndex(briefPersonKey(briefFraming, zelda.ID)) < 0 {
			t.Error("no framing field for Zelda")
		}
	})
}
