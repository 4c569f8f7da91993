package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// renderMarkdown draws the Markdown rapport itself writes (package
// exchange: headings, paragraphs, bullet and numbered lists, quotes, rules,
// **strong**, _emphasis_, `code` and backslash escapes) for the terminal,
// wrapped to width. It is small on purpose: a general Markdown renderer
// brings syntax highlighters whose start-up cost every run of rapport would
// pay. The input must already be sanitised.
func renderMarkdown(md string, width int, st Styles) string {
	width = max(width, 20)
	r := mdRenderer{st: st, width: width}
	var para []string
	flush := func() {
		if len(para) > 0 {
			r.block(strings.Join(para, " "), "", "", st.Value)
			para = para[:0]
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			r.blank()
		case strings.HasPrefix(t, "#"):
			flush()
			level := len(t) - len(strings.TrimLeft(t, "#"))
			text := strings.TrimSpace(t[level:])
			if level > 6 || (text != "" && t[level] != ' ') {
				para = append(para, t)
				continue
			}
			r.heading(text, level)
		case t == "---" || t == "***" || t == "___":
			flush()
			r.blank()
			r.out = append(r.out, st.Border.Render(strings.Repeat("─", width)))
		case strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ "):
			flush()
			indent := strings.Repeat(" ", min(leadingSpaces(line), 8))
			r.block(t[2:], indent+"• ", indent+"  ", st.Value)
		case orderedItem(t) > 0:
			flush()
			n := orderedItem(t)
			r.block(strings.TrimSpace(t[n:]), t[:n]+" ", strings.Repeat(" ", n+1), st.Value)
		case strings.HasPrefix(t, ">"):
			flush()
			r.block(strings.TrimSpace(strings.TrimPrefix(t, ">")), "│ ", "│ ", st.Muted)
		default:
			para = append(para, t)
		}
	}
	flush()
	// No blank lines at either end, and never two in a row.
	out := r.out[:0]
	for i, l := range r.out {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "" || i == len(r.out)-1) {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

type mdRenderer struct {
	st    Styles
	width int
	out   []string
}

func (r *mdRenderer) blank() { r.out = append(r.out, "") }

func (r *mdRenderer) heading(text string, level int) {
	var style lipgloss.Style
	switch level {
	case 1:
		style = r.st.Title.Underline(true)
	case 2:
		style = r.st.Heading
	default:
		style = r.st.Label.Bold(true)
	}
	r.blank()
	r.block(text, "", "", style)
	r.blank()
}

// block wraps inline text to the width, the first line after first and the
// others after rest.
func (r *mdRenderer) block(text, first, rest string, base lipgloss.Style) {
	words := inlineWords(text)
	prefix := first
	var line strings.Builder
	used := 0
	avail := func() int { return r.width - ansi.StringWidth(prefix) }
	emit := func() {
		r.out = append(r.out, prefix+line.String())
		line.Reset()
		used = 0
		prefix = rest
	}
	for _, w := range words {
		ww := ansi.StringWidth(w.text)
		if used > 0 && used+1+ww > avail() {
			emit()
		}
		// A word longer than the line is cut into pieces that fit.
		for ww > avail() && avail() > 0 {
			head := ansi.Truncate(w.text, avail(), "")
			if head == "" {
				break
			}
			if used > 0 {
				emit()
			}
			line.WriteString(w.style(r.st, base).Render(head))
			used = ansi.StringWidth(head)
			emit()
			w.text = w.text[len(head):]
			ww = ansi.StringWidth(w.text)
		}
		if w.text == "" {
			continue
		}
		if used > 0 {
			line.WriteByte(' ')
			used++
		}
		line.WriteString(w.style(r.st, base).Render(w.text))
		used += ww
	}
	if used > 0 || prefix == first {
		emit()
	}
}

// mdWord is one word of inline text and how it is emphasised.
type mdWord struct {
	text       string
	strong, em bool
	code       bool
}

func (w mdWord) style(st Styles, base lipgloss.Style) lipgloss.Style {
	s := base
	switch {
	case w.code:
		s = st.Highlight.Underline(false)
	case w.strong && w.em:
		s = s.Bold(true).Italic(true)
	case w.strong:
		s = s.Bold(true)
	case w.em:
		s = s.Italic(true)
	}
	return s
}

// inlineWords splits inline Markdown into words, reading the emphasis
// markers and escapes.
func inlineWords(s string) []mdWord {
	var words []mdWord
	var cur strings.Builder
	var strong, em, code bool
	push := func() {
		if cur.Len() > 0 {
			words = append(words, mdWord{text: cur.String(), strong: strong, em: em, code: code})
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\' && i+1 < len(rs) && !code && strings.ContainsRune("\\`*_{}[]()#+-.!|>~<", rs[i+1]):
			i++
			cur.WriteRune(rs[i])
		case c == '`':
			push()
			code = !code
		case code:
			if c == ' ' {
				push()
			} else {
				cur.WriteRune(c)
			}
		case c == '*' && i+1 < len(rs) && rs[i+1] == '*', c == '_' && i+1 < len(rs) && rs[i+1] == '_':
			push()
			strong = !strong
			i++
		case (c == '_' || c == '*') && emphasisMark(rs, i, em):
			push()
			em = !em
		case c == ' ' || c == '\t':
			push()
		default:
			cur.WriteRune(c)
		}
	}
	push()
	return words
}

// emphasisMark tells a _ or * that opens or closes emphasis from one inside
// a word (snake_case, 2*3).
func emphasisMark(rs []rune, i int, open bool) bool {
	before := i == 0 || rs[i-1] == ' ' || strings.ContainsRune("([\"'", rs[i-1])
	after := i == len(rs)-1 || rs[i+1] == ' ' || strings.ContainsRune(".,;:!?)]\"'", rs[i+1])
	if open {
		return after && !before
	}
	return before && !after
}

func leadingSpaces(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// orderedItem returns the length of a "12." marker starting t, or 0.
func orderedItem(t string) int {
	n := 0
	for n < len(t) && n < 4 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n == 0 || n+1 >= len(t) || t[n] != '.' || t[n+1] != ' ' {
		return 0
	}
	return n + 1
}
