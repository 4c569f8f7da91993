package tui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"rapport/atomicfile"
	"rapport/exchange"
	"rapport/model"
	"rapport/termtext"
)

// The brief as rendered Markdown (p), and written to a file (w).

// briefPreview is the brief as rendered Markdown in a scrollable viewport
// (p), over the whole pane; w writes it to a file.
type briefPreview struct {
	c       *common
	keys    briefKeys
	list    listKeys
	md      *briefRenderer
	id      int64
	title   string
	vp      viewport.Model
	loading bool
	text    string // the (sanitised) Markdown shown, to re-render at another width
	width   int    // the width it was rendered at
}

// briefPreviewMsg carries rendered Markdown for the preview.
type briefPreviewMsg struct {
	id    int64
	md    string
	text  string
	width int
	err   error
}

func (briefPreviewMsg) target() paneID { return paneBriefs }

// briefWrittenMsg reports a brief written to a Markdown file.
type briefWrittenMsg struct {
	path string
	err  error
}

func (briefWrittenMsg) target() paneID { return paneBriefs }

// briefPreviewWidth is the width Markdown is rendered at: the pane's, up
// to a readable measure.
func briefPreviewWidth(w int) int { return max(min(w-2, 100), 20) }

// newBriefPreview opens the preview of b in a w×h pane and renders it in a
// command.
func newBriefPreview(c *common, r *briefRenderer, b model.Brief, w, h int) (*briefPreview, tea.Cmd) {
	vp := viewport.New(w, max(h-1, 1))
	vp.SetContent(c.styles.Muted.Render("  rendering…"))
	pv := &briefPreview{c: c, keys: newBriefKeys(), list: newListKeys(), md: r, id: b.ID, title: b.Title, vp: vp, loading: true}
	st, today, width := c.store, c.today(), briefPreviewWidth(w)
	return pv, func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		full, err := st.Brief(ctx, b.ID)
		if err != nil {
			return briefPreviewMsg{id: b.ID, err: err}
		}
		// The Markdown holds user text: sanitise it before the renderer adds
		// its own (trusted) escape sequences.
		md := termtext.Sanitize(briefMarkdown(full, today))
		out, err := r.render(md, width)
		return briefPreviewMsg{id: b.ID, md: md, text: out, width: width, err: err}
	}
}

// set shows the rendered Markdown once it has arrived.
func (pv *briefPreview) set(msg briefPreviewMsg, w, h int) {
	pv.loading = false
	pv.text, pv.width = msg.md, msg.width
	pv.vp.SetContent(msg.text)
	pv.resize(w, h) // the pane may have been resized meanwhile
}

// resize re-renders the preview for a new width. It runs on a resize, not
// per frame; a brief renders in a few milliseconds (a 5,000-word why in
// about twenty) and a width seen before is cached.
func (pv *briefPreview) resize(w, h int) {
	pv.vp.Width, pv.vp.Height = w, max(h-1, 1)
	rw := briefPreviewWidth(w)
	if pv.loading || pv.text == "" || rw == pv.width {
		return
	}
	if out, err := pv.md.render(pv.text, rw); err == nil {
		pv.vp.SetContent(out)
		pv.width = rw
	}
}

// key scrolls the preview; closed reports p or esc, and write w.
func (pv *briefPreview) key(msg tea.KeyMsg) (closed, write bool) {
	k, vp := pv.list, &pv.vp
	switch {
	case key.Matches(msg, pv.keys.Close), key.Matches(msg, pv.keys.Preview):
		return true, false
	case key.Matches(msg, pv.keys.Write):
		return false, true
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown), key.Matches(msg, pv.keys.Space):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	}
	return false, false
}

func (pv *briefPreview) help() bindings {
	k, bk := pv.list, pv.keys
	return bindings{short: []key.Binding{bk.Close, bk.Scroll, bk.Page, bk.Write},
		full: [][]key.Binding{{bk.Close, bk.Preview, k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, bk.Write}}}
}

func (pv *briefPreview) view(w, h int) string {
	st := pv.c.styles
	tail := " " + keyName(pv.keys.Preview) + "/" + keyName(pv.keys.Close) + " close · " + keyName(pv.keys.Write) + " write"
	if !pv.loading && pv.vp.TotalLineCount() > pv.vp.Height {
		tail = fmt.Sprintf(" %3.f%% ·", pv.vp.ScrollPercent()*100) + tail
	}
	tail = st.Muted.Render(tail)
	head := st.Heading.Render("Preview ") + termtext.Fit(termtext.SanitizeLine(pv.title), max(w-8-lipgloss.Width(tail), 1)) + tail
	return padLines(termtext.Fit(head, w)+"\n"+pv.vp.View(), w, h)
}

// writeBrief saves the brief's Markdown as <slug>.md in the current
// directory, never overwriting a file.
func writeBrief(c *common, id int64) tea.Cmd {
	st, today := c.store, c.today()
	return func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		b, err := st.Brief(ctx, id)
		if err != nil {
			return briefWrittenMsg{err: err}
		}
		dir, err := os.Getwd()
		if err != nil {
			return briefWrittenMsg{err: err}
		}
		path, err := briefWriteFile(dir, briefSlug(b.Title), briefMarkdown(b, today))
		return briefWrittenMsg{path: path, err: err}
	}
}

// briefMarkdown is the brief as Markdown; package exchange owns the format.
func briefMarkdown(b model.Brief, today model.Date) string { return exchange.BriefMarkdown(b, today) }

// briefRenderer draws briefs' Markdown for the terminal and keeps the last
// few rendered, so reopening a preview or going back to an earlier width
// costs nothing. Rendering happens in commands and on resize, never in View.
type briefRenderer struct {
	mu   sync.Mutex
	st   Styles
	done map[briefRenderKey]string
}

type briefRenderKey struct {
	md    string
	width int
}

// briefRenderKeep is how many rendered previews are kept.
const briefRenderKeep = 16

func (m *briefRenderer) render(md string, width int) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := briefRenderKey{md, width}
	if out, ok := m.done[k]; ok {
		return out, nil
	}
	out := renderMarkdown(md, width, m.st)
	if m.done == nil || len(m.done) >= briefRenderKeep {
		m.done = make(map[briefRenderKey]string, briefRenderKeep)
	}
	m.done[k] = out
	return out, nil
}

// briefWriteFile writes dir/slug.md (0600), or slug-2.md, slug-3.md… when
// the name is taken; a failed write leaves no file (see atomicfile).
func briefWriteFile(dir, slug, text string) (string, error) {
	af, err := atomicfile.Create(filepath.Join(dir, slug+".md"))
	if err != nil {
		return "", fmt.Errorf("write brief: %w", err)
	}
	defer af.Abort()
	if _, err := io.WriteString(af, text); err != nil {
		return "", fmt.Errorf("write brief: %w", err)
	}
	for i := 1; i <= 999; i++ {
		name := slug + ".md"
		if i > 1 {
			name = slug + "-" + strconv.Itoa(i) + ".md"
		}
		path := filepath.Join(dir, name)
		err := af.Commit(path)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("write brief: %w", err)
		}
		return path, nil
	}
	return "", fmt.Errorf("write brief: %s.md and 998 numbered copies exist already", slug)
}

// briefSlug turns a title into a file name: lower case ASCII words joined by
// hyphens ("Zoë's Q3 relaunch!" → "zoes-q3-relaunch").
func briefSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range model.Fold(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "brief"
	}
	return strings.TrimRight(b.String(), "-")
}
