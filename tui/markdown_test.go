package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/exchange"
	"rapport/model"
)

func TestRenderMarkdown(t *testing.T) {
	st := DefaultStyles()
	md := "# Brand refresh\n\n**Account:** Nordlicht · **Stage:** checks\n\n## Why\n\n" +
		"The consideration score is falling with younger households and the board wants proof before it funds the next wind parks.\n\n" +
		"- Dana Okafor — CMO, decision maker\n- Henrik \\*CFO\\*\n\n1. first\n2. second\n\n> quoted _line_\n\nsnake_case stays, `code` too.\n"
	out := ansi.Strip(renderMarkdown(md, 40, st))
	for _, want := range []string{"Brand refresh", "Account: Nordlicht · Stage: checks", "Why", "• Dana Okafor — CMO, decision maker",
		"• Henrik *CFO*", "1. first", "2. second", "│ quoted line", "snake_case stays, code too."} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered Markdown lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %q is %d wide, want ≤ 40", l, w)
		}
	}
	if strings.Contains(out, "**") || strings.Contains(out, "\n\n\n") || strings.HasPrefix(out, "\n") {
		t.Errorf("markers or stray blank lines left:\n%s", out)
	}
}

// TestRenderMarkdownBrief renders a whole brief as exchange writes it: every
// heading and framing reaches the screen within the width, even a word
// longer than a line.
func TestRenderMarkdownBrief(t *testing.T) {
	b := model.Brief{Title: "Launch", AccountName: "Sakura Optics KK", Stage: model.StageChecks, Why: "Because " + strings.Repeat("x", 90),
		Checks: model.DefaultChecks(), People: []model.BriefPerson{{PersonUID: "u1", Name: "Yuki Tanaka", Framing: "Written proposal first."}}}
	out := ansi.Strip(renderMarkdown(exchange.BriefInternal(b, model.MustDate("2026-11-23")), 30, DefaultStyles()))
	for _, want := range []string{"Launch", "Why", "For Yuki Tanaka", "Written proposal first."} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 30 {
			t.Errorf("line %q is %d wide, want ≤ 30", l, w)
		}
	}
}
