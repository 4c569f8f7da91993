package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The prep sheet (m on a person, an account or a meeting): what matters
// about the people about to be met, over the whole pane, scrolled with the
// list's keys; w writes it as Markdown after asking where.

// prepHost gives a pane its prep sheet: closed, being read, or shown.
type prepHost struct {
	c    *common
	pane paneID
	keys prepKeys
	list listKeys
	gen  int // bumps per open; an older answer is dropped
	v    *prepView
}

// prepView is an open prep sheet.
type prepView struct {
	req   store.PrepReq
	title string      // what it is for, shown while it is read
	prep  *model.Prep // once read
	vp    viewport.Model
	width int // the width it was drawn for
}

// prepMsg carries a prep sheet read for a pane.
type prepMsg struct {
	pane paneID
	gen  int
	prep model.Prep
	err  error
}

func (m prepMsg) target() paneID { return m.pane }

// prepWrittenMsg reports a prep sheet written to a file by the form that
// asked where.
type prepWrittenMsg struct {
	pane paneID
	form *form
	path string
}

func (m prepWrittenMsg) target() paneID { return m.pane }

func newPrepHost(c *common, pane paneID) prepHost {
	return prepHost{c: c, pane: pane, keys: keyMap.prep, list: keyMap.list}
}

func (h *prepHost) active() bool { return h.v != nil }

// open shows the prep sheet of req (titled title until it is read) in a
// w×height pane, read in a command.
func (h *prepHost) open(req store.PrepReq, title string, w, height int) tea.Cmd {
	h.gen++
	vp := viewport.New(w, max(height-1, 1))
	vp.SetContent(h.c.styles.Muted.Render("  reading…"))
	h.v = &prepView{req: req, title: title, vp: vp}
	req.Today = h.c.today()
	return loadPrep(h.c, h.pane, h.gen, req)
}

// loadPrep reads a prep sheet in a command.
func loadPrep(c *common, pane paneID, gen int, req store.PrepReq) tea.Cmd {
	st := c.store
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		p, err := st.Prep(ctx, req)
		return prepMsg{pane: pane, gen: gen, prep: p, err: err}
	}
}

// handle takes the prep sheet's messages; ok is false for any other.
func (h *prepHost) handle(msg tea.Msg, ed *editorHost) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case prepMsg:
		if h.v == nil || msg.gen != h.gen {
			return nil, true // an older sheet's, or one closed meanwhile: dropped
		}
		if msg.err != nil {
			h.v = nil
			return statusErr(msg.err), true
		}
		p := msg.prep.WithoutOwn(h.c.own)
		h.v.prep, h.v.width = &p, 0
		h.resize(h.v.vp.Width, h.v.vp.Height+1)
		return nil, true
	case prepWrittenMsg:
		if ed.ed != nil && ed.ed.form == msg.form {
			ed.ed = nil
		}
		h.c.lastDir = filepath.Dir(msg.path)
		return status("Wrote " + termtext.SanitizeLine(msg.path) + "."), true
	case savedMsg, reloadMsg:
		if h.v != nil && h.v.prep != nil {
			// What it shows may have changed: read it again, in place.
			h.gen++
			req := h.v.req
			req.Today = h.c.today()
			return loadPrep(h.c, h.pane, h.gen, req), false
		}
	}
	return nil, false
}

// resize draws the sheet for a new size; it runs on a resize and when the
// sheet arrives, never per frame.
func (h *prepHost) resize(w, height int) {
	if h.v == nil {
		return
	}
	v := h.v
	v.vp.Width, v.vp.Height = w, max(height-1, 1)
	if v.prep == nil || v.width == w {
		return
	}
	v.vp.SetContent(prepText(h.c.styles, *v.prep, max(w-2, 20), time.Local))
	v.width = w
}

// key acts in the open sheet: close, write, scroll.
func (h *prepHost) key(msg tea.KeyMsg, ed *editorHost, w, height int) tea.Cmd {
	switch {
	case key.Matches(msg, h.keys.Close):
		h.v = nil
	case key.Matches(msg, h.keys.Write):
		return h.writeForm(ed, w, height)
	default:
		scrollKey(msg, h.list, &h.v.vp)
	}
	return nil
}

// scrollKey moves a viewport of text by the list's keys (and space for a
// page), as the prep sheet and the brief preview both scroll.
func scrollKey(msg tea.KeyMsg, k listKeys, vp *viewport.Model) {
	switch {
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown), key.Matches(msg, keyMap.brief.Space):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	}
}

