package cli

import (
	"testing"

	"rapport/store"
)

func TestImportSummary(t *testing.T) {
	tests := []struct {
		name string
		res  store.ImportResult
		want string
	}{
		{"Nothing", store.ImportResult{}, "nothing to import"},
		{"New", store.ImportResult{Accounts: store.ImportCount{Created: 8}}, "accounts: 8 new"},
		{"Mixed", store.ImportResult{
			People: store.ImportCount{Updated: 2, Unchanged: 38},
			Health: store.ImportCount{Created: 1, Updated: 1, Unchanged: 1},
		}, "people: 2 updated, 38 unchanged · health checks: 1 new, 1 updated, 1 unchanged"},
		{"EveryKind", store.ImportResult{
			Accounts: store.ImportCount{Created: 1}, People: store.ImportCount{Created: 1}, Notes: store.ImportCount{Created: 1},
			Touches: store.ImportCount{Created: 1}, Health: store.ImportCount{Created: 1}, Briefs: store.ImportCount{Created: 1},
			FollowUps: store.ImportCount{Created: 1},
		}, "accounts: 1 new · people: 1 new · notes: 1 new · touches: 1 new · health checks: 1 new · briefs: 1 new · follow-ups: 1 new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := importSummary(tt.res); got != tt.want {
				t.Errorf("importSummary = %q, want %q", got, tt.want)
			}
		})
	}
}
