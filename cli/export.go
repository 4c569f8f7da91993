package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
)

func init() { subcommands = append(subcommands, newExportCmd) }

// How much of an account's history a Markdown dossier holds.
const (
	dossierBriefs     = 50
	dossierAccountFUs = 50
)

func newExportCmd(e *env) *cobra.Command {
	var format, out, account, kind string
	cmd := &cobra.Command{
		Use:   "export --format json|csv|vcf|ics|md [--out FILE] [--account NAME] [--kind accounts|people]",
		Short: "Export data as JSON, CSV, vCard, iCalendar or Markdown",
		Long: `Export data for a backup, another tool or a document.

  json  everything — every record of every kind, archived ones too — as one
        document that rapport import reads back; the same data gives the
        same bytes (docs/FORMAT.md describes the document)
  csv   a spreadsheet of accounts (default) or, with --kind people, of people
  vcf   people as vCards (3.0), for an address book
  ics   open follow-ups as iCalendar to-dos (VTODO), for a task app
  md    a briefing document: one account's dossier with --account, else the
        whole portfolio, accounts by priority

--account NAME limits csv, vcf, ics and md to one account. Archived
accounts and people are left out of all but json.

Without --out the export goes to standard output; --out FILE writes a new
file (0600) and never overwrites one.`,
		Example: `  rapport export --format json --out rapport-$(date +%F).json
  rapport export --format csv --kind people --account acme --out acme-people.csv
  rapport export --format ics --out follow-ups.ics
  rapport export --format md --account acme | pandoc -o acme.docx`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			format = strings.ToLower(strings.TrimSpace(format))
			switch format {
			case "":
				return usagef("say which format: --format json, csv, vcf, ics or md")
			case "json", "csv", "vcf", "ics", "md":
			default:
				return usagef("--format %q: use json, csv, vcf, ics or md", model.Clip(format))
			}
			kind = strings.ToLower(strings.TrimSpace(kind))
			if kind != "" && kind != "accounts" && kind != "people" {
				return usagef("--kind %q: use accounts or people", model.Clip(kind))
			}
			if kind != "" && format != "csv" {
				return usagef("--kind applies to --format csv only (vcf is people, ics follow-ups)")
			}
			if account != "" && format == "json" {
				return usagef("--account does not apply to --format json, which exports everything")
			}
			ctx := cmd.Context()
			st, err := e.openExisting(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			var acc model.Account
			if account != "" {
				if acc, err = resolveAccount(ctx, st, account); err != nil {
					return err
				}
			}
			x := exporter{st: st, account: acc}
			switch format {
			case "json":
				// A record at a time, from one snapshot: memory stays flat
				// whatever the size of the book.
				return e.emit(out, true, func(w io.Writer) error {
					doc := exchange.NewDatasetWriter(w)
					if err := st.ExportTo(ctx, doc); err != nil {
						return err
					}
					return doc.Close()
				})
			case "csv":
				if kind == "people" {
					return e.emit(out, false, func(w io.Writer) error { return x.peopleCSV(ctx, w) })
				}
				return e.emit(out, false, func(w io.Writer) error { return x.accountsCSV(ctx, w) })
			case "vcf":
				return e.emit(out, false, func(w io.Writer) error { return x.vcards(ctx, w) })
			case "ics":
				fus, err := x.followUps(ctx)
				if err != nil {
					return err
				}
				return e.emit(out, false, func(w io.Writer) error { return exchange.WriteICS(w, fus, timeNow()) })
			default: // md
				return e.emit(out, false, func(w io.Writer) error { return x.markdown(ctx, w) })
			}
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "json, csv, vcf, ics or md (required)")
	cmd.Flags().StringVar(&out, "out", "", "write to this new file instead of standard output")
	cmd.Flags().StringVar(&account, "account", "", "only this account (csv, vcf, ics, md)")
	cmd.Flags().StringVar(&kind, "kind", "", "for csv: accounts (default) or people")
	return cmd
}

// exporter reads what an export needs through the store's paged lists.
type exporter struct {
	st      *store.Store
	account model.Account // ID 0: every account
}

// eachPage calls fn with every page of a list, read with keyset cursors.
func eachPage[T any](list func(after *store.Cursor) (store.Page[T], error), fn func([]T) error) error {
	var after *store.Cursor
	for {
		p, err := list(after)
		if err != nil {
			return err
		}
		if len(p.Items) > 0 {
			if err := fn(p.Items); err != nil {
				return err
			}
		}
		if len(p.Items) < store.MaxPage {
			return nil
		}
		after = &p.Cursors[len(p.Cursors)-1]
	}
}

// csvPages writes a CSV sheet a page at a time: the header (and byte order
// mark) once, then each page's rows.
func csvPages[T any](w io.Writer, list func(after *store.Cursor) (store.Page[T], error), write func(io.Writer, []T) error) error {
	first := true
	var buf bytes.Buffer
	err := eachPage(list, func(items []T) error {
		if first {
			first = false
			return write(w, items)
		}
		buf.Reset()
		if err := write(&buf, items); err != nil {
			return err
		}
		b := buf.Bytes()
		i := bytes.IndexByte(b, '\n') // the header row: plain words, no quoted line breaks
		_, err := w.Write(b[i+1:])
		return err
	})
	if err != nil {
		return err
	}
	if first { // no rows: the header alone
		return write(w, nil)
	}
	return nil
}

func (x exporter) accountPages(ctx context.Context) func(*store.Cursor) (store.Page[model.Account], error) {
	f := store.AccountFilter{Sort: store.SortName}
	if x.account.ID != 0 {
		f.IDs = []int64{x.account.ID}
		f.Archived = true // named explicitly
	}
	return func(after *store.Cursor) (store.Page[model.Account], error) {
		return x.st.Accounts(ctx, f, store.PageReq{After: after, Limit: store.MaxPage})
	}
}

func (x exporter) peoplePages(ctx context.Context) func(*store.Cursor) (store.Page[model.Person], error) {
	f := store.PersonFilter{AccountID: x.account.ID, Sort: store.PeopleByName}
	return func(after *store.Cursor) (store.Page[model.Person], error) {
		return x.st.People(ctx, f, store.PageReq{After: after, Limit: store.MaxPage})
	}
}

func (x exporter) accountsCSV(ctx context.Context, w io.Writer) error {
	return csvPages(w, x.accountPages(ctx), exchange.WriteAccountsCSV)
}

func (x exporter) peopleCSV(ctx context.Context, w io.Writer) error {
	return csvPages(w, x.peoplePages(ctx), exchange.WritePeopleCSV)
}

func (x exporter) vcards(ctx context.Context, w io.Writer) error {
	return eachPage(x.peoplePages(ctx), func(ps []model.Person) error { return exchange.WriteVCards(w, ps) })
}

// followUps reads every open follow-up (of the account).
func (x exporter) followUps(ctx context.Context) ([]model.FollowUp, error) {
	var all []model.FollowUp
	f := store.FollowUpFilter{AccountID: x.account.ID}
	err := eachPage(func(after *store.Cursor) (store.Page[model.FollowUp], error) {
		return x.st.FollowUps(ctx, f, store.PageReq{After: after, Limit: store.MaxPage})
	}, func(fs []model.FollowUp) error {
		all = append(all, fs...)
		return nil
	})
	return all, err
}

// markdown writes the account's dossier, or the portfolio of every
// account by priority, one account read and written at a time. The
// coverage risks of every account are read in one pass.
func (x exporter) markdown(ctx context.Context, w io.Writer) error {
	day := today()
	atRisk, err := x.st.CoverageRisks(ctx, store.RiskReq{Today: day, AccountID: x.account.ID})
	if err != nil {
		return err
	}
	risks := make(map[int64][]model.Risk, len(atRisk))
	for _, ar := range atRisk {
		risks[ar.Account.ID] = ar.Risks
	}
	dossier := func(a model.Account) (exchange.AccountDossier, error) {
		d, err := accountDossier(ctx, x.st, a, day)
		d.Risks = risks[a.ID]
		return d, err
	}
	if x.account.ID != 0 {
		d, err := dossier(x.account)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, exchange.AccountMarkdown(d))
		return err
	}
	var accounts []model.Account
	err = eachPage(func(after *store.Cursor) (store.Page[model.Account], error) {
		return x.st.Accounts(ctx, store.AccountFilter{Sort: store.SortPriority}, store.PageReq{After: after, Limit: store.MaxPage})
	}, func(as []model.Account) error {
		accounts = append(accounts, as...)
		return nil
	})
	if err != nil {
		return err
	}
	return exchange.WritePortfolioMarkdown(w, accounts, day, dossier)
}

