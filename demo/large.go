package demo

import (
	"fmt"
	"math/rand/v2"
	"time"
	"unicode"
	"unicode/utf8"

	"rapport/model"
)

// The large dataset: exactly these many records of each kind (plus a health
// check per account per quarter), spread over ten years before today.
const (
	LargeAccounts  = 1000
	LargePeople    = 20000
	LargeNotes     = 200000
	LargeTouches   = 100000
	LargeBriefs    = 10000
	LargeFollowUps = 50000
)

// LargePerson is the one person of the large book whose name nobody else
// has (the chief executive of its first account).
const LargePerson = "Ottilie Brandvold"

const (
	peoplePerAccount    = LargePeople / LargeAccounts
	notesPerPerson      = LargeNotes / LargePeople
	touchesPerAccount   = LargeTouches / LargeAccounts
	briefsPerAccount    = LargeBriefs / LargeAccounts
	followUpsPerAccount = LargeFollowUps / LargeAccounts
)

// Name parts. 50 × 40 head–core pairs are all distinct, so the first 2,000
// accounts need no de-duplication; beyond that a city is added.
var (
	accountHeads = []string{"Aurora", "Baltic", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbour", "Iris", "Juniper",
		"Kestrel", "Lumen", "Meridian", "Nordic", "Orchid", "Pioneer", "Quartz", "Riverside", "Saffron", "Tidewater",
		"Umbra", "Vantage", "Willow", "Xenon", "Yarrow", "Zephyr", "Alpenglow", "Bergen", "Céleste", "Dünen",
		"Estrela", "Förde", "Gaïa", "Hélios", "Île", "Jökull", "Kœnig", "Lagoa", "Mistral", "Nørre",
		"Oriel", "Pampas", "Quinta", "Rhône", "Sierra", "Tundra", "Ursa", "Vista", "Wrexham", "Ystad"}
	accountCores = []string{"Energy", "Foods", "Logistics", "Health", "Retail", "Telecom", "Pharma", "Insurance", "Motors", "Textiles",
		"Hotels", "Airlines", "Chemicals", "Media", "Bank", "Water", "Robotics", "Cement", "Paper", "Software",
		"Brewing", "Fashion", "Mining", "Shipping", "Semiconductors", "Furniture", "Dairy", "Optics", "Games", "Seeds",
		"Cosmetics", "Rail", "Glass", "Steel", "Toys", "Outdoor", "Audio", "Bikes", "Clinics", "Coffee"}
	legalForms = []string{"AG", "plc", "SA", "GmbH", "AB", "Ltd", "Inc.", "ASA", "S.p.A.", "BV", "Oy", "A/S", "SL", "KK"}
	industries = map[string]string{"Energy": "Utilities", "Foods": "Consumer goods", "Logistics": "Logistics", "Health": "Healthcare",
		"Retail": "Retail", "Telecom": "Telecommunications", "Pharma": "Pharmaceuticals", "Insurance": "Insurance",
		"Motors": "Automotive", "Textiles": "Manufacturing", "Hotels": "Hospitality", "Airlines": "Travel",
		"Chemicals": "Chemicals", "Media": "Media", "Bank": "Financial services", "Water": "Utilities", "Robotics": "Industrial automation",
		"Cement": "Construction", "Paper": "Manufacturing", "Software": "Technology", "Brewing": "Beverages", "Fashion": "Retail",
		"Mining": "Mining", "Shipping": "Shipping", "Semiconductors": "Electronics", "Furniture": "Consumer goods", "Dairy": "Food",
		"Optics": "Medical devices", "Games": "Entertainment", "Seeds": "Agriculture", "Cosmetics": "Beauty", "Rail": "Transport",
		"Glass": "Manufacturing", "Steel": "Metals", "Toys": "Consumer goods", "Outdoor": "Retail", "Audio": "Electronics",
		"Bikes": "Consumer goods", "Clinics": "Healthcare", "Coffee": "Food"}
	regions = []struct{ region, countries, currency, tz string }{
		{"DACH", "DE, AT, CH", "EUR", "CET"}, {"Nordics", "SE, NO, DK, FI", "EUR", "CET"}, {"UK & Ireland", "GB, IE", "GBP", "GMT"},
		{"France & Benelux", "FR, BE, NL, LU", "EUR", "CET"}, {"Iberia", "ES, PT", "EUR", "CET"}, {"Italy", "IT", "EUR", "CET"},
		{"CEE", "PL, CZ, HU, SK", "EUR", "CET"}, {"North America", "US, CA", "USD", "EST"}, {"LATAM", "BR, MX, CO", "USD", "BRT"},
		{"APAC", "JP, SG, AU", "USD", "JST"}, {"Middle East", "AE, SA", "USD", "GST"},
	}
	cities = []string{"Hamburg", "Oslo", "Lyon", "Porto", "Kraków", "Göteborg", "Bilbao", "Zürich", "Dublin", "Turin", "Aarhus",
		"Montréal", "Utrecht", "Brno", "Seville", "Tampere", "Graz", "Leeds", "Bordeaux", "Malmö"}
	firstNames = []string{"Zoë", "José", "Ingrid", "Lena", "Tomás", "Amélie", "Søren", "Björn", "Chiara", "Mateusz", "Aoife", "Priya",
		"Kenji", "Marta", "Nikolai", "Élodie", "Jürgen", "Ana", "Olu", "Fatima", "Liam", "Sofía", "Rasmus", "Hana", "Mia",
		"Grégoire", "Ilse", "Dariusz", "Leilani", "Mariam", "Eamon", "Noor", "Benedikt", "Saanvi", "Malik", "Astrid", "Paulo",
		"Yuki", "Camille", "Henrik", "Ewa", "Rafael", "Signe", "Aurélien", "Nadia", "Oskar", "Beatriz", "Ravi", "Ingeborg", "Thiago"}
	lastNames = []string{"Müller", "Ødegaard", "García", "Novák", "Kowalski", "Łukasiewicz", "O'Brien", "Dubois", "Rossi", "Nakamura",
		"Haddad", "Lindqvist", "Fernández", "Šimić", "Öztürk", "Jansen", "Björk", "Costa", "Nguyen", "Patel", "Schäfer",
		"Andersen", "Moreau", "Kovačević", "Ribeiro", "Sato", "Walsh", "Bianchi", "Nieminen", "Horváth", "Brennan", "Mäkinen",
		"Duarte", "Laurent", "Kaya", "Eriksson", "Weiß", "Zielińska", "Castillo", "Okafor"}
	units  = []string{"Marketing", "Finance", "Operations", "IT", "Procurement", "Sales", "HR", "Legal", "Supply chain", "Customer service", "Strategy", "R&D"}
	topics = []string{"supply-chain visibility", "the loyalty programme", "the data platform migration", "the pricing study",
		"the customer-service chatbot", "sustainability reporting", "the brand refresh", "field-sales training",
		"demand forecasting", "warehouse automation", "the e-commerce relaunch", "the partner portal", "churn analytics",
		"the ERP upgrade", "the onboarding journey", "the trade-show programme", "packaging redesign", "the CRM clean-up",
		"predictive maintenance", "the employer-brand campaign"}
	hobbies  = []string{"sailing", "bouldering", "jazz piano", "sourdough baking", "trail running", "birdwatching", "chess", "cycling", "pottery", "padel"}
	pets     = []string{"Biscuit", "Nala", "Otto", "Pepper", "Luna", "Frida", "Mochi", "Bruno"}
	channels = []string{"email", "phone", "Teams", "meeting", "WhatsApp", "LinkedIn"}
	receive  = []string{"Numbers first, one page.", "A short email the day before, details in the meeting.", "Slides with a clear ask on slide one.",
		"Pre-read 48 hours ahead, no surprises in the room.", "Phone call, then a written summary.", "Dashboards, not decks."}
	needs = []string{"Cost savings to the CFO.", "Visible innovation for the board.", "A smooth roll-out with no service incidents.",
		"Growth in the new markets.", "Progress on the sustainability targets.", "That the team is fully booked with valuable work."}
	reasons = []string{"Budget moved to the ERP programme.", "A reorganisation put the sponsor in another role.",
		"The client chose to build it in-house.", "Priorities shifted after the merger.", "No owner on the client side."}
)

