package exchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/model"
)

func TestReadMail(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "mail", "reply.eml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ReadMail(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageID != "20261204151502.GA4821@mail.nordlicht-energie.example" {
		t.Errorf("Message-ID = %q", m.MessageID)
	}
	if m.Subject != "Re: Pricing for the driver loyalty pilot — next steps" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if !m.Date.Equal(time.Date(2026, 12, 4, 15, 15, 2, 0, time.UTC)) {
		t.Errorf("Date = %s", m.Date)
	}
	want := "henrik.sorensen@nordlicht-energie.example alex.morgan@ourfirm.example zoe.lindqvist@nordlicht-energie.example procurement@nordlicht-energie.example"
	if got := strings.Join(m.Addresses(), " "); got != want {
		t.Errorf("addresses = %s", got)
	}
	if !strings.Contains(m.Body, "Zoë will take them to the board") || strings.Contains(m.Body, "please find the pricing") || strings.Contains(m.Body, "wrote:") {
		t.Errorf("body = %q", m.Body)
	}
}

func TestReadMailRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"not a mail": "just some text",
		"no people":  "Subject: hi\n\nbody\n",
		"empty":      "",
	} {
		if _, err := ReadMail(strings.NewReader(in), 0); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ReadMail(bytes.NewReader(bytes.Repeat([]byte("x"), 2000)), 1000); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	// An mbox "From " line first, a base64 plain body, an unknown charset
	// in a subject word: read what can be read.
	in := "From alex Fri Dec  4 16:15:02 2026\nFrom: a@b.example\nTo: c@d.example\nSubject: =?x-unknown?Q?Hi?= there\n" +
		"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nSGVsbG8g\nd29ybGQ=\n"
	m, err := ReadMail(strings.NewReader(in), 0)
	if err != nil || m.Body != "Hello world" || !strings.Contains(m.Subject, "there") {
		t.Errorf("mbox + base64: %+v, %v", m, err)
	}
}
