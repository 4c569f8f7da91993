package demo

import (
	"fmt"

	"rapport/model"
)

// The small dataset: eight accounts with five people each, written by hand
// so that exploring rapport feels like opening a real book of business,
// and filled out with template notes and touches so the timelines have
// depth. Dates are set relative to today so that every section of Today
// has something in it, and the coverage of a few accounts is thin in each
// way rapport map looks for: deciders we are weak with (Nordlicht,
// Halcyon), an opponent left alone (Castellan), a key person who left
// (Meridian's CFO, Oakhurst's champion), and Oakhurst, where only the
// general manager still hears from us.

type smallAccount struct {
	name, industry, region, countries, currency string
	tier                                        model.Tier
	revenue, potential                          float64 // major units
	outlook                                     model.Outlook
	importance, replaceability                  int
	brand, direction                            string
	people                                      []smallPerson
}

type smallPerson struct {
	name, title, unit, location string
	role                        model.Role
	influence, strength         int
	channel, receive, needs     string
	career                      string
	boss                        int // index of the person they report to, -1 for none
	cadence                     int // 0: the tier's default
	lastTouch                   int // days ago of their newest touch; 0: none logged
	birthdayIn                  int // birthday this many days from today; 0: a fixed date
	left                        int // left the client this many days ago (archived); 0: still there
	personal                    []smallNote
}

// smallNote is a hand-written note: askIn is days from today of its
// ask-after date (negative: already come); 0 for none.
type smallNote struct {
	text  string
	ago   int
	askIn int
}

