package tui

import (
	"errors"
	"os"
	"os/exec"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rapport/model"
	"rapport/termtext"
	"rapport/tui/textarea"
)

// fieldSpec describes one field of a form.
type fieldSpec struct {
	key     string   // the name validation errors use (model.FieldError.Field)
	label   string   // what the user sees
	value   string   // initial text
	hint    string   // placeholder, e.g. "1.2m, 250k"
	options []string // a closed set: ←/→ cycle through them
	long    bool     // multi-line text; ctrl+e opens $EDITOR
	heart   bool     // drawn as the heart of the form (a brief's why)
	rows    int      // height of a long field (default 4)
}

type formField struct {
	fieldSpec
	input textinput.Model
	area  textarea.Model
	note  string // set by the pane: a line under the field (a lookup, a count)
	// fresh: reached with tab and still holding the value it opened with
	// (a default such as "tomorrow"): typing replaces it, as a selected
	// field does; any other key keeps it for editing.
	fresh bool
	typed string // letters typed into a closed set, for type-ahead
	// hidden: set by the pane when the field does not apply (who signed a
	// check marked not needed); it is not drawn and tab skips it.
	hidden bool
}

// pick selects the first option starting with what was typed (any case or
// accents); a letter that matches nothing after the last starts afresh. It
// reports whether anything matched.
func (f *formField) pick(s string) bool {
	find := func(prefix string) (string, bool) {
		for _, o := range f.options {
			if strings.HasPrefix(model.Fold(o), model.Fold(prefix)) {
				return o, true
			}
		}
		return "", false
	}
	f.typed += s
	o, ok := find(f.typed)
	if !ok {
		f.typed = s
		o, ok = find(s)
	}
	if !ok {
		f.typed = ""
		return false
	}
	f.input.SetValue(o)
	f.input.CursorEnd()
	return true
}

// choices says what a closed set takes, for a letter that picks nothing.
func (f *formField) choices() string {
	opts := f.options
	more := ""
	if len(opts) > 6 {
		opts, more = opts[:6], ", …"
	}
	return "one of " + termtext.SanitizeLine(strings.Join(opts, ", ")) + more + " — type its first letters, or " + keyName(keyMap.form.Cycle)
}

// setOptions replaces a closed set (e.g. the people of an account, known
// once the account is).
func (f *formField) setOptions(opts []string) {
	f.options = opts
	if len(opts) > 0 {
		f.input.Width = optionsWidth(opts)
		f.input.Placeholder = "—" // the choices are drawn beside it
	}
}

func optionsWidth(opts []string) int {
	w := 8
	for _, o := range opts {
		w = max(w, ansi.StringWidth(o)+1)
	}
	return min(w, 40)
}

func (f *formField) Value() string {
	if f.long {
		return f.area.Value()
	}
	return f.input.Value()
}

func (f *formField) setValue(v string) {
	if f.long {
		f.area.SetValue(v)
	} else {
		f.input.SetValue(v)
	}
}

// form is a keyboard form: tab and shift+tab move, ctrl+s saves, esc
// cancels (asking when something was typed). A failed save keeps every
// character typed and points at the field that is wrong.
type form struct {
	pane     paneID // the pane the form is open in
	title    string
	fields   []*formField
	focus    int
	err      string
	errField string
	width    int
	height   int
	keys     formKeys
	styles   Styles
	initial  []string
	asking   *confirm
	// askYes is what yes to asking does: formCancel to discard what was
	// typed, formSave to save again once a question is answered.
	askYes formAction
	askKey string // the confirmSave key yes confirms
	// confirmed holds the questions a save asked and the user answered yes
	// (confirmSave), so the save asked again goes ahead.
	confirmed map[string]bool
	saving    bool
}

// formAction is what a key did to a form.
type formAction int

const (
	formNone formAction = iota
	formSave
	formCancel
)

// editorDoneMsg brings back text edited in $EDITOR.
type editorDoneMsg struct {
	form  *form
	field int
	text  string
	err   error
}

func (m editorDoneMsg) target() paneID { return m.form.pane }

func newForm(title string, st Styles, specs ...fieldSpec) *form {
	f := &form{title: title, keys: newFormKeys(), styles: st}
	for _, s := range specs {
		f.fields = append(f.fields, newFormField(s, st))
		f.initial = append(f.initial, s.value)
	}
	f.focusField(0)
	return f
}

