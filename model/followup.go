package model

import (
	"fmt"
	"time"
)

// FollowUpKind tells a plain follow-up from a promise made to the client.
type FollowUpKind string

const (
	KindFollowUp FollowUpKind = "follow-up"
	KindPromise  FollowUpKind = "promise" // something we told the client we would do
)

// FollowUpKinds lists the kinds of follow-up.
var FollowUpKinds = []FollowUpKind{KindFollowUp, KindPromise}

// FollowUp is a reminder, optionally linked to an account, a person and a brief.
type FollowUp struct {
	ID             int64        `json:"-"`
	UID            string       `json:"uid"`
	Text           string       `json:"text"`
	Kind           FollowUpKind `json:"kind"`
	DueOn          Date         `json:"due_on"`
	DueTime        string       `json:"due_time,omitempty"` // "15:04" local, or ""
	AccountID      int64        `json:"-"`
	AccountUID     string       `json:"account,omitempty"`
	PersonID       int64        `json:"-"`
	PersonUID      string       `json:"person,omitempty"`
	BriefID        int64        `json:"-"`
	BriefUID       string       `json:"brief,omitempty"`
	Recur          Recurrence   `json:"recurrence,omitzero"`
	FromCompletion bool         `json:"from_completion,omitempty"`
	SnoozedUntil   Date         `json:"snoozed_until,omitzero"`
	DoneAt         time.Time    `json:"done_at,omitzero"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`

	// Derived by the store.
	AccountName string `json:"-"`
	PersonName  string `json:"-"`
	BriefTitle  string `json:"-"`
}

// Done reports whether the follow-up is done.
func (f FollowUp) Done() bool { return !f.DoneAt.IsZero() }

// AgendaOn is the day the follow-up shows on the agenda: its due day, or the
// day it is snoozed until when that is later.
func (f FollowUp) AgendaOn() Date {
	if f.SnoozedUntil.After(f.DueOn) {
		return f.SnoozedUntil
	}
	return f.DueOn
}

// Overdue reports whether an open follow-up is past its day.
func (f FollowUp) Overdue(today Date) bool { return !f.Done() && f.AgendaOn().Before(today) }

// Validate checks the follow-up.
func (f FollowUp) Validate() error {
	if err := checkLongRequired("text", f.Text); err != nil {
		return err
	}
	if f.Kind != "" && !oneOf(f.Kind, FollowUpKinds) {
		return Invalid("kind", "must be follow-up or promise")
	}
	if f.DueOn.IsZero() {
		return Invalid("due", "is required — try tomorrow, fri, +2w or 2026-12-03")
	}
	if !f.DueOn.InRange() {
		return Invalid("due", "year %d is out of range", f.DueOn.Year())
	}
	if f.DueTime != "" {
		if _, err := time.Parse("15:04", f.DueTime); err != nil {
			return Invalid("time", "%q is not a time like 15:00", Clip(f.DueTime))
		}
	}
	if f.Recur.Every < 0 || (f.Recur.Every > 0 && f.Recur.Unit == "") {
		return Invalid("repeat", "is not a valid recurrence")
	}
	return nil
}

// Next returns the follow-up that replaces a recurring one completed on
// doneOn: due one period after its due date, or after the completion when it
// counts from completion. ok is false when it does not recur.
func (f FollowUp) Next(doneOn Date) (next FollowUp, ok bool) {
	if f.Recur.IsZero() {
		return FollowUp{}, false
	}
	base := f.DueOn
	if f.FromCompletion {
		base = doneOn
	}
	due := f.Recur.Next(base)
	// Counting from the due date, a long-overdue item must not spawn one that
	// is overdue already: skip ahead to the first occurrence after today.
	for i := 0; !f.FromCompletion && !due.After(doneOn) && i < 100000; i++ {
		due = f.Recur.Next(due)
	}
	next = FollowUp{
		Text: f.Text, Kind: f.Kind, DueOn: due, DueTime: f.DueTime,
		AccountID: f.AccountID, PersonID: f.PersonID, BriefID: f.BriefID,
		AccountUID: f.AccountUID, PersonUID: f.PersonUID, BriefUID: f.BriefUID,
		Recur: f.Recur, FromCompletion: f.FromCompletion,
	}
	return next, true
}

// DueString formats the due day and time, e.g. "2026-12-03 15:00".
func (f FollowUp) DueString() string {
	if f.DueTime == "" {
		return f.DueOn.String()
	}
	return fmt.Sprintf("%s %s", f.DueOn, f.DueTime)
}
