package tui

import (
	"strings"

	"rapport/termtext"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// browse is the list-and-detail body every list pane shares: the paged
// list, its filter box, the detail viewport and the layout that puts them
// side by side on a wide terminal and one at a time on a narrow one.
type browse[T any] struct {
	c         *common
	list      pagedList[T]
	keys      listKeys
	filter    textinput.Model
	filtering bool
	detail    viewport.Model
	inDetail  bool
	width     int
	height    int
	detailFor int64 // id of the item the detail shows
	// wideFocus gives the focused detail the whole width (the dossiers lay
	// themselves out in columns), not only the right-hand side.
	wideFocus bool
	// cols, when set, are the list's columns: a row under the header names
	// them.
	cols func() table
}

func newBrowse[T any](c *common, pane paneID) browse[T] {
	f := newInput(c.styles)
	f.Prompt = "/"
	f.CharLimit = 100
	return browse[T]{c: c, list: newPagedList[T](pane), keys: newListKeys(), filter: f, detail: viewport.New(40, 10)}
}

// rows is how many list rows fit under the header line (and the column
// names).
func (b *browse[T]) rows() int {
	if b.cols != nil {
		return b.height - 2
	}
	return b.height - 1
}

// settle scrolls the list so its selection shows; the pane calls it after
// each change, so that View only draws.
func (b *browse[T]) settle() { b.list.follow(b.rows()) }

// stopFiltering leaves the filter box, keeping what it holds.
func (b *browse[T]) stopFiltering() {
	b.filtering = false
	b.filter.Blur()
}

// narrow terminals show the list or the detail, not both.
func (b *browse[T]) narrow() bool { return b.width < 100 }

func (b *browse[T]) listWidth() int {
	switch {
	case b.narrow():
		return b.width
	case b.width >= 160:
		return b.width * 11 / 20 // room for more columns
	}
	return b.width / 2
}

func (b *browse[T]) detailWidth() int {
	if b.narrow() || b.wide() {
		return b.width
	}
	return b.width - b.listWidth() - 2
}

// wide reports whether the detail has focus and takes the whole width.
func (b *browse[T]) wide() bool { return b.inDetail && b.wideFocus }

// focusDetail moves the focus to the detail (or back to the list).
func (b *browse[T]) focusDetail(on bool) {
	b.inDetail = on
	b.detail.Width = b.detailWidth()
}

func (b *browse[T]) setSize(w, h int) {
	b.width, b.height = w, h
	b.detail.Width = b.detailWidth()
	b.detail.Height = max(h, 1)
	b.filter.Width = max(b.listWidth()-4, 8)
	b.settle()
}

// setDetail replaces the detail text, keeping the scroll when it is the same
// item.
func (b *browse[T]) setDetail(id int64, content string) {
	b.detail.SetContent(content)
	if id != b.detailFor {
		b.detail.GotoTop()
		b.detailFor = id
	}
}

// capturing reports whether the filter box has the keys.
func (b *browse[T]) capturing() bool { return b.filtering }

// handleKey moves in the list, runs the filter and switches focus. changed
// is true when the selection may have moved (the pane reloads its detail);
// handled is false for keys the pane should act on itself.
func (b *browse[T]) handleKey(msg tea.KeyMsg, refilter func(q string) tea.Cmd) (handled, changed bool, cmd tea.Cmd) {
	if b.filtering {
		switch msg.Type {
		case tea.KeyEnter:
			b.filtering = false
			b.filter.Blur()
			return true, false, nil
		case tea.KeyEsc:
			b.filtering = false
			b.filter.Blur()
			if b.filter.Value() == "" {
				return true, false, nil // nothing to clear: the list stays as it is
			}
			b.filter.SetValue("")
			return true, true, refilter("")
		case tea.KeyUp, tea.KeyDown:
			b.filtering = false
			b.filter.Blur()
		default:
			before := b.filter.Value()
			var c tea.Cmd
			b.filter, c = b.filter.Update(msg)
			if b.filter.Value() != before {
				return true, true, tea.Batch(c, refilter(b.filter.Value()))
			}
			return true, false, c
		}
	}
	if b.inDetail {
		switch {
		case key.Matches(msg, b.keys.Back):
			b.focusDetail(false)
			b.detail.GotoTop() // the preview beside the list starts at the top
			return true, false, nil
		case key.Matches(msg, b.keys.Down):
			b.detail.ScrollDown(1)
			return true, false, nil
		case key.Matches(msg, b.keys.Up):
			b.detail.ScrollUp(1)
			return true, false, nil
		case key.Matches(msg, b.keys.PageDown):
			b.detail.PageDown()
			return true, false, nil
		case key.Matches(msg, b.keys.PageUp):
			b.detail.PageUp()
			return true, false, nil
		case key.Matches(msg, b.keys.Top):
			b.detail.GotoTop()
			return true, false, nil
		case key.Matches(msg, b.keys.Bottom):
			b.detail.GotoBottom()
			return true, false, nil
		}
		return false, false, nil
	}
	l := &b.list
	switch {
	case key.Matches(msg, b.keys.Down):
		return true, true, l.move(1)
	case key.Matches(msg, b.keys.Up):
		return true, true, l.move(-1)
	case key.Matches(msg, b.keys.PageDown):
		return true, true, l.move(max(b.height-2, 1))
	case key.Matches(msg, b.keys.PageUp):
		return true, true, l.move(-max(b.height-2, 1))
	case key.Matches(msg, b.keys.Top):
		return true, true, l.first()
	case key.Matches(msg, b.keys.Bottom):
		return true, true, l.last()
	case key.Matches(msg, b.keys.Filter):
		b.filtering = true
		return true, false, b.filter.Focus()
	case key.Matches(msg, b.keys.ClearFilter) && b.filter.Value() != "":
		b.filter.SetValue("")
		return true, true, refilter("")
	case key.Matches(msg, b.keys.Open):
		if _, ok := l.selected(); ok {
			b.focusDetail(true)
		}
		return true, false, nil
	}
	return false, false, nil
}

// view lays out a header line over the list, and the detail beside it (or
// instead of it on a narrow terminal when the detail has focus).
func (b *browse[T]) view(header, empty string, render func(v T, width int, selected bool, prev T, hasPrev bool) string) string {
	return b.viewRows(header, empty, func(width, height int) string { return b.list.view(width, height, render) })
}

// viewRows is view with the visible rows drawn by rows (Follow-ups draws
// them in due-day groups).
func (b *browse[T]) viewRows(header, empty string, rows func(width, height int) string) string {
	if b.wide() {
		return padLines(b.detail.View(), b.width, b.height)
	}
	st := b.c.styles
	lw := b.listWidth()
	var left strings.Builder
	top := header
	if b.filtering || b.filter.Value() != "" {
		top = b.filter.View()
		if !b.filtering {
			top = st.Muted.Render("/" + b.filter.Value())
		}
	}
	if b.list.empty() && b.list.err == nil && !b.inDetail {
		// Nothing to list, so no detail beside it: the words take the width.
		w := min(b.width, 100)
		return padLines(termtext.Fit(top, b.width)+"\n"+st.Empty.Width(w).Render(empty), b.width, b.height)
	}
	left.WriteString(termtext.Fit(top, lw))
	left.WriteByte('\n')
	if b.cols != nil {
		left.WriteString(b.cols().header(st, lw))
		left.WriteByte('\n')
	}
	if b.list.err != nil {
		left.WriteString(st.StatusErr.Render(wrap(errText(b.list.err), lw)))
	} else {
		left.WriteString(rows(lw, b.rows()))
	}
	listView := padLines(left.String(), lw, b.height)
	if b.narrow() {
		if b.inDetail {
			return padLines(b.detail.View(), b.width, b.height)
		}
		return listView
	}
	det := padLines(b.detail.View(), b.detailWidth(), b.height)
	sep := st.Border.Render(strings.Repeat("│\n", max(b.height-1, 0)) + "│")
	return lipgloss.JoinHorizontal(lipgloss.Top, listView, " ", sep, det)
}

// help is the list keys that apply right now, followed by the pane's own.
func (b *browse[T]) help(own ...key.Binding) bindings {
	k := b.keys
	if b.filtering {
		return bindings{short: []key.Binding{keyMap.filter.Keep, keyMap.filter.Clear}}
	}
	if b.inDetail {
		return bindings{short: append([]key.Binding{k.Back, k.Down, k.Up}, own...),
			full: [][]key.Binding{{k.Back, k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom}, own}}
	}
	nav := []key.Binding{k.Down, k.Up, k.Open, k.Filter}
	return bindings{short: append(nav, own...),
		full: [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.PageDown, k.PageUp, k.Filter, k.ClearFilter, k.Open, k.Back}, own}}
}

