package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
)

// status is the root's status line.
func statusOf(m tea.Model) string { return m.(Model).status }

// u takes back every kind of change made in the session, several levels
// deep, from any pane, and says what it undid.
func TestUndoEveryKindOfChange(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	dana, err := st.ResolvePerson(ctx, "Dana Okafor", store.PersonName{})
	if err != nil {
		t.Fatal(err)
	}
	m := startApp(t, st, 120, 35)

	t.Run("NothingYet", func(t *testing.T) {
		for _, pane := range []string{"2", "3", "4"} {
			m = press(t, m, pane, "u")
			if statusOf(m) != "Nothing to undo." {
				t.Errorf("u in pane %s says %q", pane, statusOf(m))
			}
		}
	})

	t.Run("EditAndCreate", func(t *testing.T) {
		// An edit of Dana's title, then a note on her: u takes back the
		// note, then the edit.
		m = press(t, m, "ctrl+k", "dana okafor", "enter", "e")
		f := peopleOf(m).ed.ed.form
		formFieldOf(f, "title").setValue("Chief Brand Officer")
		m = press(t, m, "ctrl+s")
		m = press(t, m, "N")
		m = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Her daughter starts school")})
		m = press(t, m, "ctrl+s")
		if p, _ := st.Person(ctx, dana.ID); p.Title != "Chief Brand Officer" {
			t.Fatalf("the edit did not save: %q", p.Title)
		}
		m = press(t, m, "u")
		if !strings.Contains(statusOf(m), "Undone: adding the note on Dana Okafor") {
			t.Errorf("status after the first u: %q", statusOf(m))
		}
		notes, _ := st.Notes(ctx, store.NoteFilter{PersonID: dana.ID}, store.PageReq{Limit: 100})
		for _, n := range notes.Items {
			if n.Text == "Her daughter starts school" {
				t.Errorf("the note is still there after u")
			}
		}
		m = press(t, m, "u")
		if p, _ := st.Person(ctx, dana.ID); p.Title != dana.Title {
			t.Errorf("after the second u the title is %q, want %q", p.Title, dana.Title)
		}
		if !strings.Contains(statusOf(m), "Undone: editing Dana Okafor") {
			t.Errorf("status after the second u: %q", statusOf(m))
		}
	})

	t.Run("ArchiveThenDelete", func(t *testing.T) {
		// D archives Dana, D again deletes her for good; u brings her back
		// with her notes, then un-archives her.
		notesBefore, _ := st.Notes(ctx, store.NoteFilter{PersonID: dana.ID}, store.PageReq{Limit: 100})
		m = press(t, m, "ctrl+k", "dana okafor", "enter", "D", "y")
		if p, _ := st.Person(ctx, dana.ID); !p.Archived() {
			t.Fatalf("D, y did not archive Dana: %s", statusOf(m))
		}
		m = runCmds(t, m, peopleOf(m).Open(store.HitPerson, dana.ID)) // the archived dossier, as quick find opens it
		m = press(t, m, "D", "y")
		if _, err := st.Person(ctx, dana.ID); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("D, y on the archived Dana did not delete her: %v (%s)", err, statusOf(m))
		}
		m = press(t, m, "u")
		back, err := st.ResolvePerson(ctx, "Dana Okafor", store.PersonName{})
		if err == nil {
			t.Fatalf("Dana is live right after undoing the delete; she was archived")
		}
		people, _ := st.People(ctx, store.PersonFilter{Query: "dana okafor", Archived: true}, store.PageReq{Limit: 5})
		if len(people.Items) != 1 || people.Items[0].UID != dana.UID {
			t.Fatalf("u did not bring Dana back with her uid: %+v, %v", people.Items, back)
		}
		notesAfter, _ := st.Notes(ctx, store.NoteFilter{PersonID: people.Items[0].ID}, store.PageReq{Limit: 100})
		if len(notesAfter.Items) != len(notesBefore.Items) {
			t.Errorf("%d notes came back, want %d", len(notesAfter.Items), len(notesBefore.Items))
		}
		m = press(t, m, "u")
		if _, err := st.ResolvePerson(ctx, "Dana Okafor", store.PersonName{}); err != nil {
			t.Errorf("the second u did not take back the archive: %v (%s)", err, statusOf(m))
		}
	})

	t.Run("StageMoveAndChecks", func(t *testing.T) {
		page, _ := st.Briefs(ctx, store.BriefFilter{Stage: model.StageChecks}, store.PageReq{Limit: 1})
		if len(page.Items) == 0 {
			t.Skip("the small demo has no brief in checks")
		}
		b, _ := st.Brief(ctx, page.Items[0].ID)
		m = runCmds(t, m, func() tea.Msg { return openMsg{kind: store.HitBrief, id: b.ID} })
		m = press(t, m, "<")
		if got, _ := st.Brief(ctx, b.ID); got.Stage != model.StageCreate {
			t.Fatalf("< moved %q to %s: %s", b.Title, got.Stage, statusOf(m))
		}
		m = press(t, m, "u")
		got, _ := st.Brief(ctx, b.ID)
		if got.Stage != model.StageChecks || len(got.History) != len(b.History) {
			t.Errorf("after u the brief is in %s with %d history rows, want checks with %d (%s)", got.Stage, len(got.History), len(b.History), statusOf(m))
		}
	})
}