var smallAccounts = []smallAccount{
	{
		name: "Nordlicht Energie AG", industry: "Utilities", region: "DACH", countries: "DE, AT, CH", currency: "EUR",
		tier: model.TierKey, revenue: 4_200_000, potential: 7_500_000, outlook: model.OutlookGrowing, importance: 5, replaceability: 4,
		brand:     "Reliable, engineering-led, quietly proud of its regional roots; moving to a greener, more digital image.",
		direction: "Doubling renewable capacity by 2030 and turning the customer app into the main service channel.",
		people: []smallPerson{
			{name: "Dana Okafor", title: "Chief Marketing Officer", unit: "Marketing", location: "Hamburg (CET)", role: model.RoleDecisionMaker,
				influence: 5, strength: 4, channel: "meeting", receive: "Numbers first, one page.", needs: "That the brand refresh moves the consideration score before the board review.",
				career: "Ten years at a consumer-goods group; joined Nordlicht to lead its brand change.", boss: -1, lastTouch: 9, birthdayIn: 6,
				personal: []smallNote{
					{text: "Dana ran the Hamburg half marathon on Sunday — first one, aiming for under two hours.", ago: 12, askIn: -2},
					{text: "Her son Theo starts at university in Delft this autumn; she is proud and a little sad.", ago: 40},
				}},
			{name: "Zoë Lindqvist", title: "Head of Digital", unit: "Digital", location: "Hamburg (CET)", role: model.RoleChampion,
				influence: 4, strength: 5, channel: "Teams", receive: "A short message first, details in a call.", needs: "App adoption figures she can take to the executive team.",
				career: "Came from a Stockholm fintech; built the customer app team from three to twenty.", boss: 0, lastTouch: 20,
				personal: []smallNote{
					{text: "Zoë is learning to sail; took her first solo trip on the Alster.", ago: 25},
					{text: "Moving flat in two weeks — ask how the move went.", ago: 15, askIn: -1},
				}},
			{name: "Jürgen Weiß", title: "Head of Procurement", unit: "Procurement", location: "Hanover (CET)", role: model.RoleGatekeeper,
				influence: 3, strength: 2, channel: "email", receive: "Formal email with the figures attached, no surprises.", needs: "Savings against last year's rates.",
				career: "Twenty years in procurement at Nordlicht; knows every supplier contract.", boss: 0, lastTouch: 10},
			{name: "Amélie Dubois", title: "Brand Manager", unit: "Marketing", location: "Hamburg (CET)", role: model.RoleUser,
				influence: 2, strength: 4, channel: "WhatsApp", receive: "Visual examples rather than long text.", needs: "Campaigns she can show as her own.",
				career: "Agency side before, at a Paris design studio.", boss: 0, lastTouch: 5},
			{name: "Henrik Sørensen", title: "Chief Financial Officer", unit: "Finance", location: "Hamburg (CET)", role: model.RoleEconomicBuyer,
				influence: 5, strength: 2, channel: "meeting", receive: "Pre-read 48 hours ahead; ten minutes on the business case.", needs: "Payback within 18 months.",
				career: "Former auditor; joined from a Danish shipping group two years ago.", boss: -1, lastTouch: 12},
		},
	},
	{
		name: "Halcyon Foods plc", industry: "Consumer goods", region: "UK & Ireland", countries: "GB, IE", currency: "GBP",
		tier: model.TierKey, revenue: 3_100_000, potential: 4_000_000, outlook: model.OutlookFlat, importance: 5, replaceability: 3,
		brand:     "Family heritage brand, warm and British; under pressure from private labels.",
		direction: "Premium ranges and direct-to-consumer subscriptions while cutting costs in the core range.",
		people: []smallPerson{
			{name: "Fiona Brennan", title: "Managing Director", unit: "Executive board", location: "Leeds (GMT)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "phone", receive: "A phone call, then a written summary.", needs: "Growth in the premium range to show the family shareholders.",
				career: "Grew up in the business; ran the Irish subsidiary before becoming MD.", boss: -1, lastTouch: 33, birthdayIn: 11,
				personal: []smallNote{{text: "Fiona's daughter is getting married in Galway next spring.", ago: 50}}},
			{name: "Eamon Walsh", title: "Director of Supply Chain", unit: "Supply chain", location: "Dublin (GMT)", role: model.RoleInfluencer,
				influence: 4, strength: 4, channel: "phone", receive: "Straight talk on the phone.", needs: "No stock-outs during the Christmas peak.",
				career: "Ex-army logistics officer.", boss: 0, lastTouch: 8,
				personal: []smallNote{{text: "Eamon's back surgery is scheduled for next week; wish him well.", ago: 6, askIn: 3}}},
			{name: "Priya Patel", title: "Head of E-commerce", unit: "Digital", location: "London (GMT)", role: model.RoleChampion,
				influence: 4, strength: 5, channel: "Teams", receive: "Dashboards, not decks.", needs: "Subscription growth month on month.",
				career: "Built the online shop at a fashion retailer.", boss: 0, lastTouch: 3},
			{name: "Liam O'Brien", title: "Finance Business Partner", unit: "Finance", location: "Leeds (GMT)", role: model.RoleEconomicBuyer,
				influence: 3, strength: 2, channel: "email", receive: "Spreadsheet with assumptions visible.", needs: "Cost savings to the CFO.",
				career: "Joined as a graduate eight years ago.", boss: 0, lastTouch: 11},
			{name: "Noor Haddad", title: "Category Manager", unit: "Sales", location: "London (GMT)", role: model.RoleUser,
				influence: 2, strength: 3, channel: "email", receive: "Short email the day before.", needs: "Listings won with the big grocers.",
				career: "Previously a buyer at a supermarket chain.", boss: 2, lastTouch: 4},
		},
	},
	{
		name: "Castellan Logistics SA", industry: "Logistics", region: "Iberia", countries: "ES, PT", currency: "EUR",
		tier: model.TierStrategic, revenue: 1_400_000, potential: 3_800_000, outlook: model.OutlookRapid, importance: 4, replaceability: 4,
		brand:     "Fast, no-nonsense, proud of on-time delivery.",
		direction: "Expanding cold-chain services into France and Morocco.",
		people: []smallPerson{
			{name: "José Fernández", title: "Chief Operating Officer", unit: "Operations", location: "Bilbao (CET)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "meeting", receive: "Over lunch, then one slide.", needs: "On-time delivery above 98% in the new routes.",
				career: "Started as a truck dispatcher thirty years ago.", boss: -1, lastTouch: 28,
				personal: []smallNote{{text: "José is a serious Athletic Bilbao fan; season ticket since 1990.", ago: 120}}},
			{name: "Beatriz Costa", title: "Head of Cold Chain", unit: "Operations", location: "Porto (WET)", role: model.RoleChampion,
				influence: 4, strength: 4, channel: "WhatsApp", receive: "Voice notes are fine; decisions in writing.", needs: "A successful Morocco launch.",
				career: "Ran pharma logistics at a multinational.", boss: 0, lastTouch: 12},
			{name: "Sofía Castillo", title: "Procurement Lead", unit: "Procurement", location: "Madrid (CET)", role: model.RoleGatekeeper,
				influence: 3, strength: 3, channel: "email", receive: "Three quotes, side by side.", needs: "Framework contracts that pass audit.",
				career: "Joined from a construction group.", boss: 0, lastTouch: 25},
			{name: "Rafael Duarte", title: "IT Director", unit: "IT", location: "Lisbon (WET)", role: model.RoleBlocker,
				influence: 4, strength: 1, channel: "email", receive: "Architecture diagrams before any meeting.", needs: "Nothing that adds to his team's workload.",
				career: "Built the in-house tracking platform and is protective of it.", boss: 0, lastTouch: 150},
			{name: "Thiago Ribeiro", title: "Route Planner", unit: "Operations", location: "Porto (WET)", role: model.RoleUser,
				influence: 2, strength: 4, channel: "WhatsApp", receive: "Quick messages.", needs: "Tools that save him evenings.",
				career: "Three years at Castellan.", boss: 1, lastTouch: 18},
		},
	},
	{
		name: "Meridian Health Group", industry: "Healthcare", region: "Nordics", countries: "SE, NO, DK, FI", currency: "EUR",
		tier: model.TierStrategic, revenue: 1_900_000, potential: 2_600_000, outlook: model.OutlookGrowing, importance: 4, replaceability: 3,
		brand:     "Caring, evidence-based, calm; patients first.",
		direction: "Opening twelve clinics and moving booking fully online.",
		people: []smallPerson{
			{name: "Ingrid Ødegaard", title: "Chief Executive Officer", unit: "Executive board", location: "Oslo (CET)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "meeting", receive: "Pre-read 48 hours ahead, no surprises in the room.", needs: "Patient satisfaction up while costs stay flat.",
				career: "Physician by training; ran a hospital in Bergen.", boss: -1, lastTouch: 45, birthdayIn: 2},
			{name: "Rasmus Andersen", title: "VP Patient Experience", unit: "Operations", location: "Copenhagen (CET)", role: model.RoleChampion,
				influence: 4, strength: 5, channel: "phone", receive: "Patient stories, then the figures.", needs: "Online bookings above 70%.",
				career: "Came from a Danish airline's customer service.", boss: 0, lastTouch: 4,
				personal: []smallNote{{text: "Rasmus became a father — a daughter, Signe. Send something small.", ago: 9, askIn: -3}}},
			{name: "Aino Nieminen", title: "Head of Data", unit: "IT", location: "Tampere (EET)", role: model.RoleInfluencer,
				influence: 3, strength: 3, channel: "Teams", receive: "Data first, every claim sourced.", needs: "A clean data model she can defend to regulators.",
				career: "PhD in statistics; joined from a Finnish insurer.", boss: 0, lastTouch: 22},
			{name: "Björn Eriksson", title: "Procurement Manager", unit: "Procurement", location: "Göteborg (CET)", role: model.RoleGatekeeper,
				influence: 3, strength: 2, channel: "email", receive: "Formal tenders only.", needs: "Compliance with public-procurement rules.",
				career: "Public sector procurement for fifteen years.", boss: 0, lastTouch: 27},
			{name: "Astrid Lindqvist", title: "Clinic Manager, Malmö", unit: "Clinics", location: "Malmö (CET)", role: model.RoleUser,
				influence: 2, strength: 4, channel: "phone", receive: "A call at the start of the day.", needs: "Shorter waiting times in her clinic.",
				career: "Nurse for ten years before management.", boss: 1, lastTouch: 16},
		},
	},
	{
		name: "Brightwater Retail Ltd", industry: "Retail", region: "UK & Ireland", countries: "GB", currency: "GBP",
		tier: model.TierGrowth, revenue: 620_000, potential: 1_800_000, outlook: model.OutlookGrowing, importance: 3, replaceability: 2,
		brand:     "Friendly high-street brand, value with a smile.",
		direction: "Fewer, bigger stores and a loyalty app.",
		people: []smallPerson{
			{name: "Oliver Grant", title: "Commercial Director", unit: "Sales", location: "Manchester (GMT)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "phone", receive: "Short calls, clear asks.", needs: "Like-for-like sales growth.",
				career: "Rose from store manager.", boss: -1, lastTouch: 50},
			{name: "Hana Sato", title: "Loyalty Programme Lead", unit: "Marketing", location: "London (GMT)", role: model.RoleChampion,
				influence: 3, strength: 4, channel: "Teams", receive: "Prototypes she can click.", needs: "App sign-ups for the launch.",
				career: "Loyalty at an airline before.", boss: 0, lastTouch: 10,
				personal: []smallNote{{text: "Hana is running a pottery stall at the Spitalfields market on weekends.", ago: 30}}},
			{name: "Marta Kowalski", title: "Store Operations Manager", unit: "Operations", location: "Birmingham (GMT)", role: model.RoleUser,
				influence: 2, strength: 3, channel: "email", receive: "Checklists.", needs: "Fewer things for store teams to learn.",
				career: "Twelve years in Brightwater stores.", boss: 0, lastTouch: 35},
			{name: "Kenji Nakamura", title: "Head of Finance", unit: "Finance", location: "Manchester (GMT)", role: model.RoleEconomicBuyer,
				influence: 4, strength: 2, channel: "email", receive: "The business case in one table.", needs: "Capex kept under plan.",
				career: "Joined from a Japanese electronics group's UK arm.", boss: 0, lastTouch: 15},
			{name: "Grace Adeyemi", title: "Customer Insight Analyst", unit: "Marketing", location: "London (GMT)", role: model.RoleInfluencer,
				influence: 2, strength: 4, channel: "Teams", receive: "Raw data, she does her own charts.", needs: "A seat at the table for insight.",
				career: "Graduate scheme, two years in.", boss: 1, lastTouch: 26},
		},
	},
	{
		name: "Fjordline Telecom ASA", industry: "Telecommunications", region: "Nordics", countries: "NO, SE", currency: "EUR",
		tier: model.TierGrowth, revenue: 480_000, potential: 1_200_000, outlook: model.OutlookFlat, importance: 3, replaceability: 3,
		brand:     "Straightforward, outdoorsy, coverage where others have none.",
		direction: "5G in rural areas and a business-customer push.",
		people: []smallPerson{
			{name: "Signe Halvorsen", title: "VP Business Customers", unit: "Sales", location: "Bergen (CET)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "meeting", receive: "Slides with a clear ask on slide one.", needs: "Business-customer revenue up 20%.",
				career: "Management consultant before.", boss: -1, lastTouch: 38},
			{name: "Oskar Lund", title: "Marketing Manager", unit: "Marketing", location: "Oslo (CET)", role: model.RoleChampion,
				influence: 3, strength: 4, channel: "Teams", receive: "Examples from other telcos.", needs: "Campaign results he can present.",
				career: "Agency strategist.", boss: 0, lastTouch: 14,
				personal: []smallNote{{text: "Oskar is walking the Kungsleden trail in August; a month offline.", ago: 20}}},
			{name: "Nadia Berg", title: "Legal Counsel", unit: "Legal", location: "Oslo (CET)", role: model.RoleGatekeeper,
				influence: 3, strength: 2, channel: "email", receive: "Redlines, not summaries.", needs: "No data-protection risk.",
				career: "Telecoms regulator for six years.", boss: 0, lastTouch: 40},
			{name: "Mateusz Zieliński", title: "Network Planning Lead", unit: "IT", location: "Trondheim (CET)", role: model.RoleInfluencer,
				influence: 3, strength: 3, channel: "phone", receive: "Maps and coverage data.", needs: "Rural coverage targets met.",
				career: "Engineer from a Polish operator.", boss: 0, lastTouch: 0},
			{name: "Ewa Nowak", title: "Sales Operations Analyst", unit: "Sales", location: "Bergen (CET)", role: model.RoleUser,
				influence: 1, strength: 3, channel: "email", receive: "Templates she can reuse.", needs: "Cleaner pipeline reports.",
				career: "Two years at Fjordline.", boss: 0, lastTouch: 30},
		},
	},
	{
		name: "Sakura Optics KK", industry: "Medical devices", region: "APAC", countries: "JP, SG", currency: "USD",
		tier: model.TierGrowth, revenue: 350_000, potential: 2_900_000, outlook: model.OutlookRapid, importance: 4, replaceability: 4,
		brand:     "Precision and quiet quality; a hundred years of lens-making.",
		direction: "Entering Europe with a new line of diagnostic devices.",
		people: []smallPerson{
			{name: "Yuki Tanaka", title: "Director of European Expansion", unit: "Strategy", location: "Singapore (SGT)", role: model.RoleDecisionMaker,
				influence: 5, strength: 3, channel: "email", receive: "Written proposals, read carefully before any call.", needs: "A credible European launch plan for Tokyo HQ.",
				career: "Twenty years at Sakura, three in Germany.", boss: -1, lastTouch: 24, birthdayIn: 13},
			{name: "Kenta Mori", title: "Product Marketing Manager", unit: "Marketing", location: "Tokyo (JST)", role: model.RoleChampion,
				influence: 3, strength: 4, channel: "Teams", receive: "Visual mock-ups.", needs: "Launch materials approved by HQ.",
				career: "Product designer before marketing.", boss: 0, lastTouch: 7},
			{name: "Leilani Kahale", title: "Regulatory Affairs Lead", unit: "Legal", location: "Singapore (SGT)", role: model.RoleGatekeeper,
				influence: 4, strength: 2, channel: "email", receive: "Checklists against the regulation.", needs: "CE marking on schedule.",
				career: "Regulatory at a US device maker.", boss: 0, lastTouch: 30},
			{name: "Saanvi Rao", title: "Finance Controller", unit: "Finance", location: "Singapore (SGT)", role: model.RoleEconomicBuyer,
				influence: 3, strength: 2, channel: "email", receive: "Monthly cost tracking.", needs: "Budget discipline.",
				career: "Big-four audit before.", boss: 0, lastTouch: 21},
			{name: "Daichi Ito", title: "Sales Engineer", unit: "Sales", location: "Tokyo (JST)", role: model.RoleUser,
				influence: 2, strength: 3, channel: "Teams", receive: "Technical detail.", needs: "Demo kits that work.",
				career: "Field engineer.", boss: 1, lastTouch: 19},
		},
	},
	{
		name: "Oakhurst Paper Mills", industry: "Manufacturing", region: "North America", countries: "US, CA", currency: "USD",
		tier: model.TierMaintain, revenue: 90_000, potential: 110_000, outlook: model.OutlookDeclining, importance: 2, replaceability: 2,
		brand:     "Old-fashioned, dependable, local.",
		direction: "Consolidating two mills into one.",
		people: []smallPerson{
			{name: "Walt Hendricks", title: "General Manager", unit: "Executive board", location: "Portland (PST)", role: model.RoleDecisionMaker,
				influence: 5, strength: 4, channel: "phone", receive: "A phone call.", needs: "Keeping the mill running.",
				career: "Forty years at Oakhurst.", boss: -1, lastTouch: 20},
			{name: "Carla Ruiz", title: "Office Manager", unit: "Operations", location: "Portland (PST)", role: model.RoleGatekeeper,
				influence: 2, strength: 4, channel: "email", receive: "Short email.", needs: "Invoices that match the order.",
				career: "Fifteen years at Oakhurst.", boss: 0, lastTouch: 120},
			{name: "Ben Foster", title: "Sales Manager", unit: "Sales", location: "Vancouver (PST)", role: model.RoleChampion,
				influence: 3, strength: 3, channel: "phone", receive: "Calls in the afternoon.", needs: "New customers in Canada.",
				career: "Joined from a packaging company; left in the spring to run sales at a box maker in Seattle.", boss: 0, lastTouch: 100,
				left: 45},
			{name: "Mia Chen", title: "Marketing Coordinator", unit: "Marketing", location: "Portland (PST)", role: model.RoleUser,
				influence: 1, strength: 3, channel: "email", receive: "Templates.", needs: "A website that does not embarrass her.",
				career: "First job after college.", boss: 0, cadence: 180, lastTouch: 130},
			{name: "Tom Becker", title: "Plant Engineer", unit: "Operations", location: "Portland (PST)", role: model.RoleInfluencer,
				influence: 2, strength: 2, channel: "phone", receive: "On the shop floor.", needs: "Less downtime.",
				career: "Thirty years at the mill.", boss: 0, lastTouch: 150},
		},
	},
}