// The templates below take, by index: %[1]s first name, %[2]s topic as a
// noun phrase ("the pricing study", "churn analytics"), %[3]s city, %[4]s
// hobby, %[5]s pet's name, %[6]s month, %[7]s business unit, %[8]s topic
// without its article, to follow one of the template's own ("the %[8]s
// deadline", "our %[8]s lead"). Every template uses at least one of them:
// fmt appends "%!(EXTRA …)" to a template with no verb at all.
var noteTemplates = map[model.NoteKind][]string{
	model.NotePersonal: {
		"%[1]s is training for the %[3]s marathon in %[6]s.",
		"%[1]s's daughter starts university in %[3]s this autumn.",
		"%[1]s adopted a rescue dog called %[5]s.",
		"%[1]s is moving house to %[3]s; new commute by train.",
		"%[1]s is back from parental leave and sleeping very little.",
		"%[1]s took up %[4]s and talks about it with real joy.",
		"%[1]s's son graduated; the family went to %[3]s to celebrate.",
		"%[1]s is planning a month off in %[6]s to walk a long-distance trail.",
		"%[1]s's mother has been unwell; ask gently how she is doing.",
		"%[1]s is renovating an old farmhouse near %[3]s.",
	},
	model.NoteBusiness: {
		"Budget for %[2]s is frozen until %[6]s.",
		"%[1]s wants one point of contact for %[2]s.",
		"Procurement now wants three bids above 50k, %[2]s included.",
		"A new head of %[7]s starts in %[6]s; %[1]s will introduce us.",
		"Renewal talks for %[2]s start in %[6]s; %[1]s expects a price discussion.",
		"%[1]s asked for a reference customer for %[2]s before committing.",
		"%[7]s is consolidating suppliers; we are on the shortlist for %[2]s.",
	},
	model.NoteInsight: {
		"Shared our benchmark on %[2]s with %[1]s; it went to the board pack.",
		"Told %[1]s a competitor is piloting %[2]s in %[3]s.",
		"Sent %[1]s an article on %[2]s; they asked for an intro to the author.",
		"Flagged the new EU reporting rules to %[1]s; %[7]s had not seen them.",
	},
	model.NoteConflict: {
		"Invoice dispute over %[2]s: settled by splitting the overrun 50/50.",
		"We missed the %[8]s deadline; credited two days, %[1]s accepted.",
		"%[1]s escalated the %[8]s delays to our director; fixed with a weekly status call.",
	},
}

