package tui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// briefPreview is a version of the brief as rendered Markdown in a
// scrollable viewport (p), over the whole pane: the client's first; tab
// cycles to each linked person's and the internal one, the header naming
// the version shown. w writes the version shown to a file, asking where.
type briefPreview struct {
	c        *common
	keys     briefKeys
	list     listKeys
	md       *briefRenderer
	id       int64
	title    string
	brief    *model.Brief // once read
	versions []exchange.BriefVersion
	at       int // the version shown
	vp       viewport.Model
	loading  bool
	// writeNext opens the write form once the version has arrived: w
	// from the list shows what it is about to write.
	writeNext bool
	// pending is the versions stepped through while one was rendering,
	// shown once it arrives: no tab is lost.
	pending int
	text    string // the (sanitised) Markdown shown, to re-render at another width
	width   int    // the width it was rendered at
}

// briefPreviewMsg carries a brief and one version rendered.
type briefPreviewMsg struct {
	id    int64
	brief model.Brief
	at    int
	md    string
	text  string
	width int
	err   error
}

func (briefPreviewMsg) target() paneID { return paneBriefs }

// briefWrittenMsg reports a version of a brief written to a file by
// the form that asked where.
type briefWrittenMsg struct {
	form *form
	path string
}

func (briefWrittenMsg) target() paneID { return paneBriefs }

// briefPreviewWidth is the width Markdown is rendered at: the pane's, up
// to a readable measure.
func briefPreviewWidth(w int) int { return max(min(w-2, 100), 20) }

// newBriefPreview opens the client's version of b in a w×h pane, read and
// rendered in a command.
func newBriefPreview(c *common, r *briefRenderer, b model.Brief, w, h int) (*briefPreview, tea.Cmd) {
	vp := viewport.New(w, max(h-1, 1))
	vp.SetContent(c.styles.Muted.Render("  rendering…"))
	pv := &briefPreview{c: c, keys: keyMap.brief, list: keyMap.list, md: r, id: b.ID, title: b.Title, vp: vp, loading: true}
	st, today, width := c.store, c.today(), briefPreviewWidth(w)
	return pv, func() tea.Msg {
		ctx, cancel := c.ctx()
		defer cancel()
		full, err := st.Brief(ctx, b.ID)
		if err != nil {
			return briefPreviewMsg{id: b.ID, err: err}
		}
		return renderVersion(r, full, 0, today, width)
	}
}

// renderVersion renders version at of b. The Markdown holds user text: it
// is sanitised before the renderer adds its own (trusted) escape
// sequences.
func renderVersion(r *briefRenderer, b model.Brief, at int, today model.Date, width int) briefPreviewMsg {
	vs := exchange.BriefVersions(b)
	at = (at + len(vs)) % len(vs)
	md := termtext.Sanitize(vs[at].Markdown(b, today))
	out, err := r.render(md, width)
	return briefPreviewMsg{id: b.ID, brief: b, at: at, md: md, text: out, width: width, err: err}
}

// set shows a rendered version once it has arrived.
func (pv *briefPreview) set(msg briefPreviewMsg, w, h int) {
	b := msg.brief
	pv.loading = false
	pv.brief, pv.versions, pv.at = &b, exchange.BriefVersions(b), msg.at
	pv.text, pv.width = msg.md, msg.width
	pv.vp.SetContent(msg.text)
	pv.vp.GotoTop()
	pv.resize(w, h) // the pane may have been resized meanwhile
}

// version is the version shown.
func (pv *briefPreview) version() (exchange.BriefVersion, bool) {
	if pv.brief == nil || pv.at >= len(pv.versions) {
		return exchange.BriefVersion{}, false
	}
	return pv.versions[pv.at], true
}