// accountDossier reads what an account's document shows: its people, open
// briefs and follow-ups, recent notes and touches, and health checks.
func accountDossier(ctx context.Context, st *store.Store, a model.Account, day model.Date) (exchange.AccountDossier, error) {
	d := exchange.AccountDossier{Account: a, Today: day}
	var err error
	if d.People, err = st.AccountPeople(ctx, a.ID); err != nil {
		return d, err
	}
	briefs, err := st.Briefs(ctx, store.BriefFilter{AccountID: a.ID, Open: true}, store.PageReq{Limit: dossierBriefs})
	if err != nil {
		return d, err
	}
	d.Briefs = briefs.Items
	fus, err := st.FollowUps(ctx, store.FollowUpFilter{AccountID: a.ID}, store.PageReq{Limit: dossierAccountFUs})
	if err != nil {
		return d, err
	}
	d.FollowUps = fus.Items
	notes, err := st.Notes(ctx, store.NoteFilter{AccountID: a.ID}, store.PageReq{Limit: exchange.RecentNotes})
	if err != nil {
		return d, err
	}
	d.Notes = notes.Items
	touches, err := st.Touches(ctx, store.TouchFilter{AccountID: a.ID}, store.PageReq{Limit: exchange.RecentTouches})
	if err != nil {
		return d, err
	}
	d.Touches = touches.Items
	if d.Health, err = st.HealthChecks(ctx, a.ID, exchange.RecentHealth); err != nil {
		return d, fmt.Errorf("health of %s: %w", a.Name, err)
	}
	return d, nil
}