// newFormField builds one field from its spec.
func newFormField(s fieldSpec, st Styles) *formField {
	ff := &formField{fieldSpec: s}
	if s.long {
		ta := textarea.New()
		ta.Cursor.SetMode(cursor.CursorStatic)
		ta.CharLimit = 0
		ta.MaxHeight = 0
		ta.ShowLineNumbers = false
		ta.Placeholder = s.hint
		ta.FocusedStyle.Placeholder = st.Placeholder
		ta.BlurredStyle.Placeholder = st.Placeholder
		rows := s.rows
		if rows == 0 {
			rows = 4
		}
		ta.SetHeight(rows)
		ta.Prompt = "│ "
		ta.SetValue(s.value)
		ta.Blur()
		ff.area = ta
	} else {
		ti := newInput(st)
		ti.Prompt = ""
		ti.Placeholder = s.hint
		if len(s.options) > 0 && s.hint == "" {
			ti.Placeholder = "—" // the choices are drawn beside the focused field
		}
		ti.CharLimit = model.MaxShortTextLen
		ti.SetValue(s.value)
		ff.input = ti
	}
	return ff
}

func (f *form) focusField(i int) tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	i = (i + len(f.fields)) % len(f.fields)
	for j, ff := range f.fields {
		if ff.long {
			ff.area.Blur()
		} else {
			ff.input.Blur()
		}
		_ = j
	}
	f.focus = i
	ff := f.fields[i]
	ff.typed = ""
	if ff.long {
		return ff.area.Focus()
	}
	ff.input.CursorEnd()
	return ff.input.Focus()
}

// tabTo moves the focus with tab or shift+tab; a short field that still
// holds its initial text becomes fresh.
func (f *form) tabTo(i int) tea.Cmd {
	for _, ff := range f.fields {
		ff.fresh = false
	}
	step := 1
	if i < f.focus {
		step = -1
	}
	n := len(f.fields)
	for range n {
		if !f.fields[((i%n)+n)%n].hidden {
			break
		}
		i += step
	}
	cmd := f.focusField(i)
	ff := f.fields[f.focus]
	ff.fresh = !ff.long && len(ff.options) == 0 && ff.input.Value() != "" && ff.input.Value() == f.initial[f.focus]
	return cmd
}

func (f *form) setSize(w, h int) {
	f.width, f.height = w, h
	for _, ff := range f.fields {
		f.sizeField(ff)
	}
}

func (f *form) sizeField(ff *formField) {
	w := f.width
	switch {
	case ff.long:
		ff.area.SetWidth(max(w-4, 10))
	case len(ff.options) > 0:
		// Only as wide as the longest choice, so the choices drawn beside
		// it stay on screen.
		ff.input.Width = min(optionsWidth(ff.options), max(w-22, 10))
	default:
		ff.input.Width = max(w-22, 10)
	}
}

// fieldIndex returns the position of the field with the given key, or -1.
func (f *form) fieldIndex(key string) int {
	for i, ff := range f.fields {
		if ff.key == key {
			return i
		}
	}
	return -1
}

// insertField adds a field at position i (a form that grows as it is
// filled in); the focus stays on the field it was on.
func (f *form) insertField(i int, s fieldSpec) {
	i = min(max(i, 0), len(f.fields))
	ff := newFormField(s, f.styles)
	f.sizeField(ff)
	f.fields = append(f.fields[:i], append([]*formField{ff}, f.fields[i:]...)...)
	f.initial = append(f.initial[:i], append([]string{s.value}, f.initial[i:]...)...)
	if f.focus >= i && len(f.fields) > 1 {
		f.focus++
	}
}

// removeField drops the field at position i; the focus stays on the field
// it was on (or the one that takes the removed field's place).
func (f *form) removeField(i int) {
	if i < 0 || i >= len(f.fields) || len(f.fields) == 1 {
		return
	}
	f.fields = append(f.fields[:i], f.fields[i+1:]...)
	f.initial = append(f.initial[:i], f.initial[i+1:]...)
	switch {
	case f.focus > i:
		f.focus--
	case f.focus == i:
		f.focusField(min(i, len(f.fields)-1))
	}
}

// setNote sets the line shown under a field.
func (f *form) setNote(key, note string) {
	if i := f.fieldIndex(key); i >= 0 {
		f.fields[i].note = note
	}
}

// value returns the text of a field by key.
func (f *form) value(key string) string {
	for _, ff := range f.fields {
		if ff.key == key {
			return strings.TrimSpace(ff.Value())
		}
	}
	return ""
}

// raw returns a field's text as typed (long text keeps its spacing).
func (f *form) raw(key string) string {
	for _, ff := range f.fields {
		if ff.key == key {
			return ff.Value()
		}
	}
	return ""
}

// dirty reports whether anything was typed.
func (f *form) dirty() bool {
	for i, ff := range f.fields {
		if ff.Value() != f.initial[i] {
			return true
		}
	}
	return false
}

