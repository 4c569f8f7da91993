package model

import "time"

// NoteKind says what a note is about.
type NoteKind string

const (
	NotePersonal NoteKind = "personal" // family, hobbies, milestones
	NoteBusiness NoteKind = "business"
	NoteInsight  NoteKind = "insight"  // news shared as the client's eyes and ears
	NoteConflict NoteKind = "conflict" // a dispute and how it was resolved
)

// NoteKinds lists the kinds of note.
var NoteKinds = []NoteKind{NotePersonal, NoteBusiness, NoteInsight, NoteConflict}

// Note is dated text on a person or an account. A note on a person also
// carries the person's account, so the account's timeline shows it.
type Note struct {
	ID         int64     `json:"-"`
	UID        string    `json:"uid"`
	AccountID  int64     `json:"-"`
	AccountUID string    `json:"account"`
	PersonID   int64     `json:"-"`
	PersonUID  string    `json:"person,omitempty"`
	Kind       NoteKind  `json:"kind"`
	Text       string    `json:"text"`
	On         Date      `json:"on"`
	AskAfter   Date      `json:"ask_after,omitzero"` // from this day, a conversation opener on Today
	AskedAt    time.Time `json:"asked_at,omitzero"`
	Pinned     bool      `json:"pinned,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`

	// Derived by the store.
	PersonName  string `json:"-"`
	AccountName string `json:"-"`
}

// Validate checks the note.
func (n Note) Validate() error {
	if n.AccountID == 0 && n.AccountUID == "" && n.PersonID == 0 && n.PersonUID == "" {
		return Invalid("about", "a note is on a person or an account")
	}
	if n.Kind != "" && !oneOf(n.Kind, NoteKinds) {
		return Invalid("kind", "must be one of %s", joinAny(NoteKinds))
	}
	if err := checkLongRequired("text", n.Text); err != nil {
		return err
	}
	if n.On.IsZero() {
		return Invalid("date", "is required")
	}
	return nil
}

// AskDue reports whether the note should be raised on today: its ask-after
// day has come and it has not been marked asked.
func (n Note) AskDue(today Date) bool {
	return !n.AskAfter.IsZero() && !n.AskAfter.After(today) && n.AskedAt.IsZero()
}

func checkLongRequired(field, v string) error {
	if len(v) == 0 || isBlank(v) {
		return Invalid(field, "is required")
	}
	return checkLong(field, v)
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// TouchKind is the kind of interaction.
type TouchKind string

const (
	TouchCall        TouchKind = "call"
	TouchMeeting     TouchKind = "meeting"
	TouchEmail       TouchKind = "email"
	TouchMessage     TouchKind = "message"
	TouchQBR         TouchKind = "qbr"
	TouchDeliverable TouchKind = "deliverable"
)

// TouchKinds lists the kinds of touch.
var TouchKinds = []TouchKind{TouchCall, TouchMeeting, TouchEmail, TouchMessage, TouchQBR, TouchDeliverable}

// Touch is a logged interaction with one or more people of an account. The
// newest touch of a person restarts their cadence.
type Touch struct {
	ID         int64     `json:"-"`
	UID        string    `json:"uid"`
	AccountID  int64     `json:"-"`
	AccountUID string    `json:"account"`
	Kind       TouchKind `json:"kind"`
	On         Date      `json:"on"`
	Summary    string    `json:"summary"`
	Text       string    `json:"text,omitempty"`
	PersonIDs  []int64   `json:"-"`
	PersonUIDs []string  `json:"people,omitempty"`
	// MessageID is the mail a touch was logged from (rapport log --eml):
	// the same mail is logged once.
	MessageID string    `json:"message_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Derived by the store.
	PersonNames []string `json:"-"`
	AccountName string   `json:"-"`
}

// Validate checks the touch.
func (t Touch) Validate() error {
	if t.AccountID == 0 && t.AccountUID == "" {
		return Invalid("account", "is required")
	}
	if !oneOf(t.Kind, TouchKinds) {
		return Invalid("kind", "must be one of %s", joinAny(TouchKinds))
	}
	if t.On.IsZero() {
		return Invalid("date", "is required")
	}
	if isBlank(t.Summary) {
		return Invalid("summary", "is required")
	}
	if err := checkShort("summary", t.Summary); err != nil {
		return err
	}
	if err := checkShort("message id", t.MessageID); err != nil {
		return err
	}
	return checkLong("text", t.Text)
}