var touchTemplates = map[model.TouchKind][]string{
	model.TouchCall:        {"Catch-up call on %[2]s", "Call about %[2]s with %[1]s", "Quick call: next steps on %[2]s"},
	model.TouchMeeting:     {"Workshop on %[2]s", "Lunch with %[1]s in %[3]s", "Steering meeting: %[2]s"},
	model.TouchEmail:       {"Sent the %[8]s proposal", "Follow-up email on %[2]s", "Shared notes from the %[8]s workshop"},
	model.TouchMessage:     {"Message about %[2]s", "Congratulated %[1]s on the launch", "Checked in with %[1]s"},
	model.TouchQBR:         {"Quarterly business review with %[1]s", "QBR with %[7]s leadership"},
	model.TouchDeliverable: {"Delivered the %[8]s report", "Handed over the %[8]s playbook"},
}

var followUpTemplates = []string{
	"Send %[1]s the %[8]s summary", "Book the next review with %[7]s", "Check in with %[1]s on %[2]s",
	"Share the case study on %[2]s", "Prepare figures on %[2]s for %[1]s", "Introduce %[1]s to our %[8]s lead",
	"Confirm the workshop date in %[3]s", "Chase the signed order for %[2]s",
}

var touchKindWeights = []model.TouchKind{model.TouchEmail, model.TouchEmail, model.TouchEmail, model.TouchCall, model.TouchCall,
	model.TouchCall, model.TouchMeeting, model.TouchMeeting, model.TouchMessage, model.TouchMessage, model.TouchQBR, model.TouchDeliverable}

var noteKindWeights = []model.NoteKind{model.NotePersonal, model.NotePersonal, model.NotePersonal, model.NoteBusiness, model.NoteBusiness,
	model.NoteBusiness, model.NoteBusiness, model.NoteInsight, model.NoteInsight, model.NoteConflict}

var roleWeights = []model.Role{model.RoleUser, model.RoleUser, model.RoleInfluencer, model.RoleInfluencer, model.RoleInfluencer,
	model.RoleChampion, model.RoleGatekeeper, model.RoleEconomicBuyer, model.RoleBlocker, model.RoleDecisionMaker}

