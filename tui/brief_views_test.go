package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rapport/model"
)

// The board, the preview and writing a brief to a file.

// TestBriefBoard draws the board at 80×21 and 200×47 (the pane's share of
// 80×24 and 200×50): a column per stage, every brief's title readable, no
// line wider than the screen; h/l and j/k move, a long column scrolls
// with "+N more", enter opens the brief.
func TestBriefBoard(t *testing.T) {
	h := newBriefHarness(t)
	h.create("Loyalty relaunch with a rather long title that must be clipped", 0)
	h.create("Store kiosks", 1)
	h.create("Data sharing", 2)
	for i := range 12 {
		h.create("Checks item "+itoa(i+1), 3)
	}
	dropped := h.create("Dropped one", 0)
	if _, err := h.st.MoveBrief(h.ctx, dropped.ID, model.StageDropped, "no budget"); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.press("j", "b")
	if b, ok := h.p.board.selected(); !ok || b.Title != "Store kiosks" {
		t.Fatalf("the board opens on %q, not on the brief the list was on", b.Title)
	}
	h.press("h")
	for _, size := range [][2]int{{80, 21}, {200, 47}} {
		w, ht := size[0], size[1]
		h.p.SetSize(w, ht)
		view := h.p.View()
		lines := strings.Split(view, "\n")
		if len(lines) != ht {
			t.Errorf("%d×%d: %d lines", w, ht, len(lines))
		}
		for i, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("%d×%d: line %d is %d wide: %q", w, ht, i, lw, ansi.Strip(l))
			}
		}
		heads := []string{"needs 1", "solution 1", "create 1", "checks 12", "activate 0", "done 0"}
		if w >= 200 {
			heads = []string{"understand needs 1", "determine solution 1", "create 1", "checks 12", "activate 0", "done 0"}
		}
		for i, want := range heads {
			if col := briefBoardColumn(view, w, i); !strings.HasPrefix(col, want) {
				t.Errorf("%d×%d: column %d is %q…, want the %q heading", w, ht, i, col[:min(len(col), 30)], want)
			}
		}
		for i, want := range []string{"Loyalty relaunch", "Store kiosks", "Data sharing", "Checks item 1"} {
			if col := briefBoardColumn(view, w, i); !strings.Contains(col, want) {
				t.Errorf("%d×%d: column %d lacks %q: %q", w, ht, i, want, col)
			}
		}
		if last := ansi.Strip(lines[len(lines)-1]); !strings.HasSuffix(strings.TrimSpace(last), "1 dropped (in the list)") {
			t.Errorf("%d×%d: the board does not count the dropped brief: %q", w, ht, last)
		}
		if strings.Contains(h.flat(), "Dropped one") {
			t.Errorf("%d×%d: a dropped brief is on the board", w, ht)
		}
	}
	h.p.SetSize(80, 21)
	if col := briefBoardColumn(h.p.View(), 80, 3); !strings.Contains(col, "+7 more") {
		t.Errorf("the long checks column does not say how many more: %q", col)
	}
	h.press("l", "l", "l") // to checks
	for range 11 {
		h.press("j")
	}
	if b, ok := h.p.board.selected(); !ok || b.Title != "Checks item 12" {
		t.Fatalf("after l l l and 11 j the board selects %q", b.Title)
	}
	if col := briefBoardColumn(h.p.View(), 80, 3); !strings.Contains(col, "▸ Checks item 12") || strings.Contains(col, "more") {
		t.Errorf("the selected card is not in view at the end of its column: %q", col)
	}
	h.press("h", "h")
	if b, ok := h.p.board.selected(); !ok || b.Title != "Store kiosks" {
		t.Fatalf("after h h the board selects %q", b.Title)
	}
	h.press(">") // moves on the board too
	if b, _ := h.p.board.selected(); b.Title != "Store kiosks" || b.Stage != model.StageCreate {
		t.Fatalf("after > the board selects %q in %q, want Store kiosks in create", b.Title, b.Stage)
	}
	h.press("enter")
	if h.p.board != nil || h.p.brief == nil || h.p.brief.Title != "Store kiosks" || !h.p.b.inDetail {
		t.Fatal("enter on the board did not open the brief's detail")
	}
}

// briefBoardColumn is column i of a board drawn at width w, as plain text
// with the column's lines joined by spaces (a wrapped title reads whole).
func briefBoardColumn(view string, w, i int) string {
	colW := (w - 5) / 6
	var parts []string
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		r := []rune(l)
		from, to := i*(colW+1), i*(colW+1)+colW
		if to > len(r) {
			continue
		}
		if t := strings.TrimSpace(string(r[from:to])); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}

