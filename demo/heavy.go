package demo

import (
	"fmt"
	"strings"
	"time"

	"rapport/model"
)

// The heavy dataset is the large one plus the shapes real books have and a
// uniform book lacks: the champion of the biggest account with eight years
// of notes and touches, a global account with thousands of people, notes of
// a hundred kilobytes, a crowded Today, a first name shared by thousands and
// a brief written for fifty people. Every budget must hold on it too.
const (
	HeavyNotes       = 50000 // notes on HeavyPerson
	HeavyTouches     = 20000 // touches with HeavyPerson
	HeavyAccountSize = 10000 // people at HeavyAccount
	HeavyBossReports = 200   // people reporting directly to HeavyBoss
	LongNotes        = 100   // notes on LongNotesPerson, each about LongNoteBytes
	LongNoteBytes    = 100 << 10
	HeavyDueToday    = 5000 // open follow-ups due today
	HeavyOverdue     = 5000 // open follow-ups overdue
	SharedFirstCount = 2000 // people called SharedFirstName
	HeavyWhyBytes    = 200 << 10
	HeavyFramings    = 50
)

// The names the heavy shapes go by, for the benchmarks to find them.
const (
	HeavyAccount    = "Globus Worldwide Holdings" // 10,000 people, the highest priority score
	HeavyPerson     = "Wilhelmina Achterberg"     // its champion: 50,000 notes, 20,000 touches
	HeavyBoss       = "Maximilian Oberhauser"     // 200 direct reports
	LongNotesPerson = "Barnabas Quellenhof"       // 100 notes of 100 KB
	LongNotesWord   = "zeppelin"                  // a word only the long notes hold, near their end
	SharedFirstName = "Alexandra"                 // 2,000 people, at every account
	HeavyBrief      = "Global operating model"    // a 200 KB why and 50 framings
)

// heavy adds the heavy shapes to the large dataset g has made.
func (g *gen) heavy() {
	la := g.heavyAccount()
	g.heavyPeople(la)
	g.heavyChampion(la)
	g.longNotes(la)
	g.heavyBrief(la)
	g.crowdedToday()
	g.sharedFirstName()
}

func (g *gen) heavyAccount() *largeAccount {
	since := g.ago(3000)
	a := model.Account{
		UID: g.uid("account"), Name: HeavyAccount, Industry: "Conglomerate", Region: "Global", Countries: "DE, US, JP, BR, IN, ZA",
		Tier: model.TierKey, Currency: "EUR", Revenue: 250_000_000 * model.MinorPerMajor, Potential: 900_000_000 * model.MinorPerMajor,
		Outlook: model.OutlookRapid, Importance: 5, Replaceability: 5,
		Brand:     "Globus: one group, many markets; proud of its engineering.",
		Direction: "Consolidating suppliers worldwide; investing in the data platform migration.",
	}
	a.CreatedAt = g.stamp(since)
	a.UpdatedAt = g.later(a.CreatedAt, 30)
	g.ds.Accounts = append(g.ds.Accounts, a)
	return &largeAccount{acc: a, since: since, span: g.today.DaysSince(since)}
}