// smallBrief is a hand-written brief: which account and people, the stage
// it is in and for how many days.
type smallBrief struct {
	account                            int
	people                             []int
	title, who, what, where, when, why string
	valueClient, valueUs               string
	stage                              model.Stage
	daysInStage                        int
	framings                           []string
	openings                           []string // to each person, in the order of people; "" for none
	targetIn                           int      // target date this many days from today; 0: none
}

var smallBriefs = []smallBrief{
	{account: 0, people: []int{0, 4}, title: "Brand refresh for the green transition",
		who:         "Dana as sponsor, Henrik for the budget, Zoë's digital team to carry it into the app.",
		what:        "A refreshed brand system and a twelve-month campaign that tells the renewable story.",
		where:       "Marketing and Digital, Germany first, then Austria and Switzerland.",
		when:        "Concept by end of quarter, launch with the spring tariff change.",
		why:         "Nordlicht's consideration score is falling with younger households; the board wants proof the brand can carry the green transition before it funds the next wind parks. This gives Dana that proof and makes us their brand partner for the decade.",
		valueClient: "Consideration up five points among under-40s; one story across all channels.",
		valueUs:     "A multi-year brand mandate and the flagship case in energy.",
		stage:       model.StageChecks, daysInStage: 12, targetIn: 75,
		framings: []string{"Lead with the consideration gap and the board review date; one page.", "Payback in 14 months from lower acquisition cost; the numbers first, the story after."},
		openings: []string{
			"Dana, when we last spoke you said the board wants to see that the brand can carry the green transition before it commits to the next wind parks. This brief is our answer: one story from the tariff letter to the app, tried with younger households first, so you can take evidence rather than a promise into the board review.",
			"Henrik, you asked us to show how a brand refresh earns its keep. The plan below starts with what it costs Nordlicht to win a household today and what a clearer story does to that figure, and it is phased so each step can be measured before the next one is funded.",
		}},
	{account: 0, people: []int{1}, title: "App onboarding journey",
		who:   "Zoë and the app team.",
		what:  "A redesigned first-week journey in the customer app.",
		why:   "Half of new app users never return after the first week; fixing this is Zoë's main goal for the year.",
		stage: model.StageDetermine, daysInStage: 41,
		framings: []string{"Show the drop-off curve and two quick wins she can ship this quarter."},
		openings: []string{"Zoë, you told us the first week in the app is when most new customers decide whether to stay. We have looked closely at that week, and this brief sets out a new journey your team can start shipping in small pieces this quarter."}},
	{account: 1, people: []int{2, 3}, title: "Subscription box relaunch",
		who:   "Priya owns it; Liam signs off the numbers.",
		what:  "A relaunch of the premium subscription box with a flexible plan.",
		where: "Online, UK first.",
		when:  "Pilot in eight weeks.",
		why:   "Subscriptions are Halcyon's answer to private labels: direct customers, better margins. Priya needs month-on-month growth to keep the budget.",
		stage: model.StageCreate, daysInStage: 20, targetIn: 56,
		framings: []string{"Dashboards of the pilot cohort, weekly.", ""},
		openings: []string{"Priya, thank you for the time with your team last week. We heard how much the subscription box matters to Halcyon's direct relationship with shoppers, and we have built this relaunch around the growth you need to show month by month, starting with a pilot in eight weeks."}},
	{account: 1, people: []int{1}, title: "Christmas peak readiness",
		who: "Eamon's supply-chain team.", what: "A joint plan for the Christmas peak.",
		why:   "Last year's stock-outs cost Halcyon two grocery promotions.",
		stage: model.StageActivate, daysInStage: 30,
		framings: []string{"On the phone, straight: what could go wrong and what we do about it."},
		openings: []string{"Eamon, last winter's stock-outs were painful for both of us. This is a joint plan for the peak: where the pinch points are, what we will do before they bite, and who calls whom when something slips."}},
	{account: 2, people: []int{0, 1}, title: "Cold-chain launch in Morocco",
		who:         "José as sponsor, Beatriz leads.",
		what:        "Launch communications and partner onboarding for the Morocco cold-chain route.",
		where:       "Operations, Spain and Morocco.",
		when:        "Route opens in spring.",
		why:         "Morocco is Castellan's first route outside Europe; success decides the next three.",
		valueClient: "A smooth launch and the first ten partners signed.", valueUs: "Entry into their expansion programme.",
		stage: model.StageUnderstand, daysInStage: 48,
		framings: []string{"Over lunch: the on-time promise and how we protect it.", "Voice note, then the plan in writing."},
		openings: []string{
			"José, the Morocco route is a first for Castellan, and we know the next three routes will be judged by how it goes. This brief sets out how we would launch it with you: clear word to every partner, a steady onboarding rhythm, and deliveries you can count on from the first week.",
			"Beatriz, you will live with this route every day, so we have written this to make your spring easier: a checklist for each partner, one calendar up to the opening, and a single contact on our side for anything that comes up.",
		}},
	{account: 2, people: []int{3}, title: "Tracking portal integration",
		who: "Rafael's IT team.", what: "Connect our reporting to their tracking platform.",
		stage: model.StageUnderstand, daysInStage: 5},
	{account: 3, people: []int{1, 2}, title: "Online booking for the new clinics",
		who:         "Rasmus sponsors; Aino owns the data.",
		what:        "An online booking flow for the twelve new clinics.",
		where:       "All four countries, starting in Denmark.",
		when:        "First clinics open in March.",
		why:         "Meridian's growth depends on clinics filling fast; online booking above 70% is Rasmus's target and the board's measure of the expansion.",
		valueClient: "Clinics full from week one.", valueUs: "The booking platform for the whole group.",
		stage: model.StageChecks, daysInStage: 30, targetIn: 100,
		framings: []string{"Start with a patient story, then the booking figures.", "The data model and where every figure comes from."},
		openings: []string{
			"Rasmus, twelve new clinics are a big promise to patients. This brief describes an online booking flow that helps each of them fill from the first week, measured against the target you have set for the expansion.",
			"Aino, good numbers start with a sound model of the data, and we would like yours to be the one every report relies on. Below you will find how each booking is counted and how it reaches the systems your team already runs.",
		}},
	{account: 4, people: []int{1}, title: "Loyalty app launch campaign",
		who: "Hana.", what: "Launch campaign for the loyalty app.", where: "All stores and online.", when: "Launch in six weeks.",
		why:   "The loyalty app is Brightwater's bet on repeat visits; sign-ups at launch decide its future.",
		stage: model.StageCreate, daysInStage: 9, targetIn: 42,
		framings: []string{"A clickable prototype of the sign-up flow."},
		openings: []string{"Hana, the loyalty app is yours, and launch day will set its course. We have put together a campaign that gets members signing up in the stores and online from the first morning, with a sign-up you can try for yourself before anything goes live."}},
	{account: 5, people: []int{0, 1}, title: "Rural 5G business campaign",
		who: "Signe and Oskar.", what: "A campaign for business customers in rural areas.",
		why:   "Business customers are Fjordline's growth plan; rural coverage is their edge.",
		stage: model.StageDone, daysInStage: 60,
		framings: []string{"One slide, the ask first.", "Examples from two other operators."},
		openings: []string{
			"Signe, rural coverage is what sets Fjordline apart for business customers, and this campaign says so plainly. Here is the plan, with what we need from you to start.",
			"Oskar, thank you for pointing us to what worked elsewhere in the market. We have used those lessons to shape a campaign your team can run in the regions with confidence.",
		}},
	{account: 6, people: []int{0, 1, 2}, title: "European launch plan",
		who:         "Yuki sponsors; Kenta for the materials; Leilani for the regulatory path.",
		what:        "The go-to-market plan for the diagnostic line in Germany, France and the Nordics.",
		where:       "Europe, launching from Düsseldorf.",
		when:        "CE marking in Q2, launch at the autumn trade fair.",
		why:         "Tokyo wants a credible European plan before it commits budget; Yuki's role depends on it, and it makes us Sakura's partner for every market after Europe.",
		valueClient: "A launch plan HQ approves first time.", valueUs: "Sakura becomes a key account within two years.",
		stage: model.StageDetermine, daysInStage: 14, targetIn: 150,
		framings: []string{"A written proposal, sent a week ahead.", "Mock-ups of the launch materials.", "The regulatory checklist, with dates."},
		openings: []string{
			"Yuki, Tokyo will want a European plan it can approve the first time it reads it. This is our proposal for Germany, France and the Nordics, shared well before we meet so you can test it against the questions HQ will ask.",
			"Kenta, the launch materials will be the first thing European customers see of Sakura. This brief sets out the story for each market and what we will make together, from the trade fair stand to the first sales presentations.",
			"Leilani, nothing launches in Europe without the CE marking, so the path to it comes first in this plan. Each step has its date and what we need from your team, so there are no surprises before the autumn trade fair.",
		}},
	{account: 7, people: []int{0}, title: "Website refresh",
		who: "Walt.", what: "A simple refresh of the website.",
		stage: model.StageDropped, daysInStage: 70},
}

