package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"rapport/exchange"
	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// maxMail is the largest mail log --eml reads: attachments and all.
const maxMail = 64 << 20

// mailOpts are log --eml's flags.
type mailOpts struct {
	file             string
	keepBody, dryRun bool
}

// logMail logs one mail as an email touch with everyone in it rapport
// knows, once per Message-ID.
func (e *env) logMail(ctx context.Context, o mailOpts) error {
	var in io.Reader
	name := o.file
	if o.file == "-" {
		name = "standard input"
		if e.stdin == nil {
			return usagef("--eml is \"-\" but there is no standard input")
		}
		in = e.stdin
	} else {
		f, err := os.Open(o.file)
		if err != nil {
			return fmt.Errorf("cannot open %s: %w", o.file, unwrapPathError(err))
		}
		defer f.Close()
		in = f
	}
	m, err := exchange.ReadMail(in, maxMail)
	if errors.Is(err, exchange.ErrTooLarge) {
		return fmt.Errorf("%s is larger than %s, the most rapport reads of a mail", name, sizeText(maxMail))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var st *store.Store
	if o.dryRun {
		path, err := e.existingPath()
		if err != nil {
			return err
		}
		if st, err = store.Open(ctx, path, store.ReadOnly(), e.notice()); err != nil {
			return err
		}
	} else if st, err = e.openExisting(ctx); err != nil {
		return err
	}
	defer st.Close()

	if m.MessageID != "" {
		t, err := st.MailTouch(ctx, m.MessageID)
		switch {
		case err == nil:
			fmt.Fprintf(e.stdout, "Already logged on %s with %s: %s — nothing to do.\n", t.On, andList(sanitized(t.PersonNames)),
				termtext.SanitizeLine(t.Summary))
			return nil
		case !errors.Is(err, model.ErrNotFound):
			return err
		}
	}
	me := ownAddresses()
	var addrs []string
	for _, a := range m.Addresses() {
		if !me[a] {
			addrs = append(addrs, a)
		}
	}
	found, err := st.PeopleByEmail(ctx, addrs)
	if err != nil {
		return err
	}
	t := model.Touch{Kind: model.TouchEmail, MessageID: m.MessageID, On: today()}
	if !m.Date.IsZero() {
		if d := model.DateOf(m.Date.In(timeNow().Location())); d.Before(t.On) {
			t.On = d // a mail from the future (a wrong clock) is today's
		}
	}
	t.Summary = strings.TrimSpace(termtext.Clip(m.Subject, model.MaxShortTextLen))
	if t.Summary == "" {
		t.Summary = "(no subject)"
	}
	if o.keepBody {
		t.Text = m.Body
	}
	var names, missed []string
	seen := map[int64]bool{}
	for _, a := range addrs {
		p, ok := found[a]
		if !ok {
			missed = append(missed, a)
			continue
		}
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if t.AccountID == 0 {
			t.AccountID = p.AccountID
		}
		t.PersonIDs = append(t.PersonIDs, p.ID)
		names = append(names, termtext.SanitizeLine(p.Name))
	}
	if len(t.PersonIDs) == 0 {
		if len(addrs) == 0 {
			return fmt.Errorf("%s: every address in it is yours ($RAPPORT_ME): there is nobody to log it with", name)
		}
		return fmt.Errorf("%s: no person has any of its addresses: %s — add the email to a person (or rapport import people.vcf), then log it again",
			name, addressList(addrs))
	}
	if err := t.Validate(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Dry run — nothing was written. It would log an email on %s with %s: %s.\n", t.On, andList(names),
			termtext.SanitizeLine(t.Summary))
	} else {
		saved, logged, err := st.LogMail(ctx, t)
		if err != nil {
			return err
		}
		if !logged { // logged meanwhile, by another rapport
			fmt.Fprintf(e.stdout, "Already logged on %s: %s — nothing to do.\n", saved.On, termtext.SanitizeLine(saved.Summary))
			return nil
		}
		fmt.Fprintf(e.stdout, "Logged an email on %s with %s: %s.\n", t.On, andList(names), termtext.SanitizeLine(t.Summary))
	}
	if len(missed) > 0 {
		fmt.Fprintf(e.stdout, "Not in rapport: %s.\n", addressList(missed))
	}
	return nil
}

// sanitized makes each of a list of texts one safe line.
func sanitized(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = termtext.SanitizeLine(s)
	}
	return out
}

// maxAddresses is how many addresses a line lists; a mail to a hundred
// says how many more.
const maxAddresses = 10

// addressList lists addresses on one line, each quoted as user text is
// (model.Clip), at most maxAddresses of them.
func addressList(addrs []string) string {
	var out []string
	for i, a := range addrs {
		if i == maxAddresses {
			out = append(out, fmt.Sprintf("and %d more", len(addrs)-maxAddresses))
			break
		}
		out = append(out, termtext.SanitizeLine(model.Clip(a)))
	}
	return strings.Join(out, ", ")
}