// heavyPeople staffs the global account: a board at the top, HeavyBoss
// with HeavyBossReports directors, and everyone else under a director or a
// member of the board; a few report to nobody.
func (g *gen) heavyPeople(la *largeAccount) {
	a := la.acc
	dom := domain(a.Name)
	add := func(name, title, unit, boss string) model.Person {
		added := la.since.AddDays(g.intn(la.span/2 + 1))
		p := model.Person{
			UID: g.uid("person"), AccountUID: a.UID, Name: name, Title: title, BusinessUnit: unit,
			Location: pick(g, cities) + " (CET)", Email: fmt.Sprintf("%s.%d@%s", emailLocal(name), len(la.people), dom),
			ReportsToUID: boss, Role: pick(g, roleWeights), Influence: g.between(1, 5), Strength: g.between(1, 5),
			PreferredChannel: pick(g, channels), ReceiveInfo: pick(g, receive), NeedsToShow: pick(g, needs),
		}
		if g.chance(0.5) {
			p.Birthday = model.Birthday{Month: time.Month(g.between(1, 12)), Day: g.between(1, 28)}
		}
		p.CreatedAt = g.stamp(added)
		p.UpdatedAt = g.later(p.CreatedAt, 300)
		la.people = append(la.people, p)
		la.firsts = append(la.firsts, firstName(name))
		la.unitsOf = append(la.unitsOf, unit)
		return p
	}
	name := func() string { return pick(g, firstNames) + " " + pick(g, lastNames) }
	ceo := add(name(), "Group Chief Executive", "Executive board", "")
	la.people[0].Role, la.people[0].Influence = model.RoleDecisionMaker, 5
	boss := add(HeavyBoss, "Group Chief Operating Officer", "Operations", ceo.UID)
	var board []model.Person
	for range 18 {
		unit := pick(g, units)
		board = append(board, add(name(), "Group Director of "+unit, unit, ceo.UID))
	}
	var directors []model.Person
	for range HeavyBossReports {
		unit := pick(g, units)
		directors = append(directors, add(name(), "Director, "+unit, unit, boss.UID))
	}
	for len(la.people) < HeavyAccountSize-1 { // HeavyPerson is the last one
		unit := pick(g, units)
		title := pick(g, []string{"Head of ", "Manager, ", "Lead, ", "Senior buyer, ", "Analyst, "}) + unit
		var to string
		switch n := g.intn(100); {
		case n < 2: // contractors and advisers nobody manages
		case n < 12:
			to = pick(g, board).UID
		default:
			to = pick(g, directors).UID
		}
		add(name(), title, unit, to)
	}
}

// heavyChampion is HeavyPerson: eight years of notes and touches.
func (g *gen) heavyChampion(la *largeAccount) {
	champion := model.Person{
		UID: g.uid("person"), AccountUID: la.acc.UID, Name: HeavyPerson, Title: "Vice President, Global Procurement",
		BusinessUnit: "Procurement", Location: "Rotterdam (CET)", Email: "wilhelmina.achterberg@globus-worldwide.example",
		ReportsToUID: la.people[0].UID, Role: model.RoleChampion, Influence: 5, Strength: 5, CadenceDays: 14,
		PreferredChannel: "phone", ReceiveInfo: "Numbers first, one page.", NeedsToShow: "Cost savings to the CFO.",
		AtClientSince: g.ago(4000), Birthday: model.Birthday{Month: 6, Day: 14},
		CareerHistory: "Before: account director at a logistics firm in Hamburg.",
	}
	champion.CreatedAt = g.stamp(g.ago(2920))
	champion.UpdatedAt = g.later(champion.CreatedAt, 30)
	la.people = append(la.people, champion)
	la.firsts = append(la.firsts, "Wilhelmina")
	la.unitsOf = append(la.unitsOf, "Procurement")
	g.ds.People = append(g.ds.People, la.people...)
	me := len(la.people) - 1

	for i := range HeavyNotes {
		kind := pick(g, noteKindWeights)
		on := g.ago(i * 2920 / HeavyNotes)
		n := model.Note{UID: g.uid("note"), AccountUID: la.acc.UID, PersonUID: champion.UID, Kind: kind, On: on,
			Text: g.fill(pick(g, noteTemplates[kind]), "Wilhelmina", "Procurement")}
		n.CreatedAt = g.stamp(on)
		n.UpdatedAt = n.CreatedAt
		if kind == model.NotePersonal && g.chance(0.25) {
			n.AskAfter = on.AddDays(g.between(3, 60))
			if n.AskAfter.Before(g.today) && (i > 40 || g.chance(0.5)) {
				n.AskedAt = g.later(at(n.AskAfter, 9*60), 20)
				n.UpdatedAt = n.AskedAt
			}
		}
		n.Pinned = i%2500 == 7 // a handful, old and new
		g.ds.Notes = append(g.ds.Notes, n)
	}
	for i := range HeavyTouches {
		kind := pick(g, touchKindWeights)
		on := g.ago(i * 2920 / HeavyTouches)
		t := model.Touch{UID: g.uid("touch"), AccountUID: la.acc.UID, Kind: kind, On: on,
			Summary: g.fill(pick(g, touchTemplates[kind]), "Wilhelmina", "Procurement"), PersonUIDs: []string{champion.UID}}
		for range g.intn(3) {
			if k := g.intn(me); !contains(t.PersonUIDs, la.people[k].UID) {
				t.PersonUIDs = append(t.PersonUIDs, la.people[k].UID)
			}
		}
		t.CreatedAt = g.stamp(on)
		t.UpdatedAt = t.CreatedAt
		g.ds.Touches = append(g.ds.Touches, t)
	}
	// The rest of the account: a note on every tenth person and touches
	// spread over them, as a global account accrues.
	for j := 0; j < me; j += 10 {
		kind := pick(g, noteKindWeights)
		on := g.ago(g.intn(1500))
		n := model.Note{UID: g.uid("note"), AccountUID: la.acc.UID, PersonUID: la.people[j].UID, Kind: kind, On: on,
			Text: g.fill(pick(g, noteTemplates[kind]), la.firsts[j], la.unitsOf[j])}
		n.CreatedAt = g.stamp(on)
		n.UpdatedAt = n.CreatedAt
		g.ds.Notes = append(g.ds.Notes, n)
	}
	for range 5000 {
		kind := pick(g, touchKindWeights)
		on := g.ago(g.intn(2900))
		j := g.intn(me)
		t := model.Touch{UID: g.uid("touch"), AccountUID: la.acc.UID, Kind: kind, On: on,
			Summary: g.fill(pick(g, touchTemplates[kind]), la.firsts[j], la.unitsOf[j]), PersonUIDs: []string{la.people[j].UID}}
		t.CreatedAt = g.stamp(on)
		t.UpdatedAt = t.CreatedAt
		g.ds.Touches = append(g.ds.Touches, t)
	}
}