// smallFollowUp is a hand-written follow-up: due this many days from today
// (negative: overdue).
type smallFollowUp struct {
	account, person, brief int // person, brief: -1 for none
	text                   string
	dueIn                  int
	time                   string
	promise                bool
	recur                  model.Recurrence
	fromCompletion         bool
}

var smallFollowUps = []smallFollowUp{
	{account: 0, person: 0, brief: 0, text: "Send Dana the consideration figures for the board pack", dueIn: -2, promise: true},
	{account: 0, person: 4, brief: 0, text: "Book a slot with Henrik on the business case", dueIn: 0, time: "15:00"},
	{account: 0, person: 1, brief: -1, text: "Share the app onboarding benchmark with Zoë", dueIn: 3},
	{account: 0, person: -1, brief: -1, text: "Quarterly business review with Nordlicht", dueIn: 12, recur: model.Recurrence{Unit: model.RecurMonth, Every: 3}},
	{account: 1, person: 2, brief: 2, text: "Send Priya the pilot cohort dashboard", dueIn: -1, recur: model.Recurrence{Unit: model.RecurWeek, Every: 1}},
	{account: 1, person: 1, brief: 3, text: "Confirm peak staffing plan with Eamon", dueIn: 1, promise: true},
	{account: 1, person: 3, brief: -1, text: "Answer Liam's questions on the rate card", dueIn: 5},
	{account: 2, person: 1, brief: 4, text: "Send Beatriz the partner onboarding checklist", dueIn: -5, promise: true},
	{account: 2, person: 0, brief: 4, text: "Lunch with José in Bilbao", dueIn: 9, time: "13:00"},
	{account: 2, person: 3, brief: 5, text: "Ask Rafael for the tracking API documentation", dueIn: 20},
	{account: 3, person: 1, brief: 6, text: "Send Rasmus the booking-flow prototype", dueIn: 0},
	{account: 3, person: 0, brief: -1, text: "Prepare the annual review for Ingrid", dueIn: 6},
	{account: 3, person: 2, brief: 6, text: "Get Aino's sign-off on the data model", dueIn: -3},
	{account: 4, person: 1, brief: 7, text: "Hana: launch creative review", dueIn: 2},
	{account: 4, person: 0, brief: -1, text: "Check in with Oliver on the store plan", dueIn: 30, recur: model.Recurrence{Unit: model.RecurMonth, Every: 1}, fromCompletion: true},
	{account: 5, person: 1, brief: -1, text: "Send Oskar the campaign results", dueIn: 4, promise: true},
	{account: 5, person: 2, brief: -1, text: "Follow up with Nadia on the data-processing agreement", dueIn: -9},
	{account: 6, person: 0, brief: 9, text: "Send Yuki the draft launch plan", dueIn: 7, promise: true},
	{account: 6, person: 2, brief: 9, text: "Regulatory timeline call with Leilani", dueIn: 15},
	{account: 7, person: 0, brief: -1, text: "Annual price review with Walt", dueIn: 40, recur: model.Recurrence{Unit: model.RecurYear, Every: 1}},
}