// TestBriefWriteMarkdown writes the brief with w: the file is private, an
// existing file is never overwritten (the next gets -2), and the status
// line says where it went.
// TestBriefWriteMarkdown writes versions of a brief where the user says:
// the path is prefilled with ~/ and then the last directory used, an
// existing file is refused with the form kept open, and each file holds
// only what its version may.
func TestBriefWriteMarkdown(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Zoë's Q3 relaunch!", briefTestNow)
	b.Why = briefWhy
	b.People = []model.BriefPerson{{PersonID: h.lee.ID, Framing: "Numbers first.", Opening: "Lee, here is the payback you asked for."}}
	if _, err := h.st.CreateBrief(h.ctx, b); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	home := t.TempDir()
	t.Setenv("HOME", home)

	h.press("w") // from the list: the client version, shown behind the form
	if h.p.preview == nil {
		t.Fatal("w did not show the version it writes")
	}
	if got := h.form().value("path"); got != "~/zoes-q3-relaunch.md" {
		t.Fatalf("path prefilled with %q, want ~/zoes-q3-relaunch.md", got)
	}
	h.press("enter")
	client := filepath.Join(home, "zoes-q3-relaunch.md")
	if want := "Wrote " + client + "."; h.lastStatus != want {
		t.Fatalf("status = %q, want %q", h.lastStatus, want)
	}
	if h.p.ed.active() {
		t.Error("the form stayed open after writing")
	}
	fi, err := os.Stat(client)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(client)
	if !strings.Contains(string(data), "## Why") || strings.Contains(string(data), "Numbers first.") || strings.Contains(string(data), "economic buyer") {
		t.Errorf("the client version holds the wrong things:\n%s", data)
	}

	h.press("w") // again: the last directory, and the file exists now
	if got, want := h.form().value("path"), client; got != want {
		t.Fatalf("path prefilled with %q, want %q", got, want)
	}
	h.press("enter")
	if !h.p.ed.active() || !strings.Contains(h.form().err, "exists already") {
		t.Fatalf("an existing file was not refused in the form (status %q)", h.lastStatus)
	}
	if again, _ := os.ReadFile(client); string(again) != string(data) {
		t.Error("an existing file was overwritten")
	}
	h.press("esc")

	h.press("tab") // Lee's version, from the preview
	if s := h.screen(); !strings.Contains(s, "for Lee Park · client-safe") {
		t.Fatalf("tab did not show Lee's version:\n%s", s)
	}
	h.press("w", "enter")
	lee := filepath.Join(home, "zoes-q3-relaunch-for-lee-park.md")
	data, err = os.ReadFile(lee)
	if err != nil {
		t.Fatalf("%v (status %q)", err, h.lastStatus)
	}
	if !strings.Contains(string(data), "Lee, here is the payback you asked for.") || strings.Contains(string(data), "Numbers first.") {
		t.Errorf("Lee's version holds the wrong things:\n%s", data)
	}
}

func TestBriefPreview(t *testing.T) {
	h := newBriefHarness(t)
	b := model.NewBrief(h.acme.ID, "Kiosks", briefTestNow)
	b.Why = strings.Repeat("Shoppers queue too long at the tills and leave. ", 80)
	b.People = []model.BriefPerson{
		{PersonID: h.dana.ID, Framing: "The brand story.", Opening: "Dana, this is the story your shoppers tell."},
		{PersonID: h.lee.ID, Framing: "Payback."},
	}
	if _, err := h.st.CreateBrief(h.ctx, b); err != nil {
		t.Fatal(err)
	}
	h.run(h.p.Init())
	h.press("p")
	if h.p.preview == nil || h.p.preview.loading {
		t.Fatal("the preview did not open and render")
	}
	s := h.screen()
	if !strings.Contains(s, "Preview client-safe 1/4  Kiosks") || !strings.Contains(s, "0% · tab version · w write") || !hasLine(s, "Why") {
		t.Fatalf("preview:\n%s", s)
	}
	if strings.Contains(s, "The brand story.") {
		t.Errorf("the client version shows a framing:\n%s", s)
	}
	for _, want := range []string{"for Dana Whit · client-safe 2/4", "for Lee Park · client-safe, no opening yet 3/4", "INTERNAL — do not send 4/4", "client-safe 1/4"} {
		h.press("tab")
		if s := h.screen(); !strings.Contains(s, want) {
			t.Errorf("tab: header lacks %q:\n%s", want, s)
		}
	}
	// Tabs typed while a version renders are not lost.
	rendering := h.p.Update(Key("tab")) // 2/4…
	h.p.Update(Key("tab"))              // …and a tab typed while it renders
	h.run(rendering)
	if s := h.screen(); !strings.Contains(s, "for Lee Park · client-safe, no opening yet 3/4") {
		t.Errorf("a tab typed while rendering was lost:\n%s", s)
	}
	h.press("tab", "tab", "shift+tab")
	if s := h.screen(); !strings.Contains(s, "INTERNAL — do not send 4/4") {
		t.Errorf("shift+tab did not go back to the internal version:\n%s", s)
	}
	h.press("G")
	if s := h.screen(); !strings.Contains(s, "100% ·") || !strings.Contains(s, "For Dana Whit") {
		t.Errorf("G does not reach the end of the internal version:\n%s", s)
	}
	h.p.SetSize(60, 20)
	for i, l := range strings.Split(h.p.View(), "\n") {
		if lw := ansi.StringWidth(l); lw > 60 {
			t.Errorf("after narrowing, line %d is %d wide: %q", i, lw, ansi.Strip(l))
		}
	}
	if h.p.preview.width != briefPreviewWidth(60) {
		t.Errorf("preview rendered at %d after narrowing to 60", h.p.preview.width)
	}
	h.press("esc")
	if h.p.preview != nil {
		t.Fatal("esc did not close the preview")
	}
}