// writeForm asks where to write the sheet as Markdown: a path prefilled
// with the last directory written to (else ~/) and the sheet's file name.
// It never overwrites a file.
func (h *prepHost) writeForm(ed *editorHost, w, height int) tea.Cmd {
	if h.v == nil || h.v.prep == nil {
		return status("The prep sheet is still being read.")
	}
	p := *h.v.prep
	name := exchange.PrepFileName(p, time.Local)
	path := "~/" + name
	if dir := h.c.lastDir; dir != "" {
		path = filepath.Join(dir, name)
	}
	f := newForm("Write the prep sheet “"+termtext.SanitizeLine(p.Title)+"”", h.c.styles,
		fieldSpec{key: "path", label: "Write to", value: path, hint: "a file that does not exist yet; ~ is your home"})
	md := exchange.PrepMarkdown(p, time.Local)
	pane := h.pane
	return ed.open(f, w, height, func(f *form) tea.Cmd {
		target, err := expandHome(f.value("path"))
		if err != nil {
			return f.failField("path", err)
		}
		return func() tea.Msg {
			if err := writeNewFile(target, md); err != nil {
				return saveFailedMsg{form: f, err: err}
			}
			return prepWrittenMsg{pane: pane, form: f, path: target}
		}
	})
}

func (h *prepHost) help() bindings {
	k, pk, bk := h.list, h.keys, keyMap.brief
	return bindings{short: []key.Binding{pk.Close, bk.Scroll, bk.Page, pk.Write},
		full: [][]key.Binding{{pk.Close, k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, pk.Write}}}
}

// guide is the prep sheet's keys in the full help.
func (h *prepHost) guide() keyGroup {
	bk := keyMap.brief
	return keyGroup{"Prep sheet", []key.Binding{h.keys.Close, bk.Scroll, bk.Space, bk.Page, h.keys.Write}}
}

func (h *prepHost) view(w, height int) string {
	st := h.c.styles
	v := h.v
	title := v.title
	if v.prep != nil {
		title = v.prep.Title
	}
	tail := " " + keyName(h.keys.Write) + " write · " + keyName(h.keys.Close) + " close"
	if v.prep != nil && v.vp.TotalLineCount() > v.vp.Height {
		tail = fmt.Sprintf(" %3.f%% ·", v.vp.ScrollPercent()*100) + tail
	}
	tail = st.Muted.Render(tail)
	head := termtext.Fit(st.Heading.Render("Prep ")+termtext.SanitizeLine(title), max(w-lipgloss.Width(tail), 1)) + tail
	return padLines(termtext.Fit(head, w)+"\n"+v.vp.View(), w, height)
}

// prepText draws a prep sheet for the terminal, width cells wide: the
// meeting, then each person's lines (model.PrepPerson.Lines) under their
// name, who else is invited, and the account's lines. Every line is one
// fact, clipped to the width; the full text is in the Markdown (w).
func prepText(st Styles, p model.Prep, width int, loc *time.Location) string {
	var b strings.Builder
	line := func(s string) {
		b.WriteString(termtext.Fit(s, width))
		b.WriteByte('\n')
	}
	const labelW = 14
	facts := func(ls []model.PrepLine) {
		for _, l := range ls {
			text := termtext.SanitizeLine(l.Text)
			if l.Warn {
				text = st.Warn.Render(text)
			}
			line("  " + st.Label.Render(termtext.Fit(l.Label, labelW)) + " " + text)
		}
	}
	if m := p.Meeting; m != nil {
		day := model.DateOf(m.Start.In(loc))
		if m.AllDay {
			day = model.DateOf(m.Start)
		}
		when := day.Relative(p.Today) + " " + m.Hours(loc)
		parts := []string{when}
		for _, s := range []string{m.Location, m.AccountName} {
			if s = termtext.SanitizeLine(s); s != "" {
				parts = append(parts, s)
			}
		}
		if m.Debriefed() {
			parts = append(parts, "debriefed")
		}
		line(st.Title.Render(termtext.SanitizeLine(m.Title)) + "  " + st.Muted.Render(strings.Join(parts, " · ")))
	}
	for _, pp := range p.People {
		name, fs := pp.Head()
		line(st.Heading.Render(termtext.SanitizeLine(name)) + "  " + st.Muted.Render(termtext.SanitizeLine(strings.Join(fs, " · "))))
		if ls := pp.Lines(p.Today); len(ls) > 0 {
			facts(ls)
		} else {
			line(st.Muted.Render("  Nothing noted yet — " + keyName(keyMap.item.Note) + " on them in People adds a note."))
		}
	}
	if len(p.Others) > 0 {
		var names []string
		for _, a := range p.Others {
			names = append(names, termtext.SanitizeLine(a.Label()))
		}
		line(st.Label.Render("Also invited") + "   " + st.Muted.Render(strings.Join(names, ", ")))
	}
	if len(p.People) == 0 && p.Meeting != nil {
		line(st.Muted.Render("Nobody invited is a person in rapport yet: add their emails to people, or import them (rapport import FILE.vcf)."))
	}
	if a := p.Account; a != nil {
		if ls := a.Lines(p.Today); len(ls) > 0 {
			line(st.Heading.Render(termtext.SanitizeLine(a.Account.Name)))
			facts(ls)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