// row draws a list row with the selection marker.
func (b *browse[T]) row(text string, width int, selected bool) string {
	return b.c.styles.row(text, width, selected)
}

// clicker is a pane a left click acts on; the root sends it a clickMsg,
// which its Update passes to click.
type clicker interface {
	click(x, y int) tea.Cmd
}

// clickMsg is a left click at x, y of the pane's body (y 0 is its first
// line, under the tabs).
type clickMsg struct{ x, y int }

// handleClick selects the list row clicked — a click on the selected row
// opens it, as enter does — or focuses the detail when that is clicked.
// rowAt maps a line of the list (0: the first under its headers) to an
// item's index. It reports as handleKey does.
func (b *browse[T]) handleClick(x, y int, rowAt func(line int) (int, bool)) (handled, changed bool, cmd tea.Cmd) {
	if b.filtering || b.wide() || (b.narrow() && b.inDetail) {
		return false, false, nil // only the detail shows
	}
	if !b.narrow() && x > b.listWidth() {
		if _, ok := b.list.selected(); ok && !b.inDetail {
			b.focusDetail(true)
		}
		return true, false, nil
	}
	head := 1
	if b.cols != nil {
		head = 2
	}
	i, ok := rowAt(y - head)
	if !ok {
		return true, false, nil
	}
	l := &b.list
	if i == l.sel {
		b.focusDetail(true)
		return true, false, nil
	}
	b.focusDetail(false)
	return true, true, l.move(i - l.sel)
}

// rowAt is the item a plain list shows on a line under its headers.
func (b *browse[T]) rowAt(line int) (int, bool) {
	i := max(b.list.top, b.list.start) + line
	return i, line >= 0 && i < b.list.start+len(b.list.items)
}
