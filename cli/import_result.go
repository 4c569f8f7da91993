package cli

import (
	"fmt"
	"strings"

	"rapport/store"
)

// importSummary says what an import did, kind by kind, e.g.
// "accounts: 8 new · people: 2 updated, 38 unchanged".
func importSummary(r store.ImportResult) string {
	var parts []string
	for _, k := range []struct {
		name  string
		count store.ImportCount
	}{{"accounts", r.Accounts}, {"people", r.People}, {"notes", r.Notes}, {"touches", r.Touches},
		{"health checks", r.Health}, {"briefs", r.Briefs}, {"follow-ups", r.FollowUps}, {"meetings", r.Meetings}} {
		c := k.count
		if c.Total() == 0 {
			continue
		}
		var bits []string
		for _, b := range []struct {
			n    int
			word string
		}{{c.Created, "new"}, {c.Updated, "updated"}, {c.Unchanged, "unchanged"}} {
			if b.n > 0 {
				bits = append(bits, fmt.Sprintf("%d %s", b.n, b.word))
			}
		}
		parts = append(parts, k.name+": "+strings.Join(bits, ", "))
	}
	if len(parts) == 0 {
		return "nothing to import"
	}
	return strings.Join(parts, " · ")
}
