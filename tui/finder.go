package tui

import (
	"context"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// finderLimit is how many results quick find shows.
const finderLimit = 50

// finder is quick find (ctrl+k): one box, results from every kind as you
// type. Each keystroke starts a search in a command; results for an older
// query are dropped, so typing never waits for the database.
type finder struct {
	c       *common
	input   textinput.Model
	hits    []store.Hit
	cells   []string // each hit's row as drawn, but for the selection (settled in Update)
	terms   []string
	sel     int
	seq     int
	err     error
	width   int
	height  int
	keys    finderKeys
	cancel  context.CancelFunc
	pending bool
}

// finderResultsMsg carries the hits for query number seq.
type finderResultsMsg struct {
	seq  int
	hits []store.Hit
	err  error
}

func newFinder(c *common) *finder {
	in := newInput(c.styles)
	in.Prompt = "› "
	in.Placeholder = "a name, a word from a note, a brief…"
	in.CharLimit = 200
	in.Focus()
	return &finder{c: c, input: in, keys: keyMap.finder}
}

func (f *finder) setSize(w, h int) {
	f.width, f.height = w, h
	f.input.Width = max(w-6, 10)
	f.drawCells()
}

// drawCells draws each hit's row for the width: finding and marking the
// words around a match costs more than a frame should, so it is done
// when the hits or the width change, not on every key.
func (f *finder) drawCells() {
	f.cells = f.cells[:0]
	for _, h := range f.hits {
		f.cells = append(f.cells, f.cell(h))
	}
}

func (f *finder) help() bindings {
	return bindings{short: []key.Binding{f.keys.Open, f.keys.Up, f.keys.Down, f.keys.Close}}
}

// update handles a key; self is set to nil to close the finder.
func (f *finder) update(msg tea.KeyMsg, self **finder) tea.Cmd {
	switch {
	case key.Matches(msg, f.keys.Close):
		if f.cancel != nil {
			f.cancel()
		}
		*self = nil
		return nil
	case key.Matches(msg, f.keys.Up):
		f.sel = max(f.sel-1, 0)
		return nil
	case key.Matches(msg, f.keys.Down):
		f.sel = min(f.sel+1, max(len(f.hits)-1, 0))
		return nil
	case key.Matches(msg, f.keys.Open):
		if f.sel < len(f.hits) {
			h := f.hits[f.sel]
			return func() tea.Msg { return openMsg{kind: h.Kind, id: h.ID, back: true} }
		}
		return nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, f.search())
}

// search starts a search for the current text, cancelling the one before.
func (f *finder) search() tea.Cmd {
	if f.cancel != nil {
		f.cancel()
	}
	f.seq++
	q := f.input.Value()
	f.terms = model.SearchTerms(q)
	if len(f.terms) == 0 {
		f.hits, f.sel, f.pending = nil, 0, false
		f.drawCells()
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	f.pending = true
	seq, st := f.seq, f.c.store
	return func() tea.Msg {
		defer cancel()
		hits, err := st.Search(ctx, q, finderLimit)
		return finderResultsMsg{seq: seq, hits: hits, err: err}
	}
}

func (f *finder) results(msg finderResultsMsg) tea.Cmd {
	if msg.seq != f.seq {
		return nil // an older query's answer
	}
	f.pending = false
	f.hits, f.err = msg.hits, msg.err
	f.sel = min(f.sel, max(len(f.hits)-1, 0))
	f.drawCells()
	return nil
}

func (f *finder) view() string {
	st := f.c.styles
	h := max(f.height-3, 3)
	var b strings.Builder
	b.WriteString(st.Heading.Render("Find") + "  " + st.Muted.Render("people, accounts, briefs, notes, follow-ups") + "\n")
	b.WriteString(f.input.View() + "\n")
	rows := h - 3
	switch {
	case f.err != nil:
		b.WriteString(st.StatusErr.Render(errText(f.err)) + "\n")
		rows--
	case len(f.terms) > 0 && len(f.hits) == 0 && !f.pending:
		b.WriteString(st.Empty.Render("Nothing matches “"+termtext.SanitizeLine(f.input.Value())+"”.") + "\n")
		rows -= 3
	}
	start := 0
	if f.sel >= rows {
		start = f.sel - rows + 1
	}
	for i := start; i < len(f.cells) && i < start+rows; i++ {
		b.WriteString(st.row(f.cells[i], f.width, i == f.sel) + "\n")
	}
	return padLines(b.String(), f.width, h)
}

// cell is one result: its kind, then for a note or a follow-up the words
// around the match, for a named item its name, where it lives, and (for a
// hit in its text) the words around the match in the room left.
func (f *finder) cell(h store.Hit) string {
	st := f.c.styles
	avail := f.width - 2 - 11
	kind := st.Muted.Render(termtext.Fit(h.Kind.String(), 10))
	where := termtext.SanitizeLine(h.Context)
	mark := ""
	switch {
	case h.Archived && h.Kind == store.HitFollowUp:
		mark = st.Good.Render(" ✓ done")
	case h.Archived:
		mark = st.Muted.Render(" (archived)")
	}
	var main, extra string
	if h.InText() {
		whereW := min(termtext.Width(where), avail/3)
		main = highlight(excerpt(termtext.SanitizeLine(h.Text), f.terms, avail-whereW-2-termtext.Width(mark)), f.terms, st) + mark
		where = termtext.Clip(where, whereW)
	} else {
		title := termtext.SanitizeLine(h.Title)
		main = highlight(title, f.terms, st) + mark
		if room := avail - termtext.Width(main) - termtext.Width(where) - 4; h.Text != "" && room >= 16 {
			extra = "  " + highlight(excerpt(termtext.SanitizeLine(h.Text), f.terms, room), f.terms, st)
		}
	}
	return kind + " " + main + "  " + st.Muted.Render(where) + extra
}

// excerpt cuts s to width cells so that the first word starting with one of
// the terms shows, with a little of what comes before it.
func excerpt(s string, terms []string, width int) string {
	if width <= 0 {
		return ""
	}
	r := []rune(s)
	at := -1
	for i := 0; i < len(r) && at < 0; i++ {
		if i > 0 && (unicode.IsLetter(r[i-1]) || unicode.IsDigit(r[i-1])) {
			continue
		}
		w := model.Fold(string(r[i:min(i+24, len(r))]))
		for _, t := range terms {
			if strings.HasPrefix(w, t) {
				at = i
				break
			}
		}
	}
	if at > width/3 && termtext.Width(s) > width {
		from := at - width/4
		s = "…" + strings.TrimLeft(string(r[from:]), " ")
	}
	return termtext.Clip(s, width)
}

// highlight marks the words of s that start with one of the terms.
func highlight(s string, terms []string, st Styles) string {
	if len(terms) == 0 {
		return s
	}
	var b strings.Builder
	words := strings.SplitAfter(s, " ")
	for _, w := range words {
		core := strings.TrimRight(w, " ")
		fw := model.Fold(strings.TrimLeft(core, "\"'(“‘[…"))
		hit := false
		for _, t := range terms {
			if strings.HasPrefix(fw, t) {
				hit = true
				break
			}
		}
		if hit {
			b.WriteString(st.Highlight.Render(core) + w[len(core):])
		} else {
			b.WriteString(w)
		}
	}
	return b.String()
}

// padLines makes s exactly h lines of width w.
func padLines(s string, w, h int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(ls) > h {
		ls = ls[:h]
	}
	for len(ls) < h {
		ls = append(ls, "")
	}
	for i, l := range ls {
		ls[i] = termtext.Fit(l, w)
	}
	return strings.Join(ls, "\n")
}

// scopePicker picks the account every pane narrows to (A), with type-ahead.
type scopePicker struct {
	c      *common
	input  textinput.Model
	accts  []model.Account
	sel    int
	seq    int
	keys   finderKeys
	err    error
	loaded bool
}

// scopeResultsMsg carries accounts matching the picker's text.
type scopeResultsMsg struct {
	seq   int
	accts []model.Account
	err   error
}

func newScopePicker(c *common) *scopePicker {
	in := newInput(c.styles)
	in.Prompt = "account › "
	in.CharLimit = 200
	in.Focus()
	return &scopePicker{c: c, input: in, keys: keyMap.scope}
}

func (p *scopePicker) help() bindings {
	esc := p.keys.Close
	if p.c.scope.ID == 0 {
		esc.SetHelp(keyName(esc), "close")
	}
	return bindings{short: []key.Binding{p.keys.Open, p.keys.Up, p.keys.Down, esc}}
}

func (p *scopePicker) update(msg tea.KeyMsg, self **scopePicker) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Close):
		*self = nil
		if p.c.scope.ID == 0 {
			return nil
		}
		return tea.Batch(func() tea.Msg { return scopeMsg{} }, status("Scope cleared: every account."))
	case key.Matches(msg, p.keys.Up):
		p.sel = max(p.sel-1, 0)
		return nil
	case key.Matches(msg, p.keys.Down):
		p.sel = min(p.sel+1, max(len(p.accts)-1, 0))
		return nil
	case key.Matches(msg, p.keys.Open):
		if p.sel < len(p.accts) {
			a := p.accts[p.sel]
			return tea.Batch(func() tea.Msg { return scopeMsg{ID: a.ID, Name: a.Name} }, status("Scoped to "+termtext.SanitizeLine(a.Name)+" — "+keyName(keyMap.global.Scope)+" then "+keyName(keyMap.scope.Close)+" clears."))
		}
		return nil
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, p.search())
}

