package cli

import (
	"strings"
	"testing"
)

// TestExportMarkdownRisks: the Markdown export lists each account's
// coverage risks, one line each, in the portfolio and for one account.
func TestExportMarkdownRisks(t *testing.T) {
	f := newMapFixture(t)
	acme := "### Coverage risks\n\n" +
		"- **weak-decider:** Zoë Durand (economic buyer): relationship 2 of 5\n" +
		"- **unengaged-against:** Eve\uFFFD]0;x\uFFFD Evil (sceptic, influence 4): no touch in 100 days (every 14)\n" +
		"- **no-champion:** no champion among 4 people\n" +
		"- **single-threaded:** only Dana Smith touched in the last 90 days\n" +
		"- **lost-key-person:** Gil Gone (champion) left; nobody else is a champion\n\n### Open briefs"
	r := rapport(t, f.db, "export", "--format", "md")
	r.wantCode(t, ExitOK, "export --format md")
	for _, want := range []string{acme, "## Globex\n", "### Coverage risks\n\n- **no-champion:** no champion among 3 people\n\n",
		"## Acme Labs\n", "### Coverage risks\n\n_No coverage risks._\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the portfolio lacks %q:\n%s", want, r.stdout)
		}
	}
	r = rapport(t, f.db, "export", "--format", "md", "--account", "acme corp")
	r.wantCode(t, ExitOK, "export --format md --account")
	if want := strings.ReplaceAll(acme, "###", "##"); !strings.Contains(r.stdout, want) {
		t.Errorf("one account's document lacks %q:\n%s", want, r.stdout)
	}
}
