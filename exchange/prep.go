package exchange

import (
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// PrepMarkdown renders a prep sheet as Markdown: for each person met, how
// to open, what is promised and open, the briefs they are on with the
// framing for them, what they need to show and how they like information,
// the last touches, conflicts of the last year and a birthday close by;
// then the account's health, coverage risks and open briefs. loc is the
// zone meeting times are shown in. It is an internal document: framings
// and risks are for the account manager, never for the client.
func PrepMarkdown(p model.Prep, loc *time.Location) string {
	var m mdWriter
	m.heading(1, "Prep: "+orDash(oneLine(p.Title)))
	if mt := p.Meeting; mt != nil {
		when := mt.Start.In(loc).Format("Mon 2 Jan 2006 15:04")
		if mt.AllDay {
			when = mt.Start.Format("Mon 2 Jan 2006") + ", all day"
		} else if !mt.End.IsZero() {
			when += "–" + mt.End.In(loc).Format("15:04")
		}
		parts := []string{"**When:** " + when}
		if where := oneLine(mt.Location); where != "" {
			parts = append(parts, "**Where:** "+escapeEmph(where))
		}
		if a := oneLine(mt.AccountName); a != "" {
			parts = append(parts, "**Account:** "+escapeEmph(a))
		}
		m.para(strings.Join(parts, " · "))
	}
	for _, pp := range p.People {
		writePrepPerson(&m, pp, p.Today)
	}
	if len(p.Others) > 0 {
		m.heading(2, "Also invited")
		for _, a := range p.Others {
			m.item(escapeEmph(oneLine(a.Label())), "")
		}
		m.endList()
	}
	if a := p.Account; a != nil {
		m.heading(2, "The account: "+orDash(oneLine(a.Account.Name)))
		if len(a.Health) > 0 {
			last := a.Health[len(a.Health)-1]
			trend, _ := model.HealthTrend(a.Health)
			line := "**Health:** " + trend + " (last " + last.On.String() + ")"
			m.para(line)
		}
		if len(a.Risks) > 0 {
			m.heading(3, "Coverage risks")
			for _, r := range a.Risks {
				m.item("**"+string(r.Kind)+"**", r.Reason)
			}
			m.endList()
		}
		if len(a.Briefs) > 0 {
			m.heading(3, "Open briefs")
			for _, b := range a.Briefs {
				m.item("**"+escapeEmph(orDash(oneLine(b.Title)))+"** — "+string(b.Stage), "")
			}
			if a.MoreBriefs > 0 {
				m.item(fmt.Sprintf("and %d more", a.MoreBriefs), "")
			}
			m.endList()
		}
	}
	return m.String()
}

func writePrepPerson(m *mdWriter, pp model.PrepPerson, today model.Date) {
	p := pp.Person
	head := orDash(oneLine(p.Name))
	if t := oneLine(p.Title); t != "" {
		head += ", " + t
	}
	m.heading(2, head)
	var facts []string
	if p.Role != "" {
		facts = append(facts, string(p.Role))
	}
	if p.Stance != "" {
		facts = append(facts, string(p.Stance))
	}
	if a := oneLine(p.AccountName); a != "" {
		facts = append(facts, escapeEmph(a))
	}
	if !pp.Birthday.IsZero() {
		facts = append(facts, "**birthday "+birthdayWhen(pp.Birthday, today)+"**")
	}
	if len(facts) > 0 {
		m.para(strings.Join(facts, " · "))
	}
	if len(pp.AskAbout) > 0 {
		m.heading(3, "Open with")
		for _, n := range pp.AskAbout {
			m.itemLines(strings.Join(blockLines(n.Text), " "), nil)
		}
		m.endList()
	}
	if len(pp.Promises)+len(pp.FollowUps) > 0 {
		m.heading(3, "Promised and open")
		for _, f := range append(append([]model.FollowUp(nil), pp.Promises...), pp.FollowUps...) {
			head := f.DueString()
			if f.Overdue(today) {
				head += fmt.Sprintf(" (%d days late)", today.DaysSince(f.AgendaOn()))
			}
			if f.Kind == model.KindPromise {
				head = "**promise** " + head
			}
			m.item(head+" —", f.Text)
		}
		if pp.MoreOpen > 0 {
			m.item(fmt.Sprintf("and %d more open", pp.MoreOpen), "")
		}
		m.endList()
	}
	if len(pp.Briefs) > 0 {
		m.heading(3, "Briefs they are on")
		for _, b := range pp.Briefs {
			head := "**" + escapeEmph(orDash(oneLine(b.Brief.Title))) + "** (" + string(b.Brief.Stage) + ")"
			if strings.TrimSpace(b.Framing) == "" {
				m.item(head+" — no framing yet", "")
				continue
			}
			m.item(head+" — framing:", b.Framing)
		}
		m.endList()
	}
	if strings.TrimSpace(p.NeedsToShow) != "" || strings.TrimSpace(p.ReceiveInfo) != "" {
		m.heading(3, "How to talk to them")
		if strings.TrimSpace(p.NeedsToShow) != "" {
			m.item("**Needs to show:**", p.NeedsToShow)
		}
		if strings.TrimSpace(p.ReceiveInfo) != "" {
			m.item("**Likes information:**", p.ReceiveInfo)
		}
		m.endList()
	}
	if len(pp.Touches) > 0 {
		m.heading(3, "Last touches")
		for _, t := range pp.Touches {
			m.item(t.On.String()+" "+string(t.Kind)+" —", t.Summary)
		}
		m.endList()
	}
	if len(pp.Conflicts) > 0 {
		m.heading(3, "Conflicts this year")
		for _, n := range pp.Conflicts {
			m.item(n.On.String()+" —", n.Text)
		}
		m.endList()
	}
}

func birthdayWhen(d, today model.Date) string {
	switch n := d.DaysSince(today); n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	default:
		return fmt.Sprintf("in %d days (%d %s)", n, d.Day(), d.Month().String()[:3])
	}
}

// PrepFileName is the file name a prep sheet is offered under:
// "prep-meridian-qbr-2026-11-25.md", dated by its meeting (else today).
func PrepFileName(p model.Prep, loc *time.Location) string {
	day := p.Today
	if m := p.Meeting; m != nil {
		day = m.Day(loc)
	}
	return "prep-" + BriefSlug(p.Title) + "-" + day.String() + ".md"
}