func (p *scopePicker) search() tea.Cmd {
	p.seq++
	seq, q, st := p.seq, p.input.Value(), p.c.store
	return func() tea.Msg {
		page, err := st.Accounts(context.Background(), store.AccountFilter{Query: q, Sort: store.SortPriority}, store.PageReq{Limit: 30})
		return scopeResultsMsg{seq: seq, accts: page.Items, err: err}
	}
}

func (p *scopePicker) results(msg scopeResultsMsg) {
	if msg.seq == p.seq {
		p.accts, p.err, p.loaded = msg.accts, msg.err, true
		p.sel = min(p.sel, max(len(p.accts)-1, 0))
	}
}

func (p *scopePicker) view(w, h int) string {
	st := p.c.styles
	var b strings.Builder
	hint := "esc closes"
	if p.c.scope.ID != 0 {
		hint = "in scope: " + termtext.SanitizeLine(p.c.scope.Name) + " · " + keyName(keyMap.scope.Close) + " clears it"
	}
	b.WriteString(termtext.Clip(st.Heading.Render("Scope every pane to an account")+"  "+st.Muted.Render(hint), w) + "\n")
	b.WriteString(p.input.View() + "\n")
	switch {
	case p.err != nil:
		b.WriteString(st.StatusErr.Render(termtext.Clip(errText(p.err), w)) + "\n")
	case p.loaded && len(p.accts) == 0 && p.input.Value() == "":
		b.WriteString(st.Empty.Render("No accounts yet — "+keyName(keyMap.scope.Close)+", then "+keyName(keyMap.global.Pane2)+" and "+keyName(keyMap.list.New)+" to add one.") + "\n")
	case p.loaded && len(p.accts) == 0:
		b.WriteString(st.Empty.Render("No account matches “"+termtext.SanitizeLine(p.input.Value())+"”.") + "\n")
	}
	nameW := min(max(w-16, 10), 50)
	for i, a := range p.accts {
		if i >= h-3 {
			break
		}
		line := termtext.Fit(termtext.SanitizeLine(a.Name), nameW) + " " + st.badge(string(a.Tier), string(a.Tier))
		b.WriteString(st.row(line, w, i == p.sel) + "\n")
	}
	return padLines(b.String(), w, h)
}