// fill formats a template with a person's first name and the context.
func (g *gen) fill(format, first, unit string) string {
	topic := pick(g, topics)
	return fmt.Sprintf(format, first, topic, pick(g, cities), pick(g, hobbies), pick(g, pets),
		time.Month(g.between(1, 12)).String(), unit, trimThe(topic))
}

type largeAccount struct {
	acc     model.Account
	since   model.Date // the day it was added
	people  []model.Person
	firsts  []string
	briefs  []string
	span    int // days from since to today
	unitsOf []string
}

func (g *gen) large() {
	ds := &g.ds
	k := max(1, g.scale)
	ds.Accounts = make([]model.Account, 0, k*LargeAccounts)
	ds.People = make([]model.Person, 0, k*LargePeople)
	ds.Notes = make([]model.Note, 0, k*LargeNotes)
	ds.Touches = make([]model.Touch, 0, k*LargeTouches)
	ds.Briefs = make([]model.Brief, 0, k*LargeBriefs)
	ds.FollowUps = make([]model.FollowUp, 0, k*LargeFollowUps)
	var week []*largeAccount // the accounts of the week's meetings
	for i := range k * LargeAccounts {
		la := g.largeAccount(i)
		g.largePeople(la)
		g.largeNotes(la)
		g.largeTouches(la)
		g.largeHealth(la)
		g.largeBriefs(la)
		g.largeFollowUps(la)
		if len(week) < 40 && la.acc.ArchivedAt.IsZero() {
			week = append(week, la)
		}
	}
	g.largeMeetingWeek(week)
}

func (g *gen) largeAccount(i int) *largeAccount {
	core := accountCores[i/len(accountHeads)%len(accountCores)]
	name := fmt.Sprintf("%s %s %s", accountHeads[i%len(accountHeads)], core, legalForms[(i*7+i/len(accountHeads))%len(legalForms)])
	if round := i / (len(accountHeads) * len(accountCores)); round > 0 {
		// Past every head × core pair, a city keeps the name unique.
		name = fmt.Sprintf("%s %s %s %s", accountHeads[i%len(accountHeads)], core, cities[(round-1)%len(cities)], legalForms[(i*7+i/len(accountHeads))%len(legalForms)])
	}
	r := regions[g.intn(len(regions))]
	since := g.ago(g.between(365, 3650))
	// Revenue follows a power law: a few accounts carry most of it.
	rev := model.Money(30_000 / max(0.0004, g.rnd.Float64()) * model.MinorPerMajor)
	rev = min(rev, model.Money(250_000_000*model.MinorPerMajor))
	rev = rev / (1000 * model.MinorPerMajor) * (1000 * model.MinorPerMajor) // whole thousands, as people enter them
	tier := model.TierMaintain
	switch m := rev.Major(); {
	case m >= 5_000_000:
		tier = model.TierKey
	case m >= 1_000_000:
		tier = model.TierStrategic
	case m >= 150_000 || g.chance(0.3):
		tier = model.TierGrowth
	}
	a := model.Account{
		UID: g.uid("account"), Name: name, Industry: industries[core], Region: r.region, Countries: r.countries,
		Tier: tier, Currency: r.currency, Revenue: rev,
		Potential: rev + model.Money(float64(rev)*g.rnd.Float64()*3)/(1000*model.MinorPerMajor)*(1000*model.MinorPerMajor),
		Outlook:   pick(g, model.Outlooks), Importance: g.between(1, 5), Replaceability: g.between(1, 5),
		Brand:     fmt.Sprintf("%s: dependable, %s, proud of its roots in %s.", name, pick(g, []string{"innovative", "frugal", "premium", "family-run", "fast-moving"}), pick(g, cities)),
		Direction: fmt.Sprintf("Growing %s; investing in %s over the next three years.", pick(g, []string{"online", "in new markets", "through acquisitions", "its service business"}), pick(g, topics)),
	}
	a.CreatedAt = g.stamp(since)
	a.UpdatedAt = g.later(a.CreatedAt, 400)
	if g.chance(0.03) {
		a.ArchivedAt = g.later(a.UpdatedAt, 200)
		a.UpdatedAt = a.ArchivedAt
	}
	g.ds.Accounts = append(g.ds.Accounts, a)
	return &largeAccount{acc: a, since: since, span: g.today.DaysSince(since)}
}

