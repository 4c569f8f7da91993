package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"rapport/model"
)

// The full help (?): every key of the pane and its overlays, the same on
// every row. A key that does nothing where the cursor is stays listed,
// drawn dim, so the help never changes shape under the user.

// keyGroup is a titled set of keys in the full help.
type keyGroup struct {
	title string
	keys  []key.Binding
}

// guider is a pane with a full help of its own.
type guider interface {
	guide() []keyGroup
}

// applies is b, dimmed in the full help when it does nothing here.
func applies(b key.Binding, ok bool) key.Binding {
	b.SetEnabled(ok)
	return b
}

// moveGroup is every list's moves and filter.
func moveGroup(k listKeys) keyGroup {
	return keyGroup{"Move", []key.Binding{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.Open, k.Back, k.Filter, k.ClearFilter}}
}

// formGroup is the keys of every form.
func formGroup() keyGroup {
	k := keyMap.form
	return keyGroup{"In a form", []key.Binding{k.Next, k.Prev, k.Save, k.Cancel, k.Editor, k.Cycle, k.Space}}
}

// snoozeGroup is the snooze prompt's keys.
func snoozeGroup() keyGroup {
	k := keyMap.snooze
	short := key.NewBinding(key.WithKeys("1", "3", "w"), key.WithHelp("1/3/w", "1 day, 3 days, a week"))
	return keyGroup{"Snoozing", []key.Binding{short, k.Enter, k.Cancel}}
}

// followUpGroup is what acts on a follow-up (f nil: none is selected).
func followUpGroup(f *model.FollowUp, c *common) keyGroup {
	fk, k := keyMap.followUp, keyMap.list
	open := f != nil && !f.Done()
	return keyGroup{"This follow-up", []key.Binding{
		applies(fk.Done, open), applies(fk.Snooze, open), applies(k.FollowUp, true),
		applies(k.Edit, f != nil), applies(k.Delete, f != nil), applies(keyMap.global.Undo, !c.undo.empty()),
	}}
}

// renderGuide lays the groups out in columns, as many side by side as
// width holds, the rest below.
func renderGuide(groups []keyGroup, st Styles, width int) string {
	var blocks []string
	for _, g := range groups {
		if b := renderGroup(g, st); b != "" {
			blocks = append(blocks, b)
		}
	}
	const gap = "    "
	var rows []string
	var row []string
	rowW := 0
	for _, b := range blocks {
		w := lipgloss.Width(b)
		if len(row) > 0 && rowW+len(gap)+w > width {
			rows = append(rows, joinBlocks(row, gap))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			rowW += len(gap)
		}
		row = append(row, b)
		rowW += w
	}
	if len(row) > 0 {
		rows = append(rows, joinBlocks(row, gap))
	}
	return strings.Join(rows, "\n\n")
}

func joinBlocks(bs []string, gap string) string {
	parts := make([]string, 0, 2*len(bs))
	for i, b := range bs {
		if i > 0 {
			parts = append(parts, gap)
		}
		parts = append(parts, b)
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, parts...)
}

// renderGroup is a group's title over its keys, one a line, the keys in a
// column; one that does nothing here is dim.
func renderGroup(g keyGroup, st Styles) string {
	keyW := 0
	for _, b := range g.keys {
		if b.Help().Key != "" {
			keyW = max(keyW, lipgloss.Width(b.Help().Key))
		}
	}
	if keyW == 0 {
		return ""
	}
	lines := []string{st.Heading.Render(g.title)}
	for _, b := range g.keys {
		h := b.Help()
		if h.Key == "" {
			continue
		}
		k := h.Key + strings.Repeat(" ", keyW-lipgloss.Width(h.Key))
		if b.Enabled() {
			lines = append(lines, st.HelpKey.Render(k)+"  "+st.HelpDesc.Render(h.Desc))
		} else {
			lines = append(lines, st.HelpOff.Render(k+"  "+h.Desc))
		}
	}
	return strings.Join(lines, "\n")
}

