package exchange

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"rapport/model"
)

// Mail is one message as `rapport log --eml` reads it: what mutt, neomutt
// and aerc pipe to a command, or a saved .eml file.
type Mail struct {
	MessageID string
	Date      time.Time
	Subject   string   // decoded (RFC 2047, any charset)
	From      []string // addresses, lower case
	To, Cc    []string
	// Body is the first plain-text part, decoded, without the quoted
	// replies below it ("> …", "On … wrote:").
	Body string
}

// Addresses are everyone the mail is from or to, once each, in order.
func (m Mail) Addresses() []string {
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]string{m.From, m.To, m.Cc} {
		for _, a := range list {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// mailDecoder decodes RFC 2047 words in any charset the web knows.
var mailDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("the charset %s is unknown", model.Quote(charset))
	}
	return transform.NewReader(input, enc.NewDecoder()), nil
}

// ReadMail reads one RFC 5322 message of at most limit bytes (0 or less:
// DefaultReadLimit).
func ReadMail(r io.Reader, limit int64) (Mail, error) {
	if limit <= 0 {
		limit = DefaultReadLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Mail{}, err
	}
	if int64(len(data)) > limit {
		return Mail{}, fmt.Errorf("%w: the mail is larger than %d MB", ErrTooLarge, limit>>20)
	}
	// An mbox's "From " line, as some clients save a single message.
	if bytes.HasPrefix(data, []byte("From ")) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			data = data[i+1:]
		}
	}
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return Mail{}, fmt.Errorf("%w: not a mail message: %s", model.ErrInvalid, strings.TrimPrefix(err.Error(), "mail: "))
	}
	h := msg.Header
	var m Mail
	m.MessageID = strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")
	if d, err := h.Date(); err == nil {
		m.Date = d
	}
	subject, err := mailDecoder.DecodeHeader(h.Get("Subject"))
	if err != nil {
		subject = h.Get("Subject")
	}
	m.Subject = strings.Join(strings.Fields(subject), " ")
	for _, f := range []struct {
		name string
		dst  *[]string
	}{{"From", &m.From}, {"To", &m.To}, {"Cc", &m.Cc}} {
		*f.dst = mailAddresses(h.Get(f.name))
	}
	if len(m.From)+len(m.To)+len(m.Cc) == 0 {
		return Mail{}, fmt.Errorf("%w: not a mail message: it has no From, To or Cc", model.ErrInvalid)
	}
	body, err := plainBody(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, 0)
	if err == nil {
		m.Body = withoutQuotes(body)
	}
	return m, nil
}

// mailAddresses reads an address list; a list net/mail cannot parse whole
// is read address by address, keeping what it can.
func mailAddresses(v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	p := mail.AddressParser{WordDecoder: mailDecoder}
	list, err := p.ParseList(v)
	if err != nil {
		for _, part := range strings.Split(v, ",") {
			if a, err := p.Parse(part); err == nil {
				list = append(list, a)
			}
		}
	}
	var out []string
	for _, a := range list {
		if e := model.NormEmail(a.Address); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// plainBody finds the first text/plain part (depth bounds nested
// multiparts) and decodes it to UTF-8.
func plainBody(contentType, encoding string, body io.Reader, depth int) (string, error) {
	if depth > 8 {
		return "", errors.New("nested too deep")
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		mt, params = "text/plain", map[string]string{"charset": "us-ascii"}
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err != nil {
				return "", errors.New("no plain-text part")
			}
			text, err := plainBody(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part, depth+1)
			if err == nil {
				return text, nil
			}
		}
	case mt != "text/plain":
		return "", errors.New("not plain text")
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &newlineSkipper{r})
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
		cr, err := charsetReader(cs, r)
		if err != nil {
			return "", err
		}
		r = cr
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(model.MaxLongTextLen)))
	return string(b), err
}

// newlineSkipper drops line ends, which base64 bodies are folded with.
type newlineSkipper struct{ r io.Reader }

func (s *newlineSkipper) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	out := p[:0]
	for _, c := range p[:n] {
		if c != '\r' && c != '\n' {
			out = append(out, c)
		}
	}
	return len(out), err
}

// withoutQuotes cuts a reply's quoted text: lines from the first "> …" or
// "On … wrote:" on, and a signature after "-- ".
func withoutQuotes(body string) string {
	var keep []string
	for _, l := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, ">") || l == "-- " || strings.HasSuffix(t, "wrote:") && (strings.HasPrefix(t, "On ") || strings.HasPrefix(t, "Am ")) ||
			strings.HasPrefix(t, "-----Original Message-----") {
			break
		}
		keep = append(keep, l)
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}