func (g *gen) largePeople(la *largeAccount) {
	a := la.acc
	dom := domain(a.Name)
	tz := "CET"
	for _, r := range regions {
		if r.region == a.Region {
			tz = r.tz
		}
	}
	for j := range peoplePerAccount {
		first, last := pick(g, firstNames), pick(g, lastNames)
		name := first + " " + last
		if len(g.ds.People) == 0 && j == 0 {
			// Every generated name is shared by about ten people; the
			// first person of the book has one of their own, so `who`
			// can be timed on one dossier.
			name, first = LargePerson, firstName(LargePerson)
		}
		unit := pick(g, units)
		var title, boss string
		switch {
		case j == 0:
			title, unit = pick(g, []string{"Chief Executive Officer", "Managing Director", "Chief Operating Officer"}), "Executive board"
		case j <= 4:
			title = pick(g, []string{"VP ", "Director of ", "Chief "}) + unit
			if title == "Chief "+unit {
				title = "Director of " + unit
			}
			boss = la.people[0].UID
		default:
			title = pick(g, []string{"Head of ", "Manager, ", "Lead, ", "Senior buyer, "}) + unit
			boss = la.people[1+(j-5)%4].UID
		}
		added := la.since.AddDays(g.intn(la.span/2 + 1))
		p := model.Person{
			UID: g.uid("person"), AccountUID: a.UID, Name: name, Title: title, BusinessUnit: unit,
			Location: fmt.Sprintf("%s (%s)", pick(g, cities), tz), Email: fmt.Sprintf("%s@%s", emailLocal(name), dom),
			Phone: fmt.Sprintf("+%d %d %07d", g.between(30, 49), g.between(10, 99), g.intn(10_000_000)), ReportsToUID: boss,
			Role: pick(g, roleWeights), Influence: g.between(1, 5), Strength: g.between(1, 5),
			AtClientSince: added.AddDays(-g.between(30, 5000)), PreferredChannel: pick(g, channels),
			ReceiveInfo: pick(g, receive), NeedsToShow: pick(g, needs),
			CareerHistory: fmt.Sprintf("Before: %s at a %s firm in %s.", pick(g, []string{"consultant", "analyst", "account director", "plant manager", "product owner"}),
				industries[pick(g, accountCores)], pick(g, cities)),
		}
		if j == 0 {
			p.Role, p.Influence = model.RoleDecisionMaker, 5
		}
		if g.chance(0.4) {
			p.CadenceDays = pick(g, []int{14, 21, 30, 45, 60, 90})
		}
		if g.chance(0.7) {
			p.Birthday = model.Birthday{Month: time.Month(g.between(1, 12)), Day: g.between(1, 28)}
			if g.chance(0.5) {
				p.Birthday.Year = g.between(1960, 1998)
			}
		}
		p.CreatedAt = g.stamp(added)
		p.UpdatedAt = g.later(p.CreatedAt, 300)
		if j > 4 && g.chance(0.03) {
			p.ArchivedAt = g.later(p.UpdatedAt, 300)
			p.UpdatedAt = p.ArchivedAt
		}
		la.people = append(la.people, p)
		la.firsts = append(la.firsts, first)
		la.unitsOf = append(la.unitsOf, unit)
	}
	g.largeStances(la)
	g.ds.People = append(g.ds.People, la.people...)
}

// ourSide are the people on our side who hold relationships besides the
// account manager: an executive sponsor for the deciders, delivery and
// solutions people for the rest.
var ourSide = []string{"Sam Reyes (our CEO)", "Priya Nair (delivery lead)", "Tom Becker (solutions)", "Lena Vogt (partner team)"}

