package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"rapport/model"
	"rapport/store"
	"rapport/termtext"
)

// The person form (n, e in People) and the "reports to" choices it offers.

// colleaguesMsg brings the people of the account typed in a person form, for
// its "reports to" choices; at a larger account, what the store found for
// the name typed so far.
type colleaguesMsg struct {
	form    *form
	lookup  string // the account and name looked up (peoplePane.bossFor)
	account string
	names   []string // every current colleague, to choose from
	search  bool     // too many to choose from: the field takes a name
	note    string   // under the field: who the name typed picks
}

func (m colleaguesMsg) target() paneID { return m.form.pane }

// personForm opens the new-person form, or the edit form for v.
func (p *peoplePane) personForm(v *model.Person) tea.Cmd {
	x := model.Person{}
	title := "New person"
	account, boss, sways := p.c.scope.Name, "", ""
	if v != nil {
		x, title, account = *v, "Edit "+termtext.SanitizeLine(v.Name), v.AccountName
		if d := p.dossier; d != nil && d.person.ID == v.ID {
			if d.boss != nil {
				boss = d.boss.Name
			}
			if len(d.sways) <= dossierReports {
				sways = influenceNames(d.sways)
			}
		}
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	since := x.AtClientSince.String()
	bday := ""
	if !x.Birthday.IsZero() {
		bday = x.Birthday.String()
	}
	f := newForm(title, p.c.styles,
		fieldSpec{key: "name", label: "Name", value: x.Name},
		fieldSpec{key: "account", label: "Account", value: account, hint: "the client's name"},
		fieldSpec{key: "title", label: "Title", value: x.Title},
		fieldSpec{key: "role", label: "Role in decisions", value: string(x.Role), options: options(model.Roles)},
		fieldSpec{key: "reports to", label: "Reports to", value: boss, hint: "someone at the same account (optional)"},
		fieldSpec{key: "influence", label: "Influence", value: num(x.Influence), hint: "1–5"},
		fieldSpec{key: "strength", label: "Relationship", value: num(x.Strength), hint: "1–5, how strong it is"},
		fieldSpec{key: "stance", label: "Stance", value: string(x.Stance), options: options(model.Stances)},
		fieldSpec{key: "sways", label: "Sways", value: sways, hint: "people at the same account they sway outside the reporting line, comma-separated"},
		fieldSpec{key: "owner", label: "Owner", value: x.Owner, hint: "who on our side holds it: me, Priya (delivery)…"},
		fieldSpec{key: "receives information", label: "Likes info", value: x.ReceiveInfo, hint: "e.g. numbers first, one page"},
		fieldSpec{key: "needs to show", label: "Needs to show", value: x.NeedsToShow, hint: "their wins, internally"},
		fieldSpec{key: "cadence", label: "Cadence (days)", value: num(x.CadenceDays), hint: "empty: tier default (key 14, strategic 30, growth 45, maintain 90)"},
		fieldSpec{key: "business unit", label: "Business unit", value: x.BusinessUnit},
		fieldSpec{key: "email", label: "Email", value: x.Email},
		fieldSpec{key: "phone", label: "Phone", value: x.Phone},
		fieldSpec{key: "location", label: "Location / zone", value: x.Location},
		fieldSpec{key: "preferred channel", label: "Channel", value: x.PreferredChannel, hint: "call, email, message…"},
		fieldSpec{key: "birthday", label: "Birthday", value: bday, hint: "dec 3, or dec 3 1980"},
		fieldSpec{key: "since", label: "At client since", value: since, hint: "2019-04-01"},
		fieldSpec{key: "career history", label: "Career history", value: x.CareerHistory, long: true, rows: 3},
	)
	st := p.c.store
	p.bossFor = "\x00" // nothing offered yet
	p.acct = acctLookup{field: "account", text: "\x00",
		missing: " — saving offers to create it (" + keyName(keyMap.form.Save) + ")"}
	open := p.ed.open(f, p.b.width, p.b.height, func(f *form) tea.Cmd {
		n := x
		n.Name, n.Title, n.Role = f.value("name"), f.value("title"), model.Role(f.value("role"))
		n.Stance, n.Owner = model.Stance(f.value("stance")), f.value("owner")
		swayNames := splitNames(f.value("sways"))
		keepSways := v != nil && f.value("sways") == sways // untouched: left as they are
		n.ReceiveInfo, n.NeedsToShow = f.value("receives information"), f.value("needs to show")
		n.BusinessUnit, n.Email, n.Phone = f.value("business unit"), f.value("email"), f.value("phone")
		n.Location, n.PreferredChannel, n.CareerHistory = f.value("location"), f.value("preferred channel"), f.value("career history")
		var err error
		for _, s := range []struct {
			key string
			dst *int
		}{{"influence", &n.Influence}, {"strength", &n.Strength}, {"cadence", &n.CadenceDays}} {
			*s.dst = 0
			if t := f.value(s.key); t != "" {
				if *s.dst, err = strconv.Atoi(t); err != nil {
					return f.failField(s.key, fmt.Errorf("must be a whole number, not %q", t))
				}
			}
		}
		if n.Birthday, err = model.ParseBirthday(f.value("birthday")); err != nil {
			return f.failField("birthday", err)
		}
		if n.AtClientSince, err = model.ParseISODate(f.value("since")); err != nil {
			return f.failField("since", err)
		}
		accName, bossName := f.value("account"), f.value("reports to")
		if accName == "" {
			return f.failField("account", fmt.Errorf("is required: type the client's name"))
		}
		n.AccountID = -1 // resolved in the command; lets Validate check the rest now
		if err := n.Validate(); err != nil {
			return f.fail(err)
		}
		create := f.confirmed[confirmNewAccount]
		return saveCmd(f, store.HitPerson, func() (saved, error) {
			ctx, cancel := p.c.ctx()
			defer cancel()
			var undo *undoEntry
			acct, err := st.ResolveAccount(ctx, accName, false)
			switch {
			case errors.Is(err, model.ErrNotFound) && create:
				// Asked and answered: the account is made with the person.
				if acct, err = st.CreateAccount(ctx, model.Account{Name: accName, Tier: model.TierGrowth, Currency: "EUR"}); err != nil {
					return saved{}, fieldErr("account", err)
				}
				undo = undoCreated("adding "+termtext.SanitizeLine(n.Name)+" and the account "+termtext.SanitizeLine(acct.Name), store.HitAccount, acct.UID)
			case errors.Is(err, model.ErrNotFound):
				return saved{}, &confirmSave{key: confirmNewAccount, question: "There is no account called " + model.Quote(accName) + ". Create it?"}
			case err != nil:
				return saved{}, fieldErr("account", err)
			}
			n.AccountID = acct.ID
			n.ReportsToID = 0
			if bossName != "" {
				boss, err := st.ResolvePerson(ctx, bossName, store.PersonName{AccountID: n.AccountID, Except: n.ID})
				if err != nil {
					return saved{}, fieldErr("reports to", err)
				}
				n.ReportsToID = boss.ID
			}
			n.InfluencesIDs = []int64{}
			if keepSways {
				n.InfluencesIDs = nil
			}
			for _, name := range swayNames {
				if keepSways {
					break
				}
				o, err := st.ResolvePerson(ctx, name, store.PersonName{AccountID: n.AccountID, Except: n.ID})
				if err != nil {
					return saved{}, fieldErr("sways", err)
				}
				n.InfluencesIDs = append(n.InfluencesIDs, o.ID)
			}
			var out model.Person
			id, undoPerson, err := saveRecord(ctx, st, store.HitPerson, n.ID, termtext.SanitizeLine(n.Name), func() (int64, error) {
				var err error
				if v != nil {
					out, err = st.UpdatePerson(ctx, n)
				} else {
					out, err = st.CreatePerson(ctx, n)
				}
				return out.ID, err
			})
			if err != nil {
				return saved{}, err
			}
			if undo == nil {
				undo = undoPerson
			}
			if v != nil {
				return saved{id: id, text: termtext.SanitizeLine(out.Name) + " saved.", undo: undo}, nil
			}
			return saved{id: id, text: termtext.SanitizeLine(out.Name) + " added to " + termtext.SanitizeLine(out.AccountName) + ".", undo: undo}, nil
		})
	})
	return tea.Batch(open, p.syncAccount())
}

// syncAccount looks up the open person form's account as it is typed.
func (p *peoplePane) syncAccount() tea.Cmd {
	if p.ed.ed == nil || formFieldOf(p.ed.ed.form, "account") == nil {
		return nil
	}
	return p.acct.sync(p.c, p.ed.ed.form)
}

// confirmNewAccount is the question a person form asks before it makes the
// account typed.
const confirmNewAccount = "new account"

func formFieldOf(f *form, key string) *formField {
	for _, ff := range f.fields {
		if ff.key == key {
			return ff
		}
	}
	return nil
}

// colleaguesOffered is the most people an account may have for "reports
// to" to offer them all as choices. At a larger account the field takes a
// name, and the store is asked, as it is typed, whom it picks.
const colleaguesOffered = 50

// offerColleagues reads the people of the account typed in the open person
// form when "reports to" takes the focus, so the boss is picked from them
// (←/→ or the first letters) rather than typed blind; at an account of more
// than colleaguesOffered, it looks up the name as it is typed instead.
func (p *peoplePane) offerColleagues() tea.Cmd {
	if p.ed.ed == nil {
		return nil
	}
	f := p.ed.ed.form
	boss := formFieldOf(f, "reports to")
	if boss == nil || f.fields[f.focus] != boss {
		return nil
	}
	account := model.Fold(f.value("account"))
	typed := ""
	if len(boss.options) == 0 {
		typed = strings.TrimSpace(boss.Value())
	}
	lookup := account + "\x00" + typed
	if lookup == p.bossFor {
		return nil
	}
	p.bossFor = lookup
	self := int64(0)
	if p.dossier != nil && strings.HasPrefix(f.title, "Edit ") {
		self = p.dossier.person.ID
	}
	st := p.c.store
	return func() tea.Msg {
		ctx, cancel := p.c.ctx()
		defer cancel()
		msg := colleaguesMsg{form: f, lookup: lookup, account: account}
		accts, err := st.FindAccounts(ctx, account, 2)
		if err != nil || len(accts) != 1 {
			return msg
		}
		at := store.PersonFilter{AccountID: accts[0].ID}
		n, err := st.CountPeople(ctx, at)
		if err != nil {
			return msg
		}
		if n <= colleaguesOffered {
			page, err := st.People(ctx, at, store.PageReq{Limit: colleaguesOffered + 1})
			if err != nil {
				return msg
			}
			for _, c := range page.Items {
				if c.ID != self {
					msg.names = append(msg.names, c.Name)
				}
			}
			return msg
		}
		msg.search = true
		acct := termtext.SanitizeLine(accts[0].Name)
		if typed == "" {
			msg.note = fmt.Sprintf("%d people at %s — type a name", n, acct)
			return msg
		}
		found, err := st.ResolvePerson(ctx, typed, store.PersonName{AccountID: accts[0].ID, Except: self})
		if err != nil {
			msg.note = errText(err)
			return msg
		}
		msg.note = "→ " + strings.Join(nonEmpty(termtext.SanitizeLine(found.Name), termtext.SanitizeLine(found.Title)), " · ")
		return msg
	}
}

// onColleagues applies a colleaguesMsg to the form it answers: the choices,
// or for a larger account a field that takes a name and a note of whom it
// picks. An answer to an older lookup is dropped.
func (p *peoplePane) onColleagues(msg colleaguesMsg) {
	if p.ed.ed == nil || p.ed.ed.form != msg.form || msg.lookup != p.bossFor {
		return
	}
	ff := formFieldOf(msg.form, "reports to")
	if ff == nil {
		return
	}
	if !msg.search {
		ff.setOptions(msg.names)
		return
	}
	if len(ff.options) > 0 {
		ff.setOptions(nil)
		ff.input.Placeholder = ff.hint
		msg.form.sizeField(ff)
	}
	ff.note = msg.note
}

// influenceNames is whom a person sways, as the form's field holds them.
func influenceNames(ps []model.Person) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
