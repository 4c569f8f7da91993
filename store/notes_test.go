package store

import (
	"context"
	"testing"

	"rapport/model"
)

// TestLogTouchMarksNotesAsked: a touch that answers a note to ask about
// marks it in the same transaction; a note that is not there undoes both.
func TestLogTouchMarksNotesAsked(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	acc, _ := s.CreateAccount(ctx, model.Account{Name: "Acme"})
	p, _ := s.CreatePerson(ctx, model.Person{AccountID: acc.ID, Name: "Dana"})
	n, err := s.CreateNote(ctx, model.Note{PersonID: p.ID, Text: "marathon", Kind: model.NotePersonal, AskAfter: model.MustDate("2026-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogTouch(ctx, model.Touch{AccountID: acc.ID, PersonIDs: []int64{p.ID}, Summary: "call", Kind: model.TouchCall}, n.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Note(ctx, n.ID); got.AskedAt.IsZero() {
		t.Error("the note is not marked asked")
	}
	if _, err := s.LogTouch(ctx, model.Touch{AccountID: acc.ID, PersonIDs: []int64{p.ID}, Summary: "again", Kind: model.TouchCall}, 9999); err == nil {
		t.Fatal("a touch marking a missing note was logged")
	}
	if ts, _ := s.Touches(ctx, TouchFilter{PersonID: p.ID}, PageReq{Limit: 10}); len(ts.Items) != 1 {
		t.Errorf("touches = %d, want 1: the failed one must leave nothing", len(ts.Items))
	}
}
