package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"rapport/model"
)

// openPTY opens a pseudo-terminal: what rapport writes to tty, the test
// reads from pty.
func openPTY(t *testing.T) (pty, tty *os.File) {
	t.Helper()
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { pty.Close() })
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, pty.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("unlock pseudo-terminal: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, pty.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("pseudo-terminal number: %v", e)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return pty, tty
}

// runOnTTY runs rapport with its standard output on a terminal and returns
// what the terminal received (its CR LF line ends back to LF).
func runOnTTY(t *testing.T, db string, args ...string) (int, string) {
	t.Helper()
	pty, tty := openPTY(t)
	got := make(chan []byte)
	go func() {
		var b bytes.Buffer
		buf := make([]byte, 4096)
		for {
			// Reads end with EIO once the terminal side is closed and
			// everything written to it has been read.
			n, err := pty.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		got <- b.Bytes()
	}()
	var errb bytes.Buffer
	code := Run(append([]string{"--db", db}, args...), strings.NewReader(""), tty, &errb)
	tty.Close()
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb.String())
	}
	out := <-got
	return code, strings.ReplaceAll(string(out), "\r\n", "\n")
}

// What rapport writes to a terminal is sanitised; piped, a
// document is exact.
func TestTerminalOutputIsSanitised(t *testing.T) {
	f := newFixture(t)
	b := model.NewBrief(f.acme.ID, "Pilot", time.Now())
	b.Why = "Columns:\tone\ttwo \u202eevil\u202c and \u2066isolated\u2069"
	if _, err := f.st.CreateBrief(f.ctx, b); err != nil {
		t.Fatal(err)
	}
	var piped bytes.Buffer
	if code := Run([]string{"--db", f.db, "brief", "export", "pilot"}, nil, &piped, io.Discard); code != ExitOK {
		t.Fatalf("brief export piped: exit %d", code)
	}
	if !strings.Contains(piped.String(), b.Why) {
		t.Errorf("piped brief export is not exact:\n%q", piped.String())
	}

	code, out := runOnTTY(t, f.db, "brief", "export", "pilot")
	if code != ExitOK {
		t.Fatalf("brief export on a terminal: exit %d", code)
	}
	if !strings.Contains(out, "# Pilot") {
		t.Fatalf("the terminal received %q", out)
	}
	assertSanitised(t, out)
	if strings.Contains(out, "\t") {
		t.Errorf("a tab reached the terminal: %q", out)
	}

	code, out = runOnTTY(t, f.db, "who", "zoe")
	if code != ExitOK || !strings.Contains(out, "Zoë Durand") {
		t.Fatalf("who on a terminal: exit %d, %q", code, out)
	}
}

// On a terminal `who` keeps each note to one line of the layout, cut with
// "…"; piped, the same note is whole (TestWhoPipedNotesWhole).
func TestWhoNotesClippedOnTerminal(t *testing.T) {
	f := newFixture(t)
	long := "Dana is drawing up the shortlist for the loyalty programme pilot and wants our case studies from retail and travel before the steering committee meets"
	if _, err := f.st.CreateNote(f.ctx, model.Note{PersonID: f.zoe.ID, Kind: model.NoteBusiness, Text: long + "\nsecond line"}); err != nil {
		t.Fatal(err)
	}
	code, out := runOnTTY(t, f.db, "who", "zoe")
	if code != ExitOK {
		t.Fatalf("who on a terminal: exit %d", code)
	}
	if strings.Contains(out, long) || !strings.Contains(out, "Dana is drawing up the shortlist") || !strings.Contains(out, "…") ||
		strings.Contains(out, "second line") {
		t.Errorf("on a terminal the note is not cut to one line:\n%s", out)
	}
	var piped bytes.Buffer
	if code := Run([]string{"--db", f.db, "who", "zoe"}, nil, &piped, io.Discard); code != ExitOK {
		t.Fatalf("who piped: exit %d", code)
	}
	if !strings.Contains(piped.String(), long+"\n") || !strings.Contains(piped.String(), "second line\n") {
		t.Errorf("piped, the note is not whole:\n%s", piped.String())
	}
}
