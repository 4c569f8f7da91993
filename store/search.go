package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"rapport/model"
)

// HitKind is the kind of item quick find found.
type HitKind int

// Kinds of hit; the numbers are the low three bits of the search index rowid.
const (
	HitAccount  HitKind = 1
	HitPerson   HitKind = 2
	HitBrief    HitKind = 3
	HitNote     HitKind = 4
	HitFollowUp HitKind = 5
)

func (k HitKind) String() string {
	switch k {
	case HitAccount:
		return "account"
	case HitPerson:
		return "person"
	case HitBrief:
		return "brief"
	case HitNote:
		return "note"
	case HitFollowUp:
		return "follow-up"
	case HitTouch:
		return "touch"
	case HitHealth:
		return "health check"
	case HitMeeting:
		return "meeting"
	}
	return "item"
}

// Match ranks how a hit matched: names matched whole rank above names
// matched at the start, above a word of the name, above the text.
type Match int

const (
	MatchExact Match = iota
	MatchPrefix
	MatchWord
	MatchText
)

// Hit is one quick-find result.
type Hit struct {
	Kind      HitKind
	ID        int64
	Title     string // the name, title, or the first line of the text
	Context   string // where it lives: the account, or person · account
	Text      string // for text hits, the text around the first match
	Match     Match
	Archived  bool // for a follow-up: done
	AccountID int64
	PersonID  int64
}

// InText reports whether the hit is a note or follow-up found by a word of
// its text, rather than by a name or title: Text then shows the words
// around it.
func (h Hit) InText() bool {
	return h.Match == MatchText && (h.Kind == HitNote || h.Kind == HitFollowUp)
}

// Search finds accounts, people, briefs, notes and follow-ups: names first
// (whole, then start, then a word of the name), then text hits, newest first.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]Hit, error) {
	terms := model.SearchTerms(query)
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	var match strings.Builder
	for i, t := range terms {
		if i > 0 {
			match.WriteString(" AND ")
		}
		vs := spellings(t)
		if len(vs) > 1 {
			match.WriteString("(")
		}
		for j, v := range vs {
			if j > 0 {
				match.WriteString(" OR ")
			}
			match.WriteString(`"` + v + `"*`)
		}
		if len(vs) > 1 {
			match.WriteString(")")
		}
	}
	// The long texts read for the last queries serve this one while the
	// book is as it was; when its version cannot be read, nothing is kept.
	long := &longTexts{}
	if v, err := s.DataVersion(ctx); err == nil {
		long = s.long.at(v)
	}
	var hits []Hit
	err := s.read(ctx, "search", func(tx *sql.Tx) error {
		// Names that start with the query come first whatever their age, so
		// they are read by name (an index range) before the full-text hits,
		// which come newest first and could crowd them out.
		names, err := prefixRowids(ctx, tx, strings.Join(terms, " "), limit)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, r := range names {
			seen[r] = true
		}
		// Oldest first: names are the low rowids (people, accounts), so the
		// walk stops early instead of passing every newer note first.
		words, err := searchRowids(ctx, tx, "{title} : ("+match.String()+")", "ASC", limit*4)
		if err != nil {
			return err
		}
		for _, r := range words {
			if !seen[r] {
				seen[r] = true
				names = append(names, r)
			}
		}
		var text []int64
		if len(names) < limit {
			all, err := searchRowids(ctx, tx, "{body} : ("+match.String()+")", "DESC", limit+len(names))
			if err != nil {
				return err
			}
			for _, r := range all {
				if !seen[r] && len(text)+len(names) < limit {
					text = append(text, r)
				}
			}
		}
		nameHits, err := loadHits(ctx, tx, names, terms, nil)
		if err != nil {
			return err
		}
		q := strings.Join(terms, " ")
		// Fold each title once: folding is the costly part of ranking.
		type ranked struct {
			hit  Hit
			fold string
		}
		rs := make([]ranked, len(nameHits))
		for i, h := range nameHits {
			rs[i] = ranked{h, model.Fold(h.Title)}
			rs[i].hit.Match = nameMatch(rs[i].fold, q)
		}
		sort.SliceStable(rs, func(i, j int) bool {
			a, b := rs[i], rs[j]
			if a.hit.Match != b.hit.Match {
				return a.hit.Match < b.hit.Match
			}
			if a.hit.Archived != b.hit.Archived {
				return !a.hit.Archived
			}
			return a.fold < b.fold
		})
		for i := range rs {
			nameHits[i] = rs[i].hit
		}
		if len(nameHits) > limit {
			nameHits = nameHits[:limit]
		}
		textHits, err := loadHits(ctx, tx, text, terms, long)
		if err != nil {
			return err
		}
		hits = append(nameHits, textHits...)
		return nil
	})
	return hits, err
}

