package model

// DatasetFormat and DatasetVersion identify rapport's JSON document. The
// version changes when a field changes meaning or goes away; new optional
// fields keep it.
const (
	DatasetFormat  = "rapport"
	DatasetVersion = 1
)

// The document's lists, by key, in the order rapport writes them.
const (
	KeyAccounts  = "accounts"
	KeyPeople    = "people"
	KeyNotes     = "notes"
	KeyTouches   = "touches"
	KeyHealth    = "health"
	KeyBriefs    = "briefs"
	KeyFollowUps = "follow_ups"
	KeyMeetings  = "meetings"
)

// Dataset is everything in a rapport database, linked by uid: the JSON
// export and import document.
type Dataset struct {
	Format    string        `json:"format"`
	Version   int           `json:"version"`
	Accounts  []Account     `json:"accounts"`
	People    []Person      `json:"people"`
	Notes     []Note        `json:"notes"`
	Touches   []Touch       `json:"touches"`
	Health    []HealthCheck `json:"health"`
	Briefs    []Brief       `json:"briefs"`
	FollowUps []FollowUp    `json:"follow_ups"`
	Meetings  []Meeting     `json:"meetings"`
}

// Total is how many records the document holds, of every kind.
func (d Dataset) Total() int {
	return len(d.Accounts) + len(d.People) + len(d.Notes) + len(d.Touches) + len(d.Health) + len(d.Briefs) + len(d.FollowUps) + len(d.Meetings)
}

// MarshalText writes the recurrence as text ("weekly", "every 2 weeks").
func (r Recurrence) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a recurrence written by MarshalText.
func (r *Recurrence) UnmarshalText(b []byte) error {
	v, err := ParseRecurrence(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}
