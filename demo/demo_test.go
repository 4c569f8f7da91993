package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

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
	t.Logf("import: %v wall, %v cpu: %+v", time.Since(start), cpuTime()-cpu, res)
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
	t.Logf("loaded: %+v", res)

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

// TestGeneratedTextReads generates the small, large and heavy datasets and
// reads every text it wrote: no fmt error ("%!EXTRA…", "%!s(MISSING)"), no
// doubled word or article ("the the", "a the", "our the"), no text that
// starts with anything but a capital or a digit, and every signed check
// signed by a team that does that check.
func TestGeneratedTextReads(t *testing.T) {
	for _, size := range []Size{Small, Large, Heavy} {
		t.Run(size.String(), func(t *testing.T) {
			ds := Generate(size, demoToday, Seed)
			bad := map[string][]string{} // problem → the texts that have it
			report := func(problem, where, text string) {
				bad[problem] = append(bad[problem], where+": "+text)
			}
			for _, f := range textFields(ds) {
				if f.text == "" {
					continue
				}
				if strings.Contains(f.text, "%!") {
					report("a fmt error", f.where, f.text)
				}
				if w, ok := doubledWord(f.text); ok {
					report("a doubled word ("+w+")", f.where, f.text)
				}
				if r, _ := utf8.DecodeRuneInString(f.text); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
					report("no capital to start", f.where, f.text)
				}
			}
			signed := 0
			for _, b := range ds.Briefs {
				for _, c := range b.Checks {
					where := fmt.Sprintf("brief %q, %s check", b.Title, c.Kind)
					switch {
					case c.State != model.CheckSigned && c.By != "":
						report("a signer on an unsigned check", where, c.By)
					case c.State == model.CheckSigned && !signsFor(c.Kind, c.By):
						report("the wrong team signing", where, c.By)
					case c.State == model.CheckSigned:
						signed++
					}
				}
			}
			if signed == 0 {
				t.Error("no check is signed: nothing to read")
			}
			problems := make([]string, 0, len(bad))
			for p := range bad {
				problems = append(problems, p)
			}
			sort.Strings(problems)
			for _, p := range problems {
				texts := bad[p]
				t.Errorf("%d texts with %s, e.g.:\n\t%s", len(texts), p, strings.Join(texts[:min(5, len(texts))], "\n\t"))
			}
		})
	}
}

// TestTemplatesUseTheirArguments fills every template with each topic,
// whatever the generators happen to pick: fmt must find a verb for its
// arguments and an argument for every verb, and no article may double.
func TestTemplatesUseTheirArguments(t *testing.T) {
	var templates []string
	for _, ts := range noteTemplates {
		templates = append(templates, ts...)
	}
	for _, ts := range touchTemplates {
		templates = append(templates, ts...)
	}
	templates = append(templates, followUpTemplates...)
	for _, tmpl := range templates {
		for _, topic := range topics {
			s := fmt.Sprintf(tmpl, "Zoë", topic, "Porto", "padel", "Mochi", "May", "Marketing", trimThe(topic))
			if strings.Contains(s, "%!") {
				t.Errorf("template %q gives %q", tmpl, s)
				break
			}
			if w, ok := doubledWord(s); ok {
				t.Errorf("template %q doubles %q: %q", tmpl, w, s)
				break
			}
		}
	}
}

type textField struct{ where, text string }

// textFields lists every free text of a dataset with where it came from.
func textFields(ds model.Dataset) []textField {
	var fs []textField
	add := func(where string, texts ...string) {
		for _, s := range texts {
			fs = append(fs, textField{where, s})
		}
	}
	for _, a := range ds.Accounts {
		add("account", a.Name, a.Industry, a.Region, a.Brand, a.Direction)
	}
	for _, p := range ds.People {
		add("person", p.Name, p.Title, p.BusinessUnit, p.Location, p.ReceiveInfo, p.NeedsToShow, p.CareerHistory)
	}
	for _, n := range ds.Notes {
		add("note", n.Text)
	}
	for _, tc := range ds.Touches {
		add("touch", tc.Summary, tc.Text)
	}
	for _, h := range ds.Health {
		add("health check", h.Note)
	}
	for _, b := range ds.Briefs {
		add("brief", b.Title, b.Who, b.What, b.Where, b.When, b.Why, b.ValueClient, b.ValueUs)
		for _, p := range b.People {
			add("brief framing", p.Framing)
			add("brief opening", p.Opening)
		}
		for _, h := range b.History {
			add("brief history", h.Note)
		}
		for _, c := range b.Checks {
			add("check", c.By)
		}
	}
	for _, f := range ds.FollowUps {
		add("follow-up", f.Text)
	}
	return fs
}

// determiners may not be followed by an article.
var determiners = map[string]bool{"a": true, "an": true, "the": true, "our": true, "their": true, "its": true, "your": true, "my": true}

// doubledWord reports a word repeated back to back ("the the", but not
// "50/50") or an article after a determiner ("a the", "our the").
func doubledWord(s string) (string, bool) {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
	})
	for i := 1; i < len(words); i++ {
		prev, w := words[i-1], words[i]
		if w == prev && strings.IndexFunc(w, unicode.IsLetter) >= 0 || determiners[prev] && (w == "a" || w == "an" || w == "the") {
			return prev + " " + w, true
		}
	}
	return "", false
}

// signsFor reports whether a signer is one who would sign a check of kind k.
func signsFor(k model.CheckKind, by string) bool {
	by = strings.ToLower(by)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(by, w) {
				return true
			}
		}
		return false
	}
	switch k {
	case model.CheckBrand:
		return has("brand", "marketing") && !has("legal", "strategy", "locali", "translat")
	case model.CheckStrategy:
		return has("strategy", "leadership") && !has("brand", "marketing", "legal", "locali", "translat")
	case model.CheckLegal:
		return has("legal", "counsel", "contracts") && !has("brand", "marketing", "strategy", "locali", "translat")
	case model.CheckTranslation:
		return has("locali", "translat") && !has("brand", "marketing", "strategy", "legal")
	}
	return false
}

// TestOpenings: most people linked to a brief have an opening written to
// them, in both books, and it is not their framing.
func TestOpenings(t *testing.T) {
	for _, size := range []Size{Small, Large} {
		ds := Generate(size, demoToday, Seed)
		linked, opened := 0, 0
		for _, b := range ds.Briefs {
			for _, p := range b.People {
				linked++
				if p.Opening != "" {
					opened++
				}
				if p.Opening != "" && p.Opening == p.Framing {
					t.Errorf("%s: %q has its framing as its opening", size, b.Title)
				}
			}
		}
		if linked == 0 || opened*3 < linked*2 {
			t.Errorf("%s: %d of %d linked people have an opening, want most", size, opened, linked)
		}
	}
}