// The index folds accents ("Zoë" is found by "zoe") but keeps the letters
// that are letters of their own rather than accented ones: ø, æ, œ, ß, ł.
// A folded term is tried with them too, so "olsen" finds "Ølsen" and
// "soren" finds "Søren".
var ownLetters = []struct{ plain, own string }{{"ae", "æ"}, {"oe", "œ"}, {"ss", "ß"}, {"o", "ø"}, {"l", "ł"}}

// maxSpellings bounds the spellings tried for one term.
const maxSpellings = 8

// spellings returns t and the spellings of it with those letters, at most
// maxSpellings (the first places where one could stand).
func spellings(t string) []string {
	type site struct {
		at        int
		plain, to string
	}
	var sites []site
	for i := 0; i < len(t) && len(sites) < 3; i++ {
		for _, l := range ownLetters {
			if strings.HasPrefix(t[i:], l.plain) {
				sites = append(sites, site{i, l.plain, l.own})
				i += len(l.plain) - 1
				break
			}
		}
	}
	out := []string{t}
	for mask := 1; mask < 1<<len(sites) && len(out) < maxSpellings; mask++ {
		var b strings.Builder
		last := 0
		for k, s := range sites {
			if mask&(1<<k) == 0 {
				continue
			}
			b.WriteString(t[last:s.at])
			b.WriteString(s.to)
			last = s.at + len(s.plain)
		}
		b.WriteString(t[last:])
		out = append(out, b.String())
	}
	return out
}

// nameMatch ranks a folded title against the folded query.
func nameMatch(f, q string) Match {
	switch {
	case f == q:
		return MatchExact
	case strings.HasPrefix(f, q):
		return MatchPrefix
	}
	return MatchWord
}