func (g *gen) small() {
	ds := &g.ds
	made := make([]*largeAccount, 0, len(smallAccounts))
	for ai, sa := range smallAccounts {
		since := g.ago(700 + 90*ai)
		a := model.Account{
			UID: g.uid("account"), Name: sa.name, Industry: sa.industry, Region: sa.region, Countries: sa.countries,
			Tier: sa.tier, Currency: sa.currency, Revenue: model.Money(sa.revenue * model.MinorPerMajor),
			Potential: model.Money(sa.potential * model.MinorPerMajor), Outlook: sa.outlook,
			Importance: sa.importance, Replaceability: sa.replaceability, Brand: sa.brand, Direction: sa.direction,
		}
		a.CreatedAt = g.stamp(since)
		a.UpdatedAt = g.later(a.CreatedAt, 30)
		ds.Accounts = append(ds.Accounts, a)
		la := &largeAccount{acc: a, since: since, span: g.today.DaysSince(since)}
		for _, sp := range sa.people {
			g.smallPerson(la, sp)
		}
		g.smallStances(la, ai)
		ds.People = append(ds.People, la.people...)
		g.smallTouches(la, sa)
		g.smallNotes(la, sa)
		g.smallHealth(la, ai)
		made = append(made, la)
	}
	for _, sb := range smallBriefs {
		g.smallBrief(made[sb.account], sb)
	}
	for _, sf := range smallFollowUps {
		g.smallFollowUp(made, sf)
	}
	// A history of done follow-ups, so the done view and the timelines have
	// something in them.
	for _, la := range made {
		for range 4 {
			j := g.intn(len(la.people))
			due := g.ago(g.between(10, 300))
			f := model.FollowUp{UID: g.uid("follow-up"), Text: g.fill(pick(g, followUpTemplates), la.firsts[j], la.unitsOf[j]),
				Kind: model.KindFollowUp, DueOn: due, AccountUID: la.acc.UID, PersonUID: la.people[j].UID}
			f.CreatedAt = g.stamp(due.AddDays(-g.between(3, 20)))
			f.DoneAt = g.later(at(due, 8*60), 3)
			f.UpdatedAt = f.DoneAt
			ds.FollowUps = append(ds.FollowUps, f)
		}
	}
	g.smallMeetingWeek(made)
	g.smallLeavers(made)
}

