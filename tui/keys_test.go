package tui

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// readmeKeys reads the README's key table: the keys of its key column, and
// every key it names anywhere (an action can name the keys that answer it).
func readmeKeys(t *testing.T) (column, named map[string]bool) {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "## Keys")
	if start < 0 {
		t.Fatal("README.md has no ## Keys section")
	}
	text = text[start:]
	if end := strings.Index(text[1:], "\n## "); end >= 0 {
		text = text[:end+1]
	}
	tick := regexp.MustCompile("`([^`]+)`")
	column, named = map[string]bool{}, map[string]bool{}
	add := func(set map[string]bool, tok string) {
		for _, k := range readmeKey(tok) {
			set[k] = true
		}
	}
	for _, line := range strings.Split(text, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		for _, m := range tick.FindAllStringSubmatch(cells[2], -1) {
			add(column, m[1])
			add(named, m[1])
		}
		for _, m := range tick.FindAllStringSubmatch(cells[3], -1) {
			add(named, m[1])
		}
		if strings.Contains(cells[2], "`1`–`5`") {
			for _, k := range []string{"2", "3", "4", "5"} {
				column[k], named[k] = true, true
			}
		}
	}
	return column, named
}

// readmeKey is the key names a README token stands for, as bindings name
// them.
func readmeKey(tok string) []string {
	switch tok {
	case "↓":
		return []string{"down"}
	case "↑":
		return []string{"up"}
	case "←":
		return []string{"left"}
	case "→":
		return []string{"right"}
	case "pgdn":
		return []string{"pgdown"}
	case "space":
		return []string{" "}
	}
	return []string{tok}
}

// allBindings walks keyMap: every binding of every keymap, named.
func allBindings(t *testing.T) map[string]key.Binding {
	k := keyMap
	groups := []any{k.global, k.list, k.filter, k.item, k.account, k.followUp, k.brief, k.today, k.form, k.confirm, k.finder, k.scope, k.snooze,
		k.dossier, k.prep}
	if n := reflect.TypeOf(k).NumField(); n != len(groups) {
		t.Fatalf("keyMap has %d keymaps and the test walks %d: add the new one here", n, len(groups))
	}
	out := map[string]key.Binding{}
	for _, g := range groups {
		v := reflect.ValueOf(g)
		for j := range v.NumField() {
			if b, ok := v.Field(j).Interface().(key.Binding); ok {
				out[v.Type().Name()+"."+v.Type().Field(j).Name] = b
			}
		}
	}
	return out
}

// TestREADMEKeysMatchKeyMaps: every key the README's table lists is bound,
// and every binding the help shows is in the table.
func TestREADMEKeysMatchKeyMaps(t *testing.T) {
	column, named := readmeKeys(t)
	bound := map[string]bool{}
	bindings := allBindings(t)
	if len(bindings) < 60 {
		t.Fatalf("only %d bindings found in keyMap", len(bindings))
	}
	for name, b := range bindings {
		for _, k := range b.Keys() {
			bound[k] = true
		}
		if b.Help().Key == "" {
			continue // a second key of a binding the help shows as one (1-5)
		}
		listed := false
		for _, k := range b.Keys() {
			listed = listed || named[k]
		}
		if !listed {
			t.Errorf("%s (%s %q) is not in the README's key table", name, b.Help().Key, b.Help().Desc)
		}
	}
	for k := range column {
		if !bound[k] {
			t.Errorf("the README lists %q, which no binding has", k)
		}
	}
}