// prefixRowids returns the search rowids of the current people and accounts
// whose folded name starts with q.
func prefixRowids(ctx context.Context, tx *sql.Tx, q string, limit int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id * 8 + 2 FROM (SELECT id FROM person WHERE name_fold >= ?1 AND name_fold < ?2 AND archived_at IS NULL ORDER BY name_fold, id LIMIT ?3)
		UNION ALL SELECT id * 8 + 1 FROM (SELECT id FROM account WHERE name_fold >= ?1 AND name_fold < ?2 AND archived_at IS NULL ORDER BY name_fold LIMIT ?3)`,
		q, q+"\U0010FFFF", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func searchRowids(ctx context.Context, tx *sql.Tx, match, order string, limit int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid "+order+" LIMIT ?", match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var r int64
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// loadHits reads the items behind search rowids, keeping their order; for
// text hits (long is not nil), with the words around the match. A text is
// read once (each mention of a column in SQL reads it again, and a note may
// be 100 KB) and only the part of it around the match is split into words;
// a long text long holds already is not read at all.
func loadHits(ctx context.Context, tx *sql.Tx, rowids []int64, terms []string, long *longTexts) ([]Hit, error) {
	text := long != nil
	byKind := map[HitKind][]any{}
	for _, r := range rowids {
		k := HitKind(r % 8)
		byKind[k] = append(byKind[k], r/8)
	}
	held := long.take(rowids)
	found := map[int64]Hit{}
	for k, ids := range byKind {
		// body is a hit's text: what a text hit shows, and the title of a
		// note or follow-up; a named hit that has its title needs none of
		// it, and a text held already is not read again (NULL).
		var args []any
		body := func(id, expr string) string {
			if !text {
				return "''"
			}
			var keep []any
			for _, v := range ids {
				if _, ok := held[v.(int64)*8+int64(k)]; ok {
					keep = append(keep, v)
				}
			}
			if len(keep) == 0 {
				return expr
			}
			args = keep
			return "CASE WHEN " + id + " IN (" + placeholders(len(keep)) + ") THEN NULL ELSE " + expr + " END"
		}
		var q string
		in := "(" + placeholders(len(ids)) + ")"
		switch k {
		case HitAccount:
			q = `SELECT a.id, a.name, coalesce(nullif(a.industry, ''), 'account'), ` + body("a.id", "a.notes") + `, a.archived_at IS NOT NULL, a.id, 0
				FROM account a WHERE a.id IN ` + in
		case HitPerson:
			q = `SELECT p.id, p.name, concat_ws(' · ', nullif(p.title, ''), a.name), ` + body("p.id", "p.career_history") + `, p.archived_at IS NOT NULL, a.id, p.id
				FROM person p CROSS JOIN account a ON a.id = p.account_id WHERE p.id IN ` + in
		case HitBrief:
			q = `SELECT b.id, b.title, concat_ws(' · ', b.stage, a.name), ` + body("b.id", "concat_ws(' ', b.w_why, b.w_what, b.w_who, b.w_where, b.w_when)") + `,
				b.archived_at IS NOT NULL, a.id, 0 FROM brief b CROSS JOIN account a ON a.id = b.account_id WHERE b.id IN ` + in
		case HitNote:
			q = `SELECT n.id, '', concat_ws(' · ', p.name, a.name), ` + body("n.id", "n.text") + `, 0, a.id, coalesce(p.id, 0)
				FROM note n CROSS JOIN account a ON a.id = n.account_id LEFT JOIN person p ON p.id = n.person_id WHERE n.id IN ` + in
		case HitFollowUp:
			q = `SELECT f.id, '', concat_ws(' · ', 'due ' || f.due_on, p.name, a.name), ` + body("f.id", "f.text") + `, f.done_at IS NOT NULL,
				coalesce(f.account_id, 0), coalesce(f.person_id, 0)
				FROM follow_up f LEFT JOIN account a ON a.id = f.account_id LEFT JOIN person p ON p.id = f.person_id WHERE f.id IN ` + in
		default:
			continue
		}
		rows, err := tx.QueryContext(ctx, q, append(args, ids...)...)
		if err != nil {
			return nil, fmt.Errorf("load %s hits: %w", k, err)
		}
		for rows.Next() {
			h := Hit{Kind: k}
			var read sql.NullString
			if err := rows.Scan(&h.ID, &h.Title, &h.Context, &read, &h.Archived, &h.AccountID, &h.PersonID); err != nil {
				rows.Close()
				return nil, err
			}
			r := h.ID*8 + int64(k)
			body, ok := held[r]
			if read.Valid {
				body = read.String
				if !ok {
					long.keep(r, body)
				}
			}
			if h.Title == "" {
				h.Title = firstLine(body, 80)
			}
			if text {
				h.Match = MatchText
				h.Text = snippet(body, terms, 120)
			}
			found[r] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]Hit, 0, len(rowids))
	for _, r := range rowids {
		if h, ok := found[r]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// longCache keeps the long texts (over snippetWhole) quick find read last,
// up to longCacheMax bytes, while the book is unchanged. Typing the next
// letter of a word finds the same notes again, and a note of 100 KB is
// then read once rather than on every key.
type longCache struct {
	mu      sync.Mutex
	version int64            // the data version the texts were read at
	texts   map[int64]string // by search rowid
	order   []int64          // oldest first
	size    int
}

const longCacheMax = 8 << 20

// longTexts is the cache for one search: the texts of the book as it was
// at version v (c is nil when the version could not be read: nothing is
// kept then).
type longTexts struct {
	c *longCache
	v int64
}

// at is the cache for a search of the book at data version v; the texts of
// any other version are dropped.
func (c *longCache) at(v int64) *longTexts {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.texts == nil || c.version != v {
		c.texts, c.order, c.size, c.version = map[int64]string{}, nil, 0, v
	}
	return &longTexts{c: c, v: v}
}

// take returns the texts held for rowids.
func (l *longTexts) take(rowids []int64) map[int64]string {
	if l == nil || l.c == nil {
		return nil
	}
	l.c.mu.Lock()
	defer l.c.mu.Unlock()
	if l.c.version != l.v {
		return nil
	}
	held := map[int64]string{}
	for _, r := range rowids {
		if t, ok := l.c.texts[r]; ok {
			held[r] = t
		}
	}
	return held
}

// keep holds a long text read for rowid, dropping the oldest ones past
// longCacheMax; a short one is cheap to read again and is not kept.
func (l *longTexts) keep(rowid int64, text string) {
	if l == nil || l.c == nil || len(text) <= snippetWhole {
		return
	}
	c := l.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != l.v {
		return // read before the book changed
	}
	if _, ok := c.texts[rowid]; ok {
		return
	}
	c.texts[rowid] = text
	c.order = append(c.order, rowid)
	c.size += len(text)
	for c.size > longCacheMax && len(c.order) > 0 {
		c.size -= len(c.texts[c.order[0]])
		delete(c.texts, c.order[0])
		c.order = c.order[1:]
	}
}

// snippetWhole is the longest text snippet splits whole (around); a longer
// one is cut around its first match before anything else is done with it.
const snippetWhole = 4 << 10

// snippet returns about n characters of s around the first word that starts
// with one of the terms, as around does, at a cost that does not grow with
// s: in a long text the match is found by bytes (not by folding every
// word), and only the few hundred bytes around it are split into words.
func snippet(s string, terms []string, n int) string {
	if len(s) <= snippetWhole {
		return around(s, terms, n)
	}
	at := firstMatch(s, terms)
	// From about n/3 characters before the match, at the start of a word
	// (as around starts), to enough bytes for n characters.
	from := at
	for k := 0; k < n/3 && from > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:from])
		from -= size
	}
	if from > 0 {
		if i := strings.IndexAny(s[from:at], " \n\t"); i >= 0 {
			from += i + 1
		} else {
			from = at
		}
	}
	to := min(len(s), from+4*n+4)
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	r := []rune(strings.Join(strings.Fields(s[from:to]), " "))
	out := string(r[:min(len(r), n)])
	if from > 0 {
		out = "…" + out
	}
	if len(r) > n || to < len(s) {
		out += "…"
	}
	return out
}

// firstMatch returns the byte offset of the first word of s that starts
// with one of the terms (compared folded), or 0. Words spelled in ASCII are
// found by a byte search ignoring ASCII case; only when none is, every word
// is folded and compared (accented letters: "zoe" in "Zoë").
func firstMatch(s string, terms []string) int {
	best := -1
	for _, t := range terms {
		if i := asciiWordIndex(s, t); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best >= 0 {
		return best
	}
	prev := ' '
	for i, r := range s {
		word := !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
		prev = r
		if !word || r < 0x80 && !startsAny(terms, byte(unicode.ToLower(r))) {
			continue // an ASCII letter no term starts with
		}
		end := i
		for k := 0; k < 24 && end < len(s); k++ {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
		}
		w := model.Fold(s[i:end])
		for _, t := range terms {
			if strings.HasPrefix(w, t) {
				return i
			}
		}
	}
	return 0
}

// startsAny reports whether a term starts with the byte c.
func startsAny(terms []string, c byte) bool {
	for _, t := range terms {
		if t != "" && t[0] == c {
			return true
		}
	}
	return false
}

// asciiWordIndex returns the byte offset of the first word of s that
// starts with t, ignoring ASCII case, or -1 (also for a t that is not
// ASCII, or a word that differs from it only in accents).
func asciiWordIndex(s, t string) int {
	if t == "" {
		return -1
	}
	for i := 0; i < len(t); i++ {
		if t[i] >= 0x80 {
			return -1
		}
	}
	lower, upper := t[0], t[0]
	if 'a' <= lower && lower <= 'z' {
		upper -= 'a' - 'A'
	}
	// next finds c from i on; each of the two letters is searched for once
	// per occurrence, so a long text is read about twice, not once per hit.
	next := func(c byte, i int) int {
		if j := strings.IndexByte(s[i:], c); j >= 0 {
			return i + j
		}
		return len(s)
	}
	lo, up := next(lower, 0), next(upper, 0)
	for {
		i := min(lo, up)
		if i == len(s) {
			return -1
		}
		if len(s)-i >= len(t) && strings.EqualFold(s[i:i+len(t)], t) {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return i
			}
		}
		if i == lo {
			lo = next(lower, i+1)
		}
		if i == up {
			up = next(upper, i+1)
		}
	}
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 4*n+4 {
		s = s[:4*n+4] // n+1 characters at least: enough to cut
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// around returns about n characters of s around the first word that starts
// with one of the terms (compared folded).
func around(s string, terms []string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r) // short enough to show whole
	}
	start := 0
	for i := 0; i < len(r); i++ {
		if i > 0 && (unicode.IsLetter(r[i-1]) || unicode.IsDigit(r[i-1])) {
			continue
		}
		end := min(i+24, len(r))
		w := model.Fold(string(r[i:end]))
		hit := false
		for _, t := range terms {
			if strings.HasPrefix(w, t) {
				hit = true
			}
		}
		if hit {
			start = max(0, i-n/3)
			break
		}
	}
	end := min(len(r), start+n)
	out := string(r[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(r) {
		out += "…"
	}
	return out
}
