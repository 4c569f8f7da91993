package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The stage board (b): a column per stage, a card per brief.

// briefBoardStages are the board's columns: the open stages and done.
var briefBoardStages = []model.Stage{model.StageUnderstand, model.StageDetermine, model.StageCreate,
	model.StageChecks, model.StageActivate, model.StageDone}

// briefBoardLimit is how many briefs a column reads; the heading shows the
// full count.
const briefBoardLimit = 40

// briefBoard is the stage board: a column per stage. It moves its own
// selection; the pane acts on the brief selected.
type briefBoard struct {
	c        *common
	keys     briefKeys
	list     listKeys
	query    string // the list's filter, which the board shows too
	cols     []briefColumn
	col, row int
	loading  bool
	dropped  int   // dropped briefs are not on the board; the list has them
	keep     int64 // the brief to select when the board first loads
}

type briefColumn struct {
	stage model.Stage
	items []model.Brief
	total int
}

// briefBoardMsg carries the board's columns.
type briefBoardMsg struct {
	cols    []briefColumn
	dropped int
	err     error
}

func (briefBoardMsg) target() paneID { return paneBriefs }

func newBriefBoard(c *common, keep int64) *briefBoard {
	return &briefBoard{c: c, keys: newBriefKeys(), list: newListKeys(), loading: true, keep: keep}
}

// load reads the columns for the list's filter base.
func (bb *briefBoard) load(base store.BriefFilter) tea.Cmd {
	bb.query = base.Query
	c, st := bb.c, bb.c.store
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		cols := make([]briefColumn, len(briefBoardStages))
		for i, s := range briefBoardStages {
			f := base
			f.Stage = s
			page, err := st.Briefs(ctx, f, store.PageReq{Limit: briefBoardLimit})
			if err != nil {
				return briefBoardMsg{err: err}
			}
			n, err := st.CountBriefs(ctx, f)
			if err != nil {
				return briefBoardMsg{err: err}
			}
			cols[i] = briefColumn{stage: s, items: page.Items, total: n}
		}
		f := base
		f.Stage = model.StageDropped
		dropped, err := st.CountBriefs(ctx, f)
		return briefBoardMsg{cols: cols, dropped: dropped, err: err}
	}
}

func (bb *briefBoard) set(msg briefBoardMsg) {
	bb.loading = false
	if msg.err != nil {
		return
	}
	keep := bb.keep
	if b, ok := bb.selected(); ok {
		keep = b.ID
	}
	bb.keep = 0
	bb.cols, bb.dropped = msg.cols, msg.dropped
	if bb.col >= len(bb.cols) {
		bb.col = 0
	}
	found := false
	for ci, c := range bb.cols {
		for ri, b := range c.items {
			if b.ID == keep {
				bb.col, bb.row, found = ci, ri, true
			}
		}
	}
	// Nothing to keep (or it left the board): stay in the column if it
	// has briefs, else go to the first that does.
	if !found && bb.col < len(bb.cols) && len(bb.cols[bb.col].items) == 0 {
		for ci, c := range bb.cols {
			if len(c.items) > 0 {
				bb.col, bb.row = ci, 0
				break
			}
		}
	}
	bb.clamp()
}

func (bb *briefBoard) clamp() {
	if bb.col < 0 || bb.col >= len(bb.cols) {
		bb.row = 0
		return
	}
	bb.row = min(max(bb.row, 0), max(len(bb.cols[bb.col].items)-1, 0))
}

func (bb *briefBoard) selected() (model.Brief, bool) {
	if bb.col < 0 || bb.col >= len(bb.cols) {
		return model.Brief{}, false
	}
	items := bb.cols[bb.col].items
	if bb.row < 0 || bb.row >= len(items) {
		return model.Brief{}, false
	}
	return items[bb.row], true
}

// move handles the board's moves (h/j/k/l and the arrows, g, G); it
// reports whether msg was one.
func (bb *briefBoard) move(msg tea.KeyMsg) bool {
	k := bb.list
	switch {
	case key.Matches(msg, k.Down):
		bb.row++
	case key.Matches(msg, k.Up):
		bb.row--
	case key.Matches(msg, k.Top):
		bb.row = 0
	case key.Matches(msg, k.Bottom):
		bb.row = 1 << 30
	case key.Matches(msg, bb.keys.BoardLeft):
		bb.col = max(bb.col-1, 0)
	case key.Matches(msg, bb.keys.BoardRight):
		bb.col = min(bb.col+1, max(len(bb.cols)-1, 0))
	default:
		return false
	}
	bb.clamp()
	return true
}