// ask puts a yes/no question in the form's title line; yes does what.
func (f *form) ask(question string, yes formAction) {
	f.asking, f.askYes = newConfirm(question, func() tea.Cmd { return nil }), yes
}

// confirmSave is a save that needs a yes first (make the account typed?):
// the form asks question, and yes saves again with key confirmed.
type confirmSave struct {
	key      string
	question string
}

func (e *confirmSave) Error() string { return e.question }

// fail shows a save error; a validation error focuses its field, and a
// save that needs a yes asks for it.
func (f *form) fail(err error) tea.Cmd {
	if q, ok := errors.AsType[*confirmSave](err); ok {
		f.saving = false
		f.ask(q.question, formSave)
		f.askKey = q.key
		return nil
	}
	f.saving = false
	f.err = errText(err)
	f.errField = model.FieldOf(err)
	for i, ff := range f.fields {
		if ff.key == f.errField || strings.EqualFold(ff.label, f.errField) {
			return f.focusField(i)
		}
	}
	return nil
}

// failField marks a field wrong with a reason (parsing done by the pane).
func (f *form) failField(key string, err error) tea.Cmd {
	return f.fail(&model.FieldError{Field: key, Reason: strings.TrimPrefix(errText(err), key+": ")})
}

// prompt is a form of one line: enter saves it.
func (f *form) prompt() bool { return len(f.fields) == 1 && !f.fields[0].long }

func (f *form) help() bindings {
	k := f.keys
	if f.prompt() {
		return bindings{short: []key.Binding{k.Submit, k.Cancel}, full: [][]key.Binding{{k.Submit, k.Save, k.Cancel}}}
	}
	short := []key.Binding{k.Save, k.Next, k.Prev, k.Cancel}
	if f.fields[f.focus].long {
		// Right after save, so a narrow footer keeps it.
		short = []key.Binding{k.Save, k.Editor, k.Next, k.Prev, k.Cancel}
	}
	return bindings{short: short, full: [][]key.Binding{{k.Save, k.Next, k.Prev, k.Cancel, k.Editor}}}
}

// update handles a message; it returns formSave or formCancel when the user
// asks for them.
func (f *form) update(msg tea.Msg) (formAction, tea.Cmd) {
	switch msg := msg.(type) {
	case editorDoneMsg:
		if msg.form != f {
			return formNone, nil
		}
		if msg.err != nil {
			f.err = "editor: " + errText(msg.err)
			return formNone, nil
		}
		f.fields[msg.field].setValue(msg.text)
		return formNone, nil
	case tea.KeyMsg:
		if f.asking != nil {
			switch {
			case key.Matches(msg, f.asking.keys.Yes):
				f.asking = nil
				if f.askYes == formSave {
					f.saving = true
					f.err = ""
					if f.confirmed == nil {
						f.confirmed = map[string]bool{}
					}
					f.confirmed[f.askKey] = true // read by the save yes starts
				}
				return f.askYes, nil
			case key.Matches(msg, f.asking.keys.No):
				f.asking = nil
			}
			return formNone, nil
		}
		ff := f.fields[f.focus]
		switch {
		case key.Matches(msg, f.keys.Save) || f.prompt() && key.Matches(msg, f.keys.Submit):
			if f.saving {
				return formNone, nil
			}
			f.saving = true
			f.err = ""
			return formSave, nil
		case key.Matches(msg, f.keys.Cancel):
			if f.dirty() {
				f.ask("Discard what you typed?", formCancel)
				return formNone, nil
			}
			return formCancel, nil
		case key.Matches(msg, f.keys.Next):
			return formNone, f.tabTo(f.focus + 1)
		case key.Matches(msg, f.keys.Prev):
			return formNone, f.tabTo(f.focus - 1)
		case key.Matches(msg, f.keys.Editor) && ff.long:
			return formNone, f.editInEditor(f.focus)
		case len(ff.options) > 0 && (key.Matches(msg, f.keys.Cycle) || key.Matches(msg, f.keys.Space) && ff.input.Value() == ""):
			ff.input.SetValue(cycle(ff.options, ff.input.Value(), msg.Type == tea.KeyLeft))
			ff.input.CursorEnd()
			ff.typed = ""
			return formNone, nil
		case len(ff.options) > 0 && msg.Type == tea.KeyRunes && !msg.Paste:
			// A closed set: letters pick the option they start; one that
			// picks nothing says what the field takes.
			switch {
			case !ff.pick(string(msg.Runes)):
				f.err, f.errField = ff.choices(), ff.key
			case f.errField == ff.key:
				f.err, f.errField = "", ""
			}
			return formNone, nil
		case len(ff.options) > 0 && (msg.Type == tea.KeyBackspace || msg.Type == tea.KeyDelete || msg.Type == tea.KeyCtrlU):
			ff.input.SetValue("")
			ff.typed = ""
			return formNone, nil
		}
		if ff.fresh && msg.Type == tea.KeyRunes {
			ff.input.SetValue("")
		}
		ff.fresh = false
		was := ff.Value()
		var cmd tea.Cmd
		if ff.long {
			ff.area, cmd = ff.area.Update(msg)
		} else {
			ff.input, cmd = ff.input.Update(msg)
		}
		if f.errField == ff.key && ff.Value() != was {
			f.err, f.errField = "", "" // being fixed: the old complaint goes
		}
		return formNone, cmd
	}
	return formNone, nil
}