// smallLeaver is someone who has left an account: their role is one the
// account now has nobody in, so the map shows the gap.
type smallLeaver struct {
	account                     int
	name, title, unit, location string
	role                        model.Role
	influence, strength         int
	stance                      model.Stance
	career, note                string
	boss                        int // index of the person they reported to
	lastTouch, left             int // days ago
}

var smallLeavers = []smallLeaver{
	{account: 3, name: "Mikael Strand", title: "Chief Financial Officer", unit: "Finance", location: "Stockholm (CET)",
		role: model.RoleEconomicBuyer, influence: 5, strength: 3, stance: model.StanceNeutral,
		career: "Came from a Swedish hospital group; left for the CFO role at a pharmacy chain.",
		note:   "Mikael leaves at the end of the month for a pharmacy chain; Ingrid has not named a new CFO, and the clinic budgets wait on one.",
		boss:   0, lastTouch: 70, left: 40},
}

// smallLeavers adds the people who left, after everything else and
// without the generator, so the rest of the book is what it was: each
// with a last touch before they went and a note on their leaving.
func (g *gen) smallLeavers(made []*largeAccount) {
	for _, sl := range smallLeavers {
		la := made[sl.account]
		p := model.Person{
			UID: g.uid("person"), AccountUID: la.acc.UID, Name: sl.name, Title: sl.title, BusinessUnit: sl.unit,
			Location: sl.location, Email: fmt.Sprintf("%s@%s", emailLocal(sl.name), domain(la.acc.Name)), Phone: "+46 8 5550 1420",
			Role: sl.role, Influence: sl.influence, Strength: sl.strength, Stance: sl.stance, Owner: "Sam Reyes (our CEO)",
			CareerHistory: sl.career, PreferredChannel: "meeting", ReportsToUID: la.people[sl.boss].UID,
			AtClientSince: la.since.AddDays(-900), CreatedAt: at(la.since.AddDays(30), 9*60),
		}
		p.ArchivedAt = at(g.ago(sl.left), 17*60)
		p.UpdatedAt = p.ArchivedAt
		g.ds.People = append(g.ds.People, p)
		on := g.ago(sl.lastTouch)
		t := model.Touch{UID: g.uid("touch"), AccountUID: la.acc.UID, Kind: model.TouchMeeting, On: on,
			Summary: "Budget review with " + firstName(sl.name), PersonUIDs: []string{p.UID}, CreatedAt: at(on, 11*60)}
		t.UpdatedAt = t.CreatedAt
		g.ds.Touches = append(g.ds.Touches, t)
		noteOn := g.ago(sl.left + 10)
		n := model.Note{UID: g.uid("note"), AccountUID: la.acc.UID, PersonUID: p.UID, Kind: model.NoteBusiness, Text: sl.note,
			On: noteOn, CreatedAt: at(noteOn, 16*60)}
		n.UpdatedAt = n.CreatedAt
		g.ds.Notes = append(g.ds.Notes, n)
	}
}

