package model

// Prep is the prep sheet for a meeting, a person or an account: for each
// person met, what matters in the thirty seconds before — how to open,
// what was promised, the briefs they are on and the framing for them — and
// for the account its health, its coverage risks and its open briefs.
type Prep struct {
	Title   string   // what the sheet is for: a meeting's title, a person's or an account's name
	Meeting *Meeting // when it is for a meeting
	Today   Date
	People  []PrepPerson
	Account *PrepAccount
	// Others are the meeting's addresses no person has.
	Others []Attendee
}

// PrepPerson is one person on a prep sheet.
type PrepPerson struct {
	Person Person
	// AskAbout are the notes to open with: their ask-after day has come.
	AskAbout []Note
	// Promises and FollowUps are open, on them, late ones first; MoreOpen
	// counts the open ones past those shown.
	Promises  []FollowUp
	FollowUps []FollowUp
	MoreOpen  int
	// Briefs are the open briefs they are on, with the framing for them.
	Briefs []PrepBrief
	// Touches are the last two; Conflicts the conflict notes of the last
	// year.
	Touches   []Touch
	Conflicts []Note
	// Birthday is their next birthday when within BirthdayDays.
	Birthday Date
}

// PrepBrief is a brief a person is on, with what was written for them.
type PrepBrief struct {
	Brief   Brief
	Framing string
}

// PrepAccount is the account part of a prep sheet.
type PrepAccount struct {
	Account Account
	Health  []HealthCheck // oldest first, the trend
	Risks   []Risk
	Briefs  []Brief // open, the first PrepBriefs by stage
	// MoreBriefs counts the open briefs past those shown.
	MoreBriefs int
}

// PrepTouches and PrepConflictDays bound what a prep sheet shows of the
// past; the rest bound its lists, so a sheet is read in a few quick
// queries whatever the book holds. The counts go on past them.
const (
	PrepTouches      = 2
	PrepConflictDays = 365
	PrepAskAbout     = 3  // notes to open with, per person
	PrepOpen         = 5  // promises, and follow-ups, per person
	PrepBriefs       = 5  // briefs per person, and open briefs of the account
	PrepConflicts    = 3  // conflicts per person
	PrepHealth       = 6  // health checks of the trend
	PrepPeople       = 12 // people of a meeting
	PrepKeyPeople    = 4  // people of an account's sheet: the most influential
)