// largeStances gives an account's people a stance, an owner on our side
// and informal influence, as a real book has them: champions mostly
// support us and blockers oppose, deciders we are weak with are often
// sceptical, a good share of the rest are not assessed yet; deciders are
// often held by our sponsor; about one influential person in three sways
// a peer or two outside their line. It draws on a generator of its own,
// seeded by the account, so the rest of the book is what it was.
func (g *gen) largeStances(la *largeAccount) {
	r := rand.New(rand.NewPCG(uint64(g.seed), uint64(len(g.ds.Accounts))<<8|0x57))
	chance := func(p float64) bool { return r.Float64() < p }
	weighted := func(ws ...float64) model.Stance { // supporter, neutral, sceptic, opponent; the rest not assessed
		x := r.Float64()
		for i, w := range ws {
			if x < w {
				return model.Stances[i]
			}
			x -= w
		}
		return ""
	}
	for j := range la.people {
		p := &la.people[j]
		switch p.Role {
		case model.RoleChampion:
			p.Stance = weighted(0.85, 0.15)
		case model.RoleBlocker:
			p.Stance = weighted(0, 0, 0.4, 0.6)
		case model.RoleDecisionMaker, model.RoleEconomicBuyer:
			if p.Strength <= model.WeakStrength {
				p.Stance = weighted(0, 0.3, 0.5)
			} else {
				p.Stance = weighted(0.4, 0.45)
			}
			if chance(0.3) {
				p.Owner = ourSide[0]
			}
		default:
			p.Stance = weighted(0.2, 0.35, 0.12, 0.03)
		}
		if p.Owner == "" && chance(0.2) {
			p.Owner = ourSide[1+r.IntN(len(ourSide)-1)]
		}
	}
	for j := range la.people {
		p := &la.people[j]
		if p.Influence < 3 || !p.ArchivedAt.IsZero() || !chance(0.35) {
			continue
		}
		for range 1 + r.IntN(3) {
			k := r.IntN(len(la.people))
			o := la.people[k]
			if k == j || !o.ArchivedAt.IsZero() || o.ReportsToUID == p.UID || p.ReportsToUID == o.UID || contains(p.InfluencesUIDs, o.UID) {
				continue
			}
			p.InfluencesUIDs = append(p.InfluencesUIDs, o.UID)
		}
	}
}

func (g *gen) largeNotes(la *largeAccount) {
	for j, p := range la.people {
		from := model.DateOf(p.CreatedAt)
		days := g.today.DaysSince(from)
		for range notesPerPerson {
			kind := pick(g, noteKindWeights)
			on := from.AddDays(g.intn(days + 1))
			n := model.Note{UID: g.uid("note"), AccountUID: la.acc.UID, PersonUID: p.UID, Kind: kind, On: on,
				Text: g.fill(pick(g, noteTemplates[kind]), la.firsts[j], la.unitsOf[j])}
			if g.chance(0.1) {
				n.AccountUID, n.PersonUID = la.acc.UID, "" // about the account as a whole
			}
			n.CreatedAt = g.stamp(on)
			n.UpdatedAt = n.CreatedAt
			if kind == model.NotePersonal && g.chance(0.25) {
				n.AskAfter = on.AddDays(g.between(3, 60))
				if !n.AskAfter.After(g.today.AddDays(-10)) || g.chance(0.2) {
					if n.AskAfter.Before(g.today) && g.chance(0.97) {
						n.AskedAt = g.later(at(n.AskAfter, 9*60), 20)
						n.UpdatedAt = n.AskedAt
					}
				}
			}
			n.Pinned = g.chance(0.02)
			g.ds.Notes = append(g.ds.Notes, n)
		}
	}
}