// smallStances gives an account's people a realistic mix of stance, owner
// and informal influence, with gaps: a champion supports us, a blocker
// opposes, a decider we are weak with is sceptical, and some are not
// assessed yet; the most influential person sways a peer outside their
// line. One person's cadence is snoozed (on leave), and one birthday was
// dismissed last year.
func (g *gen) smallStances(la *largeAccount, ai int) {
	owners := []string{"Sam Reyes (our CEO)", "Priya Nair (delivery lead)", "Tom Becker (solutions)"}
	top := -1
	for i := range la.people {
		p := &la.people[i]
		switch {
		case p.Role == model.RoleChampion:
			p.Stance = model.StanceSupporter
		case p.Role == model.RoleBlocker:
			p.Stance = model.StanceOpponent
		case (p.Role == model.RoleDecisionMaker || p.Role == model.RoleEconomicBuyer) && p.Strength <= model.WeakStrength:
			p.Stance = model.StanceSceptic
		case (i+ai)%4 != 3: // a quarter not assessed yet
			p.Stance = model.StanceNeutral
		}
		if p.Role == model.RoleDecisionMaker || p.Role == model.RoleEconomicBuyer {
			p.Owner = owners[0]
		} else if (i+ai)%3 == 0 {
			p.Owner = owners[1+(i+ai)%2]
		}
		if top < 0 || p.Influence > la.people[top].Influence {
			top = i
		}
	}
	// The most influential person sways the first peer who does not report
	// to them.
	for i := range la.people {
		if i != top && la.people[i].ReportsToUID != la.people[top].UID && !la.people[i].Archived() {
			la.people[top].InfluencesUIDs = []string{la.people[i].UID}
			break
		}
	}
	if ai == len(smallAccounts)-1 {
		la.people[len(la.people)-1].TouchSnoozedUntil = g.today.AddDays(21) // on leave
		for i := range la.people {
			if !la.people[i].Birthday.IsZero() {
				la.people[i].BirthdayDismissed = g.today.Year() - 1
				break
			}
		}
	}
}

func (g *gen) smallPerson(la *largeAccount, sp smallPerson) {
	p := model.Person{
		UID: g.uid("person"), AccountUID: la.acc.UID, Name: sp.name, Title: sp.title, BusinessUnit: sp.unit,
		Location: sp.location, Email: fmt.Sprintf("%s@%s", emailLocal(sp.name), domain(la.acc.Name)),
		Phone: fmt.Sprintf("+%d %d %07d", g.between(30, 49), g.between(10, 99), g.intn(10_000_000)),
		Role:  sp.role, Influence: sp.influence, Strength: sp.strength, PreferredChannel: sp.channel,
		ReceiveInfo: sp.receive, NeedsToShow: sp.needs, CareerHistory: sp.career, CadenceDays: sp.cadence,
		AtClientSince: la.since.AddDays(-g.between(200, 4000)),
	}
	if sp.boss >= 0 && sp.boss < len(la.people) {
		p.ReportsToUID = la.people[sp.boss].UID
	}
	if sp.birthdayIn > 0 {
		d := g.today.AddDays(sp.birthdayIn)
		p.Birthday = model.Birthday{Month: d.Month(), Day: d.Day(), Year: g.between(1965, 1990)}
	} else if g.chance(0.6) {
		// Anywhere but the next month, so only the scripted ones show on Today.
		d := g.today.AddDays(g.between(35, 330))
		p.Birthday = model.Birthday{Month: d.Month(), Day: min(d.Day(), 28)}
	}
	// People with no touch logged joined recently, so they are due from the
	// day they were added — a few days ago for some, today for others.
	added := la.since.AddDays(g.intn(60))
	if sp.lastTouch == 0 {
		added = g.ago(g.between(0, 20))
	}
	p.CreatedAt = g.stamp(added)
	p.UpdatedAt = p.CreatedAt
	if sp.left > 0 { // at the end of their last day, without the generator, so the rest of the book is what it was
		p.ArchivedAt = at(g.ago(sp.left), 17*60)
		p.UpdatedAt = p.ArchivedAt
	}
	la.people = append(la.people, p)
	la.firsts = append(la.firsts, firstName(sp.name))
	la.unitsOf = append(la.unitsOf, sp.unit)
}

// smallTouches logs each person's newest touch on the day the script says,
// and a history of older touches across the account.
func (g *gen) smallTouches(la *largeAccount, sa smallAccount) {
	for j, sp := range sa.people {
		if sp.lastTouch == 0 {
			continue
		}
		kind := pick(g, touchKindWeights)
		on := g.ago(sp.lastTouch)
		g.addTouch(la, kind, on, j, g.fill(pick(g, touchTemplates[kind]), la.firsts[j], la.unitsOf[j]))
		// Older touches: every few weeks back to when they joined.
		for d := sp.lastTouch + g.between(20, 60); d < la.span-60 && d < 720; d += g.between(25, 90) {
			kind := pick(g, touchKindWeights)
			g.addTouch(la, kind, g.ago(d), j, g.fill(pick(g, touchTemplates[kind]), la.firsts[j], la.unitsOf[j]))
		}
	}
}

func (g *gen) addTouch(la *largeAccount, kind model.TouchKind, on model.Date, j int, summary string) {
	t := model.Touch{UID: g.uid("touch"), AccountUID: la.acc.UID, Kind: kind, On: on, Summary: summary,
		PersonUIDs: []string{la.people[j].UID}}
	if g.chance(0.3) {
		t.Text = fmt.Sprintf("Agreed next steps on %s. %s owns the follow-up on their side.", pick(g, topics), la.firsts[j])
	}
	t.CreatedAt = g.stamp(on)
	t.UpdatedAt = t.CreatedAt
	g.ds.Touches = append(g.ds.Touches, t)
}

