package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// CheckResult is what Check found in a database file, part by part; a
// part is sound when its list is empty. Each problem is one line of
// SQLite's report, as it gave it.
type CheckResult struct {
	File   []string // PRAGMA integrity_check: pages, records and indexes
	Links  []string // PRAGMA foreign_key_check: records linking to records that are not there
	Search []string // the search index's own check
}

// OK reports whether every part is sound.
func (r CheckResult) OK() bool { return len(r.File)+len(r.Links)+len(r.Search) == 0 }

// maxCheckProblems is how many problems of each part Check reports.
const maxCheckProblems = 20

// Check checks the database file at path without writing it, nor
// migrating it: SQLite's integrity check of the whole file, its check of
// the links between records (foreign keys), and the full-text search
// index's own check. A file that is not a rapport database, or that
// cannot be read at all, is an error.
func Check(ctx context.Context, path string) (CheckResult, error) {
	var res CheckResult
	if _, _, err := prepareFile(path, true); err != nil {
		return res, err
	}
	db, err := sql.Open("sqlite", dsn(path, true, !writable(path) || !writable(filepath.Dir(path))))
	if err != nil {
		return res, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	s := &Store{path: path}
	var appID int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if sqliteCode(err)&0xff == sqlite3.SQLITE_CORRUPT {
			res.File = []string{"SQLite cannot read it: " + withoutCode(err)}
			return res, nil
		}
		return res, s.openErr(err)
	}
	if appID != ApplicationID {
		return res, fmt.Errorf("%w: %s is a SQLite database, but not rapport's", ErrNotDatabase, path)
	}
	lines := func(query string, scan func(*sql.Rows) (string, error)) ([]string, error) {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			line, err := scan(rows)
			if err != nil {
				return nil, err
			}
			if line != "" && len(out) < maxCheckProblems {
				out = append(out, line)
			}
		}
		return out, rows.Err()
	}
	asProblem := func(err error) []string {
		if code := sqliteCode(err) & 0xff; code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB {
			return []string{"SQLite cannot read it through: " + withoutCode(err)}
		}
		return nil
	}
	okLine := func(r *sql.Rows) (string, error) {
		var s string
		if err := r.Scan(&s); err != nil || s == "ok" {
			return "", err
		}
		return s, nil
	}
	if res.File, err = lines("PRAGMA integrity_check", okLine); err != nil {
		if res.File = asProblem(err); res.File == nil {
			return res, fmt.Errorf("store: check %s: %w", path, mapErr(err))
		}
	}
	counts := map[string]int{}
	_, err = lines("PRAGMA foreign_key_check", func(r *sql.Rows) (string, error) {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := r.Scan(&table, &rowid, &parent, &fk); err != nil {
			return "", err
		}
		counts[table+"\x00"+parent]++
		return "", nil
	})
	if err != nil {
		if res.Links = asProblem(err); res.Links == nil {
			return res, fmt.Errorf("store: check %s: %w", path, mapErr(err))
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		table, parent, _ := strings.Cut(k, "\x00")
		res.Links = append(res.Links, fmt.Sprintf("%d %s %s to %s %s that is not there", counts[k], rowWord(table, counts[k]),
			linkVerb(counts[k]), article(parent), rowWord(parent, 1)))
	}
	// SQLite 3.44 and later run the search index's own check (FTS5's
	// integrity-check) for PRAGMA integrity_check on the table, without
	// writing.
	if res.Search, err = lines("PRAGMA integrity_check(search)", okLine); err != nil {
		if res.Search = asProblem(err); res.Search == nil {
			return res, fmt.Errorf("store: check %s: %w", path, mapErr(err))
		}
	}
	// The file's check takes in the search index's since SQLite 3.44: say
	// each problem once, where it is.
	res.File = slices.DeleteFunc(res.File, func(p string) bool { return slices.Contains(res.Search, p) })
	return res, nil
}

// withoutCode is a SQLite error without the number it ends with.
func withoutCode(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// NewestBackup returns the newest backup beside the database at path
// (path.*.bak, by time of writing), or "".
func NewestBackup(path string) string {
	matches, _ := filepath.Glob(path + ".*.bak")
	newest, at := "", int64(0)
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil && fi.Mode().IsRegular() && fi.ModTime().UnixNano() > at {
			newest, at = m, fi.ModTime().UnixNano()
		}
	}
	return newest
}

// tableNouns name a table's rows in words: one and several.
var tableNouns = map[string][2]string{
	"account": {"account", "accounts"}, "person": {"person", "people"}, "note": {"note", "notes"},
	"touch": {"touch", "touches"}, "touch_person": {"person of a touch", "people of touches"},
	"health_check": {"health check", "health checks"}, "brief": {"brief", "briefs"},
	"brief_check": {"check of a brief", "checks of briefs"}, "brief_person": {"person of a brief", "people of briefs"},
	"stage_change": {"stage change", "stage changes"}, "follow_up": {"follow-up", "follow-ups"},
}

func rowWord(table string, n int) string {
	nouns, ok := tableNouns[table]
	if !ok {
		nouns = [2]string{table + " row", table + " rows"}
	}
	if n == 1 {
		return nouns[0]
	}
	return nouns[1]
}

func linkVerb(n int) string {
	if n == 1 {
		return "links"
	}
	return "link"
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
