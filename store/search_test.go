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

// danaAtAcme is a new book with one person, whose notes the search tests
// write.
func danaAtAcme(t *testing.T) (*Store, model.Person) {
	t.Helper()
	ctx := context.Background()
	st := openTest(t)
	a, err := st.CreateAccount(ctx, model.Account{Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.CreatePerson(ctx, model.Person{AccountID: a.ID, Name: "Dana Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	return st, p
}

// budgetLine is a sentence of 50 bytes that long notes repeat.
const budgetLine = "Budget for the pricing study is frozen until May. "

// TestSearchSnippets: a text hit shows the words around the match, cut around
// it before the text is split — a note of 100 KB whose word is near its end shows
// that word, with ellipses where the text goes on — and its title is the
// text's first line.
func TestSearchSnippets(t *testing.T) {
	ctx := context.Background()
	st, p := danaAtAcme(t)
	filler := strings.Repeat(budgetLine, 2000) // 100 KB
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

// TestSearchKeepsLongTexts: quick find reads a long text once while the
// book is unchanged, and reads it again once anything is saved, here or
// by another process.
func TestSearchKeepsLongTexts(t *testing.T) {
	ctx := context.Background()
	st, p := danaAtAcme(t)
	filler := strings.Repeat(budgetLine, 400) // 20 KB
	n, err := st.CreateNote(ctx, model.Note{PersonID: p.ID, Text: "Minutes\n" + filler + "The zeppelin hangar was booked."})
	if err != nil {
		t.Fatal(err)
	}
	short, _ := st.CreateNote(ctx, model.Note{PersonID: p.ID, Text: "The zeppelin museum, next time."})
	snippetOf := func(st *Store, q string) string {
		t.Helper()
		hits, err := st.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Kind == HitNote && h.ID == n.ID {
				return h.Text
			}
		}
		t.Fatalf("%q does not find the long note: %+v", q, hits)
		return ""
	}
	if got := snippetOf(st, "zeppel"); !strings.Contains(got, "zeppelin hangar") {
		t.Fatalf("first search: %q", got)
	}
	held := func() []int64 {
		st.long.mu.Lock()
		defer st.long.mu.Unlock()
		var rs []int64
		for r := range st.long.texts {
			rs = append(rs, r)
		}
		return rs
	}
	if rs := held(); len(rs) != 1 || rs[0] != n.ID*8+int64(HitNote) {
		t.Fatalf("held after a search: %v, want only the long note (%d), not the short one (%d)", rs, n.ID*8+4, short.ID*8+4)
	}
	if got := snippetOf(st, "zeppeli"); !strings.Contains(got, "zeppelin hangar") {
		t.Fatalf("from what was held: %q", got)
	}

	// A search given up (the next key was typed) leaves the book's version
	// as comparable as before.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	st.Search(gone, "zeppelin", 10)
	n.Text = strings.Replace(n.Text, "hangar was booked", "hangar fell through", 1)
	if _, err := st.UpdateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	if got := snippetOf(st, "zeppelin"); !strings.Contains(got, "fell through") {
		t.Fatalf("after an edit here: %q", got)
	}

	other, err := Open(ctx, st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	n.Text = strings.Replace(n.Text, "fell through", "is ours in June", 1)
	if _, err := other.UpdateNote(ctx, n); err != nil {
		t.Fatal(err)
	}
	if got := snippetOf(st, "zeppelin"); !strings.Contains(got, "is ours in June") {
		t.Fatalf("after an edit by another process: %q", got)
	}
}

// TestLongCacheBound: the texts held stay under longCacheMax, the oldest
// going first, and texts read before the book changed are not kept.
func TestLongCacheBound(t *testing.T) {
	var c longCache
	l := c.at(1)
	text := strings.Repeat("x", longCacheMax/3+1)
	for r := int64(1); r <= 4; r++ {
		l.keep(r, text)
	}
	if c.size > longCacheMax || len(c.texts) != 2 || c.texts[1] != "" || c.texts[4] == "" {
		t.Fatalf("size %d, held %d: want the two newest", c.size, len(c.texts))
	}
	if got := l.take([]int64{3, 4, 5}); len(got) != 2 {
		t.Fatalf("take: %d texts", len(got))
	}
	c.at(2)
	l.keep(9, text) // read at version 1, after version 2 was seen
	if len(c.texts) != 0 || len(l.take([]int64{3, 4, 9})) != 0 {
		t.Fatalf("a new version keeps nothing of the old: %d held", len(c.texts))
	}
}