// smallNotes writes each person's hand-written notes, then template notes
// across their time at the account, and a few on the account itself.
func (g *gen) smallNotes(la *largeAccount, sa smallAccount) {
	add := func(n model.Note) {
		n.UID = g.uid("note")
		n.CreatedAt = g.stamp(n.On)
		n.UpdatedAt = n.CreatedAt
		g.ds.Notes = append(g.ds.Notes, n)
	}
	for j, sp := range sa.people {
		for _, sn := range sp.personal {
			n := model.Note{AccountUID: la.acc.UID, PersonUID: la.people[j].UID, Kind: model.NotePersonal, Text: sn.text, On: g.ago(sn.ago)}
			if sn.askIn != 0 {
				n.AskAfter = g.today.AddDays(sn.askIn)
			}
			add(n)
		}
		from := model.DateOf(la.people[j].CreatedAt)
		days := max(1, g.today.DaysSince(from))
		for range 5 {
			kind := pick(g, noteKindWeights)
			add(model.Note{AccountUID: la.acc.UID, PersonUID: la.people[j].UID, Kind: kind,
				On: from.AddDays(g.intn(days)), Text: g.fill(pick(g, noteTemplates[kind]), la.firsts[j], la.unitsOf[j])})
		}
	}
	for range 4 {
		kind := pick(g, []model.NoteKind{model.NoteBusiness, model.NoteInsight, model.NoteConflict})
		j := g.intn(len(la.people))
		add(model.Note{AccountUID: la.acc.UID, Kind: kind, On: g.ago(g.between(1, 300)),
			Text: g.fill(pick(g, noteTemplates[kind]), la.firsts[j], la.unitsOf[j])})
	}
	if len(g.ds.Notes) > 0 && sa.tier == model.TierKey {
		g.ds.Notes[len(g.ds.Notes)-1].Pinned = true
	}
}

// smallHealth records a quarterly satisfaction and revenue figure for two
// years; the second account's satisfaction drops in the latest entry, so the
// portfolio view has a fall to show.
func (g *gen) smallHealth(la *largeAccount, ai int) {
	sat := 7 + ai%3
	rev := la.acc.Revenue
	start := quarterEnd(g.ago(730))
	var last *model.HealthCheck
	for d := start; !d.After(g.today); d = quarterEnd(d.AddDays(1)) {
		sat = min(10, max(3, sat+g.between(-1, 1)))
		rev += model.Money(float64(rev) * (g.rnd.Float64() - 0.4) * 0.08)
		rev = rev / (1000 * model.MinorPerMajor) * (1000 * model.MinorPerMajor)
		h := model.HealthCheck{UID: g.uid("health"), AccountUID: la.acc.UID, On: d, Satisfaction: &[]int{sat}[0], Revenue: &[]model.Money{rev}[0]}
		h.CreatedAt = g.stamp(d)
		h.UpdatedAt = h.CreatedAt
		g.ds.Health = append(g.ds.Health, h)
		last = &g.ds.Health[len(g.ds.Health)-1]
	}
	if ai == 1 && last != nil && len(g.ds.Health) > 1 {
		prev := *g.ds.Health[len(g.ds.Health)-2].Satisfaction
		s := max(0, prev-3)
		last.Satisfaction = &s
		last.Note = "Christmas stock-outs still on Fiona's mind."
	}
}

func (g *gen) smallBrief(la *largeAccount, sb smallBrief) {
	b := model.Brief{UID: g.uid("brief"), AccountUID: la.acc.UID, Title: sb.title, Who: sb.who, What: sb.what,
		Where: sb.where, When: sb.when, Why: sb.why, ValueClient: sb.valueClient, ValueUs: sb.valueUs}
	if sb.targetIn > 0 {
		b.TargetOn = g.today.AddDays(sb.targetIn)
	}
	created := g.ago(sb.daysInStage + 20*sb.stage.Index() + g.between(5, 30))
	if sb.stage == model.StageUnderstand {
		created = g.ago(sb.daysInStage) // in the first stage since it was drafted
	}
	b.CreatedAt = g.stamp(created)
	since := g.stamp(g.ago(sb.daysInStage))
	if since.Before(b.CreatedAt) {
		since = b.CreatedAt
	}
	g.briefFlow(&b, sb.stage, since)
	if sb.stage == model.StageChecks {
		// Two of four signed, so activating it shows what is missing.
		b.Checks = model.DefaultChecks()
		for i := range b.Checks {
			switch c := &b.Checks[i]; c.Kind {
			case model.CheckBrand:
				c.State, c.By, c.On = model.CheckSigned, "Brand team", g.ago(sb.daysInStage/2)
			case model.CheckStrategy:
				c.State, c.By, c.On = model.CheckSigned, "Strategy office", g.ago(sb.daysInStage/3)
			}
		}
	}
	for k, pi := range sb.people {
		bp := model.BriefPerson{PersonUID: la.people[pi].UID}
		if k < len(sb.framings) {
			bp.Framing = sb.framings[k]
		}
		if k < len(sb.openings) {
			bp.Opening = sb.openings[k]
		}
		b.People = append(b.People, bp)
	}
	g.ds.Briefs = append(g.ds.Briefs, b)
	la.briefs = append(la.briefs, b.UID)
}

func (g *gen) smallFollowUp(made []*largeAccount, sf smallFollowUp) {
	la := made[sf.account]
	due := g.today.AddDays(sf.dueIn)
	f := model.FollowUp{UID: g.uid("follow-up"), Text: sf.text, Kind: model.KindFollowUp, DueOn: due, DueTime: sf.time,
		AccountUID: la.acc.UID, Recur: sf.recur, FromCompletion: sf.fromCompletion}
	if sf.promise {
		f.Kind = model.KindPromise
	}
	if sf.person >= 0 {
		f.PersonUID = la.people[sf.person].UID
	}
	if sf.brief >= 0 {
		f.BriefUID = g.smallBriefUID(sf.brief)
	}
	f.CreatedAt = g.stamp(due.AddDays(-g.between(3, 20)))
	f.UpdatedAt = f.CreatedAt
	g.ds.FollowUps = append(g.ds.FollowUps, f)
}

// smallBriefUID is the uid of the i-th brief of smallBriefs in the dataset
// being made.
func (g *gen) smallBriefUID(i int) string {
	return g.ds.Briefs[len(g.ds.Briefs)-len(smallBriefs)+i].UID
}