func (g *gen) largeTouches(la *largeAccount) {
	for range touchesPerAccount {
		kind := pick(g, touchKindWeights)
		on := la.since.AddDays(g.intn(la.span + 1))
		j := g.intn(len(la.people))
		t := model.Touch{UID: g.uid("touch"), AccountUID: la.acc.UID, Kind: kind, On: on,
			Summary: g.fill(pick(g, touchTemplates[kind]), la.firsts[j], la.unitsOf[j]), PersonUIDs: []string{la.people[j].UID}}
		for range g.intn(3) {
			if k := g.intn(len(la.people)); k != j && !contains(t.PersonUIDs, la.people[k].UID) {
				t.PersonUIDs = append(t.PersonUIDs, la.people[k].UID)
			}
		}
		if g.chance(0.3) {
			t.Text = fmt.Sprintf("Agreed next steps on %s. %s owns the follow-up on their side.", pick(g, topics), la.firsts[j])
		}
		t.CreatedAt = g.stamp(on)
		t.UpdatedAt = t.CreatedAt
		g.ds.Touches = append(g.ds.Touches, t)
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (g *gen) largeHealth(la *largeAccount) {
	sat := g.between(6, 9)
	rev := la.acc.Revenue
	for d := quarterEnd(la.since); !d.After(g.today); d = quarterEnd(d.AddDays(1)) {
		sat = min(10, max(2, sat+g.between(-1, 1)))
		rev = rev + model.Money(float64(rev)*(g.rnd.Float64()-0.45)*0.1)
		h := model.HealthCheck{UID: g.uid("health"), AccountUID: la.acc.UID, On: d, Satisfaction: &[]int{sat}[0]}
		if g.chance(0.8) {
			h.Revenue = &[]model.Money{rev / (1000 * model.MinorPerMajor) * (1000 * model.MinorPerMajor)}[0]
		}
		h.CreatedAt = g.stamp(d.AddDays(g.between(0, 5)))
		h.UpdatedAt = h.CreatedAt
		g.ds.Health = append(g.ds.Health, h)
	}
}

// quarterEnd returns the last day of d's quarter.
func quarterEnd(d model.Date) model.Date {
	m := (int(d.Month())-1)/3*3 + 3
	return model.NewDate(d.Year(), time.Month(m), 1).EndOfMonth()
}

var largeStages = []model.Stage{model.StageDone, model.StageDone, model.StageDone, model.StageDropped, model.StageDropped,
	model.StageUnderstand, model.StageDetermine, model.StageCreate, model.StageChecks, model.StageActivate}

func (g *gen) largeBriefs(la *largeAccount) {
	for range briefsPerAccount {
		j := g.intn(len(la.people))
		topic := pick(g, topics)
		stage := pick(g, largeStages)
		b := model.Brief{
			UID: g.uid("brief"), AccountUID: la.acc.UID,
			Title: fmt.Sprintf("%s %s", capitalise(topic), pick(g, []string{"pilot", "roll-out", "for " + la.unitsOf[j], "in " + pick(g, cities), "phase 2"})),
			Who:   fmt.Sprintf("%s as sponsor, with the %s team and our delivery lead.", la.people[j].Name, la.unitsOf[j]),
			What:  fmt.Sprintf("A focused programme on %s, starting with one business unit and a clear success measure.", topic),
			Where: fmt.Sprintf("%s, %s, delivered through %s.", la.unitsOf[j], la.acc.Region, pick(g, channels)),
			When:  fmt.Sprintf("Kick-off in %s, first results within one quarter.", time.Month(g.between(1, 12))),
			Why: fmt.Sprintf("%s needs to show %s; this makes it measurable within a year and keeps us central to their plans.",
				la.firsts[j], pick(g, []string{"lower costs", "faster growth", "better service scores", "progress on climate targets"})),
			ValueClient: "Measurable savings and a story for the board.", ValueUs: "Expansion into a new unit and a strong reference.",
		}
		created := la.since.AddDays(g.intn(max(1, la.span-20)))
		b.CreatedAt = g.stamp(created)
		var since time.Time
		if stage.Open() {
			limit := model.StalledAfter(stage)
			since = g.stamp(g.ago(g.between(1, limit*3/2)))
			if since.Before(b.CreatedAt) {
				since = b.CreatedAt
			}
		} else {
			since = g.later(b.CreatedAt, max(1, g.today.DaysSince(created)))
		}
		g.briefFlow(&b, stage, since)
		if g.chance(0.5) {
			b.TargetOn = model.DateOf(b.StageSince).AddDays(g.between(30, 200))
		}
		for _, k := range g.perm(len(la.people))[:g.between(1, 3)] {
			bp := model.BriefPerson{PersonUID: la.people[k].UID,
				Framing: fmt.Sprintf("For %s: lead with %s.", la.firsts[k], pick(g, []string{"the numbers", "the customer story", "the risk it removes", "the team's workload"}))}
			// Three in four have an opening; chosen without the generator,
			// so the rest of the book is what it was.
			if (len(g.ds.Briefs)+k)%4 != 0 {
				bp.Opening = fmt.Sprintf("%s, thank you for our conversations about %s. This sets out how we would start with the %s team, what you would see in the first quarter and what we need from you to begin.",
					la.firsts[k], topic, la.unitsOf[k])
			}
			b.People = append(b.People, bp)
		}
		g.ds.Briefs = append(g.ds.Briefs, b)
		la.briefs = append(la.briefs, b.UID)
	}
}

func (g *gen) perm(n int) []int { return g.rnd.Perm(n) }

// briefFlow sets a brief's stage, its history (moves spread between its
// creation and since) and its checks as the stage implies.
func (g *gen) briefFlow(b *model.Brief, stage model.Stage, since time.Time) {
	path := []model.Stage{model.StageUnderstand}
	final := stage
	if stage == model.StageDropped {
		final = model.Stages[g.intn(model.StageActivate.Index()+1)]
	}
	for s := model.StageUnderstand; s != final; {
		s = s.Next()
		path = append(path, s)
	}
	if stage == model.StageDropped {
		path = append(path, model.StageDropped)
	}
	span := since.Sub(b.CreatedAt)
	b.History = nil
	for i, s := range path {
		h := model.StageChange{To: s, At: b.CreatedAt}
		if i > 0 {
			h.From = path[i-1]
			h.At = b.CreatedAt.Add(span * time.Duration(i) / time.Duration(len(path)-1)).Truncate(time.Millisecond)
		}
		if s == model.StageDropped {
			h.Note = pick(g, reasons)
		}
		b.History = append(b.History, h)
	}
	b.Stage, b.StageSince = stage, b.History[len(b.History)-1].At
	b.UpdatedAt = b.StageSince
	b.Checks = model.DefaultChecks()
	if final.Index() >= model.StageChecks.Index() {
		signed := len(b.Checks)
		if final == model.StageChecks {
			signed = g.intn(len(b.Checks))
		}
		for i := range signed {
			c := &b.Checks[i]
			c.On = model.DateOf(b.StageSince)
			if c.Kind == model.CheckTranslation && g.chance(0.5) {
				c.State = model.CheckNotNeeded
			} else {
				c.State, c.By = model.CheckSigned, pick(g, signers[c.Kind])
			}
		}
	}
}

// signers are who signs each kind of check.
var signers = map[model.CheckKind][]string{
	model.CheckBrand:       {"Brand team", "Marketing (brand)", "Brand manager", "Head of marketing"},
	model.CheckStrategy:    {"Strategy office", "Leadership team", "Head of strategy", "Strategy director"},
	model.CheckLegal:       {"Legal (contracts)", "Legal counsel", "Legal team", "Legal (compliance)"},
	model.CheckTranslation: {"Localisation desk", "Translation team", "Localisation lead", "Localisation agency"},
}

func (g *gen) largeFollowUps(la *largeAccount) {
	for range followUpsPerAccount {
		j := g.intn(len(la.people))
		due := la.since.AddDays(g.intn(la.span + 121))
		f := model.FollowUp{UID: g.uid("follow-up"), Text: g.fill(pick(g, followUpTemplates), la.firsts[j], la.unitsOf[j]),
			Kind: model.KindFollowUp, DueOn: due, AccountUID: la.acc.UID}
		if g.chance(0.2) {
			f.Kind = model.KindPromise
		}
		if g.chance(0.7) {
			f.PersonUID = la.people[j].UID
		}
		if g.chance(0.2) {
			f.BriefUID = pick(g, la.briefs)
		}
		if g.chance(0.1) {
			f.DueTime = fmt.Sprintf("%02d:%02d", g.between(8, 17), pick(g, []int{0, 15, 30, 45}))
		}
		if g.chance(0.08) {
			f.Recur = pick(g, []model.Recurrence{{Unit: model.RecurWeek, Every: 1}, {Unit: model.RecurMonth, Every: 1},
				{Unit: model.RecurMonth, Every: 3}, {Unit: model.RecurWeek, Every: 2}, {Unit: model.RecurYear, Every: 1}})
			f.FromCompletion = g.chance(0.4)
		}
		created := due.AddDays(-g.between(1, 60))
		if created.Before(la.since) {
			created = la.since
		}
		f.CreatedAt = g.stamp(created)
		f.UpdatedAt = f.CreatedAt
		switch {
		case due.Before(g.ago(21)) && g.chance(0.97), due.Before(g.today) && g.chance(0.6):
			f.DoneAt = g.later(at(due, 8*60), 4)
			f.UpdatedAt = f.DoneAt
		case !due.After(g.today) && g.chance(0.15):
			f.SnoozedUntil = g.today.AddDays(g.between(1, 10))
			f.UpdatedAt = g.stamp(g.today)
		}
		if f.UpdatedAt.Before(f.CreatedAt) {
			f.UpdatedAt = f.CreatedAt
		}
		g.ds.FollowUps = append(g.ds.FollowUps, f)
	}
}

// capitalise drops a leading "the" and upper-cases the first letter:
// "the ERP upgrade" → "ERP upgrade", "churn analytics" → "Churn analytics".
func capitalise(s string) string {
	s = trimThe(s)
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func trimThe(s string) string {
	if len(s) > 4 && s[:4] == "the " {
		return s[4:]
	}
	return s
}