// cycle renders the next (or previous) version in a command.
func (pv *briefPreview) cycle(step int) tea.Cmd {
	if pv.brief == nil || pv.loading {
		pv.pending += step
		return nil
	}
	pv.loading = true
	r, b, at, today, width := pv.md, *pv.brief, pv.at+step, pv.c.today(), briefPreviewWidth(pv.vp.Width)
	return func() tea.Msg { return renderVersion(r, b, at, today, width) }
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

// key scrolls the preview and cycles its versions; closed reports p or
// esc, and write w.
func (pv *briefPreview) key(msg tea.KeyMsg) (closed, write bool, cmd tea.Cmd) {
	switch {
	case key.Matches(msg, pv.keys.Close), key.Matches(msg, pv.keys.Preview):
		return true, false, nil
	case key.Matches(msg, pv.keys.Write):
		return false, true, nil
	case key.Matches(msg, pv.keys.NextVersion):
		return false, false, pv.cycle(1)
	case key.Matches(msg, pv.keys.PrevVersion):
		return false, false, pv.cycle(-1)
	}
	scrollKey(msg, pv.list, &pv.vp)
	return false, false, nil
}

func (pv *briefPreview) help() bindings {
	k, bk := pv.list, pv.keys
	return bindings{short: []key.Binding{bk.Close, bk.NextVersion, bk.Scroll, bk.Page, bk.Write},
		full: [][]key.Binding{{bk.Close, bk.Preview, bk.NextVersion, bk.PrevVersion, k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom, bk.Write}}}
}

func (pv *briefPreview) view(w, h int) string {
	st := pv.c.styles
	label, labelSt := "", st.Good
	if v, ok := pv.version(); ok {
		label = termtext.SanitizeLine(v.Label())
		if !v.ClientSafe() {
			labelSt = st.Overdue
		}
		label = labelSt.Render(label) + st.Muted.Render(fmt.Sprintf(" %d/%d", pv.at+1, len(pv.versions)))
	}
	tail := " " + keyName(pv.keys.NextVersion) + " version · " + keyName(pv.keys.Write) + " write · " + keyName(pv.keys.Close) + " close"
	if !pv.loading && pv.vp.TotalLineCount() > pv.vp.Height {
		tail = fmt.Sprintf(" %3.f%% ·", pv.vp.ScrollPercent()*100) + tail
	}
	tail = st.Muted.Render(tail)
	room := max(w-lipgloss.Width(tail), 1)
	head := st.Heading.Render("Preview ")
	if label != "" {
		head += label + "  "
	}
	head = termtext.Fit(head+termtext.SanitizeLine(pv.title), room) + tail // the keys to the right
	return padLines(termtext.Fit(head, w)+"\n"+pv.vp.View(), w, h)
}

// writeForm asks where to write the version shown: a path prefilled with
// the last directory written to (else ~/) and the version's file name. It
// never overwrites a file.
func (p *briefsPane) writeForm() tea.Cmd {
	pv := p.preview
	v, ok := pv.version()
	if !ok {
		return nil
	}
	b := *pv.brief
	dir := p.c.lastDir
	if dir == "" {
		dir = "~/"
	}
	path := filepath.Join(dir, v.FileName(b))
	if dir == "~/" {
		path = "~/" + v.FileName(b)
	}
	f := newForm("Write “"+termtext.SanitizeLine(b.Title)+"” — "+termtext.SanitizeLine(v.Label()), p.c.styles,
		fieldSpec{key: "path", label: "Write to", value: path, hint: "a file that does not exist yet; ~ is your home"})
	md := v.Markdown(b, p.c.today())
	return p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		target, err := expandHome(f.value("path"))
		if err != nil {
			return f.failField("path", err)
		}
		return func() tea.Msg {
			if err := writeNewFile(target, md); err != nil {
				return saveFailedMsg{form: f, err: err}
			}
			return briefWrittenMsg{form: f, path: target}
		}
	})
}

// expandHome reads a path typed in a form: "~" is the home directory, and
// a relative path is from the directory rapport was started in.
func expandHome(path string) (string, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return "", errors.New("is empty: type where to write the file")
	}
	if path == "~" || strings.HasPrefix(path, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("there is no home directory to put ~ in: %w", err)
		}
		path = filepath.Join(home, strings.TrimPrefix(path, "~"))
	}
	if strings.HasSuffix(path, string(os.PathSeparator)) {
		return "", errors.New("is a directory: add a file name")
	}
	return filepath.Abs(path)
}

// writeNewFile writes text to a new file, 0600, whole or not at all,
// refusing to replace one that exists.
func writeNewFile(path, text string) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
	if errors.Is(err, fs.ErrExist) {
		return &model.FieldError{Field: "path", Reason: "that file exists already — rapport never overwrites one; change the name"}
	}
	if err != nil {
		return &model.FieldError{Field: "path", Reason: err.Error()}
	}
	return nil
}

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