func (p *todayPane) guide() []keyGroup {
	l, fk, tk := p.list, p.acts.keys, p.keys
	r, ok := p.selected()
	person := false
	if ok {
		_, person = p.personSubject(r)
	}
	asked := fk.Done
	asked.SetHelp(keyName(asked), "asked (a note to ask about)")
	cadence := fk.Snooze
	cadence.SetHelp(keyName(cadence), "snooze a person's cadence (due a touch)")
	dismiss := fk.Snooze
	dismiss.SetHelp(keyName(dismiss), "dismiss a birthday for the year")
	meeting := ok && r.meeting != nil
	prepKey := keyMap.prep.Prep
	prepKey.SetHelp(keyName(prepKey), "prep sheet (a meeting, a person)")
	open, debrief, edit, del, add := tk.Open, p.item.Touch, l.Edit, l.Delete, l.New
	open.SetHelp(keyName(open), "open (a meeting: its prep sheet)")
	debrief.SetHelp(keyName(debrief), "debrief: touch, notes, follow-ups")
	edit.SetHelp(keyName(edit), "edit the meeting")
	del.SetHelp(keyName(del), "delete the meeting")
	add.SetHelp(keyName(add), "add a meeting")
	return []keyGroup{
		{"Move", []key.Binding{l.Down, l.Up, tk.NextSec, tk.PrevSec, l.Top, l.Bottom, l.PageDown, l.PageUp, applies(open, ok)}},
		{"This item", []key.Binding{
			applies(fk.Done, ok && r.fu != nil), applies(asked, ok && r.note != nil), applies(fk.Snooze, ok && r.fu != nil),
			applies(cadence, ok && r.person != nil), applies(dismiss, ok && r.bday != nil),
			applies(p.item.Touch, person), applies(p.item.Note, person), applies(prepKey, person || meeting),
			applies(p.item.Map, ok && p.mapOf(r) != 0), l.FollowUp,
			applies(keyMap.global.Undo, !p.c.undo.empty()),
		}},
		{"This meeting", []key.Binding{applies(debrief, meeting), applies(edit, meeting), applies(del, meeting), add}},
		p.prep.guide(), snoozeGroup(), formGroup(),
	}
}

func (p *accountsPane) guide() []keyGroup {
	k, ak := p.b.keys, p.keys
	_, ok := p.b.list.selected()
	return []keyGroup{
		moveGroup(k),
		{"This account", []key.Binding{k.New, applies(k.Edit, ok), applies(p.item.Note, ok), applies(p.item.Touch, ok), applies(p.item.Health, ok),
			applies(keyMap.prep.Prep, ok), applies(p.item.Map, ok), applies(k.FollowUp, ok), applies(k.Delete, ok), applies(keyMap.global.Undo, !p.c.undo.empty())}},
		{"The list", []key.Binding{ak.Sort, ak.Portfolio, ak.Archived}},
		dossierGroup(),
		{"The account's dossier", []key.Binding{ak.Why}},
		{"Portfolio", []key.Binding{ak.PortfolioClose, k.Down, k.Up}},
		p.prep.guide(), formGroup(),
	}
}

func (p *peoplePane) guide() []keyGroup {
	k := p.b.keys
	_, ok := p.b.list.selected()
	return []keyGroup{
		moveGroup(k),
		{"This person", []key.Binding{k.New, applies(k.Edit, ok), applies(p.item.Note, ok), applies(p.item.Touch, ok),
			applies(keyMap.prep.Prep, ok), applies(p.item.Map, ok), applies(k.FollowUp, ok), applies(k.Delete, ok), applies(keyMap.global.Undo, !p.c.undo.empty())}},
		dossierGroup(),
		p.prep.guide(), formGroup(),
	}
}

func (p *briefsPane) guide() []keyGroup {
	k, bk := p.b.keys, p.keys
	b, ok := p.current()
	next, prev := ok && b.Stage.Next() != "", ok && b.Stage.Prev() != "" && b.Stage != model.StageDropped
	return []keyGroup{
		moveGroup(k),
		{"This brief", []key.Binding{k.New, applies(k.Edit, ok), applies(bk.Next, next), applies(bk.Prev, prev),
			applies(bk.Reopen, ok && b.Stage == model.StageDropped), applies(bk.Drop, ok && b.Stage != model.StageDropped),
			applies(bk.Sign, ok), applies(bk.Preview, ok), applies(bk.Write, ok), applies(k.FollowUp, ok), applies(k.Delete, ok),
			applies(keyMap.global.Undo, !p.c.undo.empty())}},
		{"The list", []key.Binding{bk.Board, bk.Archived}},
		{"Board", []key.Binding{bk.BoardLeft, bk.BoardRight, k.Down, k.Up, k.Open, bk.BoardClose}},
		{"Preview", []key.Binding{bk.NextVersion, bk.PrevVersion, bk.Scroll, bk.Space, bk.Page, bk.Write, bk.Close}},
		formGroup(),
	}
}

func (p *followUpsPane) guide() []keyGroup {
	var sel *model.FollowUp
	if f, ok := p.current(); ok {
		sel = &f
	}
	show := p.acts.keys.ShowDone
	if p.showDone {
		show.SetHelp(keyName(show), "hide done")
	}
	return []keyGroup{
		moveGroup(p.b.keys),
		followUpGroup(sel, p.c),
		{"The list", []key.Binding{p.b.keys.New, show}},
		snoozeGroup(), formGroup(),
	}
}
