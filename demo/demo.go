// Package demo makes sample data: a small, hand-written book of eight
// accounts to explore rapport with, and a large one built from templates to
// measure it against its performance budgets. Both are generated
// relative to a given day, so Today always has something in every section,
// and both are deterministic: the same size, day and seed give the same
// dataset, uids included.
package demo

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"rapport/model"
	"rapport/store"
)

// Size is which sample dataset to make.
type Size int

const (
	Small Size = iota // 8 accounts, ~40 people, a few hundred notes: for exploring
	Large             // 1,000 accounts, 20,000 people, 200,000 notes…: for measuring
	Heavy             // the large book plus the skewed shapes real books have (heavy.go): for measuring
)

func (s Size) String() string {
	switch s {
	case Large:
		return "large"
	case Heavy:
		return "heavy"
	}
	return "small"
}

// ParseSize reads "small", "large" or "heavy".
func ParseSize(s string) (Size, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "small", "":
		return Small, nil
	case "large":
		return Large, nil
	case "heavy":
		return Heavy, nil
	}
	return Small, fmt.Errorf("%w: size %q — use small, large or heavy", model.ErrInvalid, s)
}

// Seed is the seed Load uses.
const Seed = 1

// LoadBatch is how many records Load writes per transaction: big enough to
// be fast, small enough to keep the write-ahead log in check.
const LoadBatch = 20000

// ErrNotEmpty is returned by Load for a database that already has data.
var ErrNotEmpty = errors.New("demo refuses a database that already has data")

// Generate returns the sample dataset of the given size, dated relative to
// today. The same size, today and seed give the same dataset.
func Generate(size Size, today model.Date, seed int64) model.Dataset {
	return generate(size, today, seed, 1)
}

// generate makes the dataset with the large size's account count
// multiplied by scale (every account keeps the same number of people,
// notes, touches, briefs and follow-ups).
func generate(size Size, today model.Date, seed int64, scale int) model.Dataset {
	if size == Heavy {
		// The large book as it is (same records, same uids), then the
		// heavy shapes on top.
		g := newGen(Large, today, seed)
		g.scale = max(1, scale)
		g.large()
		g.heavy()
		g.ds.Format, g.ds.Version = model.DatasetFormat, model.DatasetVersion
		return g.ds
	}
	g := newGen(size, today, seed)
	g.scale = max(1, scale)
	if size == Large {
		g.large()
	} else {
		g.small()
	}
	g.ds.Format, g.ds.Version = model.DatasetFormat, model.DatasetVersion
	return g.ds
}

// Load fills an empty database with the sample dataset: it refuses a
// database that already holds accounts or follow-ups, imports through the
// store in batched transactions, then updates the query planner's
// statistics.
func Load(ctx context.Context, st *store.Store, size Size, today model.Date) (store.ImportResult, error) {
	return LoadScaled(ctx, st, size, today, 1)
}

// LoadScaled is Load with the large dataset's account count (and so every
// other count) multiplied by scale: the benchmarks use scale 2 to show that
// cost follows what is on screen, not the size of the database. The small
// dataset ignores scale; the heavy one scales its large part.
func LoadScaled(ctx context.Context, st *store.Store, size Size, today model.Date, scale int) (store.ImportResult, error) {
	accounts, err := st.CountAccounts(ctx, store.AccountFilter{Archived: true})
	if err != nil {
		return store.ImportResult{}, err
	}
	followUps, err := st.CountFollowUps(ctx, store.FollowUpFilter{Done: true, Archived: true})
	if err != nil {
		return store.ImportResult{}, err
	}
	if accounts > 0 || followUps > 0 {
		return store.ImportResult{}, fmt.Errorf("%w: %s holds %d accounts and %d follow-ups; point --db at a new file to try the demo",
			ErrNotEmpty, st.Path(), accounts, followUps)
	}
	res, err := st.Import(ctx, generate(size, today, Seed, scale), store.ImportOptions{BatchSize: LoadBatch})
	if err != nil {
		return res, fmt.Errorf("demo: %w", err)
	}
	if err := st.Optimize(ctx); err != nil {
		return res, fmt.Errorf("demo: optimize: %w", err)
	}
	return res, nil
}

// gen carries the state of one generation.
type gen struct {
	size  Size
	today model.Date
	seed  int64
	scale int // multiplies the large dataset's account count
	rnd   *rand.Rand
	ds    model.Dataset
	n     map[string]int // records made per kind, for uids
}

func newGen(size Size, today model.Date, seed int64) *gen {
	return &gen{
		size: size, today: today, seed: seed,
		rnd: rand.New(rand.NewPCG(uint64(seed), uint64(size)+0x5eed)),
		n:   map[string]int{},
	}
}

// uid derives the next uid of a kind from the seed, the size and a counter:
// 32 hex digits, like the store's own.
func (g *gen) uid(kind string) string {
	g.n[kind]++
	h := fnv.New128a()
	fmt.Fprintf(h, "rapport-demo/%d/%s/%s/%d", g.seed, g.size, kind, g.n[kind])
	return hex.EncodeToString(h.Sum(nil))
}

// intn returns a number in [0, n).
func (g *gen) intn(n int) int { return g.rnd.IntN(n) }

// between returns a number in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rnd.IntN(hi-lo+1)
}

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.rnd.Float64() < p }

func pick[T any](g *gen, xs []T) T { return xs[g.rnd.IntN(len(xs))] }

// ago returns the day n days before today.
func (g *gen) ago(n int) model.Date { return g.today.AddDays(-n) }

// at returns a timestamp on day d at a working-hours minute, in UTC, to the
// millisecond as the store keeps it.
func at(d model.Date, minute int) time.Time {
	return d.Time(time.UTC).Add(time.Duration(minute) * time.Minute)
}

// workMinute is a minute of the working day, 08:00–18:00.
func (g *gen) workMinute() int { return 8*60 + g.intn(10*60) }

// stamp returns a timestamp on day d during working hours, never after the
// end of today.
func (g *gen) stamp(d model.Date) time.Time {
	if d.After(g.today) {
		d = g.today
	}
	return at(d, g.workMinute()).Add(time.Duration(g.intn(60000)) * time.Millisecond)
}

// later returns a timestamp a little after t (minutes to weeks), never
// after today.
func (g *gen) later(t time.Time, maxDays int) time.Time {
	u := t.Add(time.Duration(g.intn(maxDays*24*60+1)) * time.Minute)
	if end := at(g.today, 18*60); u.After(end) {
		if t.After(end) {
			return t
		}
		return end
	}
	return u
}

// emailLocal turns a name into the local part of an address: "Zoë
// O'Brien" → "zoe.obrien".
func emailLocal(name string) string {
	var b strings.Builder
	for _, r := range model.Fold(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if s := b.String(); s != "" && !strings.HasSuffix(s, ".") {
				b.WriteByte('.')
			}
		}
	}
	return strings.Trim(b.String(), ".")
}

// domain turns an account name into a mail domain: "Nordlicht Energie AG" →
// "nordlicht-energie.example".
func domain(account string) string {
	words := strings.Fields(account)
	if len(words) > 2 {
		words = words[:2]
	}
	var parts []string
	for _, w := range words {
		if l := emailLocal(w); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "-") + ".example"
}

func firstName(name string) string {
	f, _, _ := strings.Cut(name, " ")
	return f
}