func cycle(options []string, cur string, back bool) string {
	i := -1
	for j, o := range options {
		if strings.EqualFold(o, strings.TrimSpace(cur)) {
			i = j
		}
	}
	if back {
		if i <= 0 {
			return options[len(options)-1]
		}
		return options[i-1]
	}
	return options[(i+1)%len(options)]
}

// editInEditor opens $EDITOR (else vi) on the field's text in a private
// temporary file and brings the text back.
func (f *form) editInEditor(i int) tea.Cmd {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	tmp, err := os.CreateTemp("", "rapport-*.md") // 0600
	if err != nil {
		return func() tea.Msg { return editorDoneMsg{form: f, field: i, err: err} }
	}
	_, err = tmp.WriteString(f.fields[i].Value())
	tmp.Close()
	if err != nil {
		os.Remove(tmp.Name())
		return func() tea.Msg { return editorDoneMsg{form: f, field: i, err: err} }
	}
	args := strings.Fields(editor)
	cmd := exec.Command(args[0], append(args[1:], tmp.Name())...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		defer os.Remove(tmp.Name())
		if err != nil {
			return editorDoneMsg{form: f, field: i, err: err}
		}
		b, err := os.ReadFile(tmp.Name())
		return editorDoneMsg{form: f, field: i, text: strings.TrimRight(string(b), "\n"), err: err}
	})
}

// view draws the form, scrolled so the focused field shows.
func (f *form) view() string {
	st := f.styles
	var blocks []string
	focusLine := 0
	lineCount := 2
	for i, ff := range f.fields {
		if ff.hidden {
			continue
		}
		// The focused field is marked, so it shows without colour.
		label, gutter := ff.label, "  "
		lst := st.Field
		if i == f.focus {
			lst, gutter = st.FieldFocus, "▸ "
		}
		if ff.heart {
			label = "♥ " + label
			lst = st.Heart
		}
		label = gutter + label
		var block string
		if ff.long {
			block = lst.Render(label) + "\n" + ff.area.View()
		} else {
			block = lst.Render(termtext.Fit(label, 20)) + ff.input.View()
			if len(ff.options) > 0 && i == f.focus {
				block += "  " + st.Muted.Render(keyName(keyMap.form.Cycle)+" or type: "+strings.Join(ff.options, " · "))
			}
			if ff.fresh && i == f.focus {
				// Drawn selected, as a text box shows a field it will replace.
				block = lst.Render(termtext.Fit(label, 20)) + st.Selected.Render(termtext.Clip(termtext.SanitizeLine(ff.input.Value()), max(ff.input.Width, 10))) +
					"  " + st.Muted.Render("typing replaces it")
			}
		}
		if ff.key == f.errField && f.err != "" {
			block += "\n" + st.FieldError.Render("  ✗ "+f.err)
		}
		if ff.note != "" {
			block += "\n" + st.Muted.Render("  "+wrapIndent(ff.note, max(f.width-2, 10), 2))
		}
		if i == f.focus {
			focusLine = lineCount
		}
		lineCount += strings.Count(block, "\n") + 1
		blocks = append(blocks, block)
	}
	head := st.Heading.Render(f.title)
	if f.err != "" && f.errField == "" {
		head += "  " + st.StatusErr.Render(f.err)
	}
	if f.asking != nil {
		head += "  " + st.Warn.Render(f.asking.view())
	}
	body := head + "\n\n" + strings.Join(blocks, "\n")
	ls := strings.Split(body, "\n")
	h := max(f.height, 3)
	off := 0
	if focusLine+6 > h {
		off = min(focusLine+6-h, max(len(ls)-h, 0))
	}
	if off > 0 {
		ls = append([]string{ls[0]}, ls[off+1:]...)
	}
	return padLines(strings.Join(ls, "\n"), f.width, h)
}