// longNotes is LongNotesPerson at the global account, whose notes are
// meeting minutes pasted whole: LongNotes of about LongNoteBytes each, the
// newest of the account's notes, a few of them to ask about.
func (g *gen) longNotes(la *largeAccount) {
	p := model.Person{
		UID: g.uid("person"), AccountUID: la.acc.UID, Name: LongNotesPerson, Title: "Head of Programme Office",
		BusinessUnit: "Strategy", Location: "Basel (CET)", Email: "barnabas.quellenhof@globus-worldwide.example",
		ReportsToUID: la.people[20].UID, Role: model.RoleInfluencer, Influence: 4, Strength: 3,
	}
	p.CreatedAt = g.stamp(g.ago(400))
	p.UpdatedAt = p.CreatedAt
	g.ds.People = append(g.ds.People, p)
	for i := range LongNotes {
		kind := model.NoteBusiness
		if i%5 == 0 {
			kind = model.NotePersonal
		}
		on := g.ago(i)
		var b strings.Builder
		word := false
		for b.Len() < LongNoteBytes {
			if !word && b.Len() > LongNoteBytes*9/10 {
				b.WriteString("The " + LongNotesWord + " hangar in Friedrichshafen came up again as a venue. ")
				word = true
			}
			k := pick(g, []model.NoteKind{model.NoteBusiness, model.NoteInsight, model.NoteConflict})
			b.WriteString(g.fill(pick(g, noteTemplates[k]), "Barnabas", "Strategy"))
			if g.chance(0.15) {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		n := model.Note{UID: g.uid("note"), AccountUID: la.acc.UID, PersonUID: p.UID, Kind: kind, On: on,
			Text: fmt.Sprintf("Minutes %d. %s", LongNotes-i, strings.TrimSpace(b.String()))}
		if kind == model.NotePersonal && i < 30 {
			n.AskAfter = on.AddDays(1)
		}
		n.CreatedAt = g.stamp(on)
		n.UpdatedAt = n.CreatedAt
		g.ds.Notes = append(g.ds.Notes, n)
	}
}

// heavyBrief is HeavyBrief: a why of HeavyWhyBytes, written for
// HeavyFramings people of the global account, in the first stage long
// enough to have stalled, so it leads the Briefs list.
func (g *gen) heavyBrief(la *largeAccount) {
	since := g.ago(3000)
	b := model.Brief{UID: g.uid("brief"), AccountUID: la.acc.UID, Title: HeavyBrief,
		Who:  "The group board, with every regional operations lead.",
		What: "One operating model for procurement, logistics and service across every region.",
		When: "Design this year, roll-out region by region over three years.", ValueClient: "A single way of working and measurable savings.",
		ValueUs: "The group-wide framework agreement."}
	var why strings.Builder
	for why.Len() < HeavyWhyBytes {
		j := g.intn(len(la.people))
		why.WriteString(fmt.Sprintf("%s needs to show %s; ", la.firsts[j], pick(g, []string{"lower costs", "faster growth", "better service scores", "progress on climate targets"})))
		why.WriteString(g.fill(pick(g, noteTemplates[model.NoteBusiness]), la.firsts[j], la.unitsOf[j]))
		if g.chance(0.1) {
			why.WriteString("\n\n")
		} else {
			why.WriteByte(' ')
		}
	}
	b.Why = "The group " + strings.TrimSpace(why.String())
	b.CreatedAt = g.stamp(since)
	g.briefFlow(&b, model.StageUnderstand, b.CreatedAt)
	for k := range HeavyFramings {
		j := 2 + k*7
		b.People = append(b.People, model.BriefPerson{PersonUID: la.people[j].UID,
			Framing: fmt.Sprintf("For %s: lead with %s, then what it means for %s.", la.firsts[j],
				pick(g, []string{"the numbers", "the customer story", "the risk it removes", "the team's workload"}), la.unitsOf[j])})
	}
	g.ds.Briefs = append(g.ds.Briefs, b)
}

// crowdedToday adds HeavyDueToday open follow-ups due today and
// HeavyOverdue overdue ones, on people across the book.
func (g *gen) crowdedToday() {
	archived := map[string]bool{}
	for _, a := range g.ds.Accounts {
		archived[a.UID] = !a.ArchivedAt.IsZero()
	}
	people := g.ds.People
	for i := range HeavyDueToday + HeavyOverdue {
		p := pick(g, people)
		for !p.ArchivedAt.IsZero() || archived[p.AccountUID] {
			p = pick(g, people)
		}
		due := g.today
		if i >= HeavyDueToday {
			due = g.ago(g.between(1, 60))
		}
		f := model.FollowUp{UID: g.uid("follow-up"), Text: g.fill(pick(g, followUpTemplates), firstName(p.Name), p.BusinessUnit),
			Kind: model.KindFollowUp, DueOn: due, AccountUID: p.AccountUID, PersonUID: p.UID}
		if g.chance(0.2) {
			f.Kind = model.KindPromise
		}
		f.CreatedAt = g.stamp(due.AddDays(-g.between(1, 30)))
		f.UpdatedAt = f.CreatedAt
		g.ds.FollowUps = append(g.ds.FollowUps, f)
	}
}

// sharedFirstName adds SharedFirstCount people called SharedFirstName,
// two at each account of the large book.
func (g *gen) sharedFirstName() {
	accounts := g.ds.Accounts[:LargeAccounts*g.scale]
	for i := range SharedFirstCount {
		a := accounts[i%len(accounts)]
		name := SharedFirstName + " " + pick(g, lastNames)
		p := model.Person{UID: g.uid("person"), AccountUID: a.UID, Name: name, Title: "Manager, " + pick(g, units),
			Email: fmt.Sprintf("%s.%d@%s", emailLocal(name), i, domain(a.Name)), Role: pick(g, roleWeights)}
		p.CreatedAt = g.stamp(g.ago(g.between(30, 1500)))
		p.UpdatedAt = p.CreatedAt
		g.ds.People = append(g.ds.People, p)
	}
}
