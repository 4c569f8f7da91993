package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"rapport/model"
)

func TestSearchRanking(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	old, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Dana Old"})
	// Many newer people with "dana" as a later word, and newer notes naming
	// her: by age alone they would crowd out the name that starts with it.
	for i := range 250 {
		st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: fmt.Sprintf("Lee %03d Dana", i)})
	}
	for range 60 {
		st.CreateNote(ctx, model.Note{PersonID: old.ID, Text: "Dana said yes", Kind: model.NoteBusiness})
	}
	t.Run("OK", func(t *testing.T) {
		hits, err := st.Search(ctx, "dana", 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 50 || hits[0].Title != "Dana Old" || hits[0].Match != MatchPrefix {
			t.Fatalf("dana: %d hits, first %+v", len(hits), hits[0])
		}
		for i, h := range hits[1:] {
			if h.Match != MatchWord || h.Kind != HitPerson {
				t.Errorf("hit %d: %+v", i+1, h)
			}
		}
	})
	t.Run("Spellings", func(t *testing.T) {
		p, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Søren Ølsen"})
		st.CreateNote(ctx, model.Note{PersonID: p.ID, Text: "Bjørn Æbelø sends regards", Kind: model.NotePersonal})
		for q, want := range map[string]string{"olsen": "Søren Ølsen", "ølsen": "Søren Ølsen", "SOREN": "Søren Ølsen", "søren øl": "Søren Ølsen", "bjorn aebelo": "Bjørn Æbelø sends regards"} {
			hits, err := st.Search(ctx, q, 50)
			if err != nil || len(hits) != 1 || hits[0].Title != want {
				t.Errorf("%q: %+v %v", q, hits, err)
			}
		}
		if got := spellings("olsen"); strings.Join(got, " ") != "olsen ølsen ołsen øłsen" {
			t.Errorf("spellings(olsen) = %q", got)
		}
		if got := spellings("oooooooo"); len(got) != maxSpellings {
			t.Errorf("spellings of a long term: %d", len(got))
		}
	})
}

func TestPositions(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme", Revenue: 5})
	b, _ := st.CreateAccount(ctx, model.Account{Name: "Bolt", Revenue: 9})
	c, _ := st.CreateAccount(ctx, model.Account{Name: "Crane", Revenue: 7})
	st.ArchiveAccount(ctx, c.ID, true)
	var zoe model.Person
	for _, n := range []string{"Zoë", "Ada", "Émile", "Bea"} {
		p, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: n})
		if n == "Zoë" {
			zoe = p
		}
	}
	t.Run("OK", func(t *testing.T) {
		for _, tc := range []struct {
			f    AccountFilter
			id   int64
			want int
		}{
			{AccountFilter{Sort: SortName}, b.ID, 1},
			{AccountFilter{Sort: SortRevenue}, b.ID, 0},
			{AccountFilter{Sort: SortRevenue}, a.ID, 1},
			{AccountFilter{Sort: SortRevenue, Archived: true}, a.ID, 2},
		} {
			pos, err := st.AccountPosition(ctx, tc.f, tc.id)
			if err != nil || pos.Index != tc.want || pos.Cursor.ID != tc.id {
				t.Errorf("%+v %d: %+v %v, want index %d", tc.f, tc.id, pos, err, tc.want)
			}
			// The page read from the cursor starts with the row.
			p, _ := st.Accounts(ctx, tc.f, PageReq{From: &pos.Cursor, Limit: 1})
			if len(p.Items) != 1 || p.Items[0].ID != tc.id {
				t.Errorf("page from the cursor: %+v", p.Items)
			}
		}
		pos, err := st.PersonPosition(ctx, PersonFilter{}, zoe.ID)
		if err != nil || pos.Index != 3 {
			t.Errorf("Zoë at %+v %v, want after Ada, Bea, Émile", pos, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := st.AccountPosition(ctx, AccountFilter{}, c.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("an archived account outside the list: %v", err)
		}
		if _, err := st.PersonPosition(ctx, PersonFilter{Query: "ada"}, zoe.ID); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("a person the filter leaves out: %v", err)
		}
	})
}

// TestSearchSnippets: a text hit shows the words around the match, cut around
// it before the text is split — a note of 100 KB whose word is near its end shows
// that word, with ellipses where the text goes on — and its title is the
// text's first line.
func TestSearchSnippets(t *testing.T) {
	ctx := context.Background()
	st := openTest(t)
	a, _ := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	p, _ := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Dana Okafor"})
	filler := strings.Repeat("Budget for the pricing study is frozen until May. ", 2000) // 100 KB
	for _, c := range []struct {
		name, text, query, want string
		before, after           bool
	}{
		{"Short", "Minutes\nThe Zeppelin hangar was booked.", "zeppelin", "Minutes The Zeppelin hangar was booked.", false, false},
		{"NearTheEnd", "Minutes of the board\n" + filler + "The Zeppelin hangar was booked. " + filler[:3000], "zeppelin", "The Zeppelin hangar was booked.", true, true},
		{"AtTheStart", "Airship minutes\nA blimp " + filler, "blimp", "Airship minutes A blimp Budget", false, true},
		{"AccentsInTheWindow", "Zoë minutes\n" + filler, "zoe", "Zoë minutes", false, true},
		{"AccentsFarIn", "Minutes\n" + filler + "Then Zoë said yes. " + filler[:3000], "zoe", "Then Zoë said yes.", true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			n, err := st.CreateNote(ctx, model.Note{PersonID: p.ID, Text: c.text})
			if err != nil {
				t.Fatal(err)
			}
			defer st.DeleteNote(ctx, n.ID)
			hits, err := st.Search(ctx, c.query, 5)
			if err != nil {
				t.Fatal(err)
			}
			var h *Hit
			for i := range hits {
				if hits[i].Kind == HitNote && hits[i].ID == n.ID {
					h = &hits[i]
				}
			}
			if h == nil {
				t.Fatalf("%q does not find the note: %+v", c.query, hits)
			}
			first, _, _ := strings.Cut(c.text, "\n")
			if h.Title != first || !strings.Contains(h.Text, c.want) || len([]rune(h.Text)) > 125 ||
				strings.HasPrefix(h.Text, "…") != c.before || strings.HasSuffix(h.Text, "…") != c.after {
				t.Errorf("title %q, text %q: want %q around %q, cut before %v, after %v", h.Title, h.Text, first, c.want, c.before, c.after)
			}
		})
	}
}