// boardView draws one column per stage. Each brief is a card: its title
// over up to two lines, then its account and days in the stage. Narrow
// columns use short stage names.
func (bb *briefBoard) view(w, h int) string {
	st, today := bb.c.styles, bb.c.today()
	n := len(briefBoardStages)
	colW := max((w-(n-1))/n, 4)
	rows := max(h-3, 1) // heading, rule, footer
	// When one column is too narrow for its name and count, every column
	// puts its count on the rule, so the headings line up.
	countOnRule := false
	for ci, s := range briefBoardStages {
		total := 0
		if ci < len(bb.cols) {
			total = bb.cols[ci].total
		}
		name := string(s)
		if lipgloss.Width(name)+1+len(itoa(total)) > colW {
			name = briefStageShort(s)
		}
		countOnRule = countOnRule || lipgloss.Width(name)+1+len(itoa(total)) > colW
	}
	columns := make([]string, n)
	for ci := range n {
		var c briefColumn
		if ci < len(bb.cols) {
			c = bb.cols[ci]
		} else {
			c.stage = briefBoardStages[ci]
		}
		name, count := string(c.stage), itoa(c.total)
		if lipgloss.Width(name)+1+len(count) > colW {
			name = briefStageShort(c.stage)
		}
		hs := st.Heading
		if ci == bb.col {
			hs = st.Highlight
		}
		// The count follows the name, or rides on the rule below it when
		// the column is too narrow for both.
		head, rule := name+" "+count, st.Border.Render(strings.Repeat("─", colW))
		if countOnRule {
			head, rule = name, st.Muted.Render(count)+" "+st.Border.Render(strings.Repeat("─", max(colW-len(count)-1, 0)))
		}
		lines := []string{hs.Render(termtext.Fit(head, colW)), termtext.Fit(rule, colW)}

		// Cards are drawn from off; the selected column scrolls so its
		// selection shows.
		off := 0
		if ci == bb.col && bb.row < len(c.items) {
			used := 0
			for ri := bb.row; ri >= 0; ri-- {
				used += len(bb.card(c.items[ri], colW, false, today))
				if used > rows-1 {
					break
				}
				off = ri
			}
		}
		used, shown := 0, 0
		for ri := off; ri < len(c.items); ri++ {
			card := bb.card(c.items[ri], colW, ci == bb.col && ri == bb.row, today)
			room := rows - used
			if ri < c.total-1 {
				room-- // keep a line for "+N more"
			}
			if len(card) > room {
				break
			}
			lines = append(lines, card...)
			used += len(card)
			shown++
		}
		if more := c.total - off - shown; more > 0 {
			lines = append(lines, st.Muted.Render(termtext.Fit("  +"+itoa(more)+" more", colW)))
		} else if len(c.items) == 0 && !bb.loading {
			lines = append(lines, st.Muted.Render(termtext.Fit("  —", colW)))
		}
		columns[ci] = padLines(strings.Join(lines, "\n"), colW, h-1)
	}
	sep := st.Border.Render(strings.TrimSuffix(strings.Repeat("│\n", h-1), "\n"))
	parts := make([]string, 0, 2*n)
	for i, c := range columns {
		if i > 0 {
			parts = append(parts, sep)
		}
		parts = append(parts, c)
	}
	body := lipgloss.JoinHorizontal(lipgloss.Top, parts...)
	foot := st.Muted.Render("No briefs on the board — n drafts one.")
	switch b, ok := bb.selected(); {
	case bb.loading && len(bb.cols) == 0:
		foot = st.Muted.Render("loading…")
	case ok:
		foot = termtext.SanitizeLine(b.Title) + st.Muted.Render(" — "+termtext.SanitizeLine(b.AccountName)+" · "+string(b.Stage)+" for "+briefDays(b.DaysInStage(today)))
		if b.Stalled(today) {
			foot += st.Warn.Render(" · stalled")
		}
	}
	var extra []string
	if bb.query != "" {
		extra = append(extra, "filter “"+termtext.SanitizeLine(bb.query)+"”")
	}
	if bb.dropped > 0 {
		extra = append(extra, itoa(bb.dropped)+" dropped (in the list)")
	}
	if len(extra) > 0 {
		tail := st.Muted.Render("  " + strings.Join(extra, " · "))
		if tw := lipgloss.Width(tail); tw < w/2 {
			foot = termtext.Fit(foot, w-tw) + tail
		}
	}
	return padLines(body+"\n"+termtext.Fit(foot, w), w, h)
}

// card draws one brief on the board: a gutter (the selection marker or the
// stalled flag), the title over up to two lines, and a muted line with the
// account and days in the stage.
func (bb *briefBoard) card(b model.Brief, colW int, selected bool, today model.Date) []string {
	st := bb.c.styles
	inner := max(colW-2, 1)
	title := briefWrap(termtext.SanitizeLine(b.Title), inner, 2)
	gutter := "  "
	switch {
	case selected:
		gutter = st.Cursor.Render("▸ ")
	case b.Stage.Open() && b.Stalled(today):
		gutter = st.Warn.Render("⚑ ")
	}
	out := make([]string, 0, 3)
	for i, t := range title {
		g := "  "
		if i == 0 {
			g = gutter
		}
		out = append(out, termtext.Fit(g+t, colW))
	}
	days := itoa(b.DaysInStage(today)) + "d"
	acct := termtext.SanitizeLine(b.AccountName)
	meta := "  " + termtext.Clip(acct, max(inner-len(days)-3, 1)) + " · " + days
	out = append(out, st.Muted.Render(termtext.Fit(meta, colW)))
	if selected {
		for i := range out {
			out[i] = st.onSelection(out[i])
		}
	}
	return out
}

// briefWrap breaks s at spaces into at most n lines of width cells; a
// word longer than a line is cut, and text left over ends the last line
// in "…".
func briefWrap(s string, width, n int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		switch {
		case cur == "":
			cur = w
		case ansi.StringWidth(cur+" "+w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
			if len(lines) == n {
				lines[n-1] += " " + strings.Join(words[i:], " ")
				cur = ""
			}
		}
		if cur == "" && len(lines) == n {
			break
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	for i := range lines {
		lines[i] = termtext.Clip(lines[i], width)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}
