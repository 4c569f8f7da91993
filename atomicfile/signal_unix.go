//go:build unix

package atomicfile

import (
	"os"
	"os/signal"
	"syscall"
)

// While a file is being written, the signals that end a process (ctrl+c,
// kill, a closed terminal) first remove the temporary files, then end it as
// they would have: the signal is raised again once rapport no longer
// catches it. Other listeners (the terminal interface) still hear it.
var (
	sigs chan os.Signal
	stop chan struct{}
)

// watchSignals starts catching; pending's lock is held.
func watchSignals() {
	sigs, stop = make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func(sigs chan os.Signal, stop chan struct{}) {
		select {
		case sig := <-sigs:
			pending.removeAll()
			signal.Stop(sigs)
			if s, ok := sig.(syscall.Signal); ok {
				syscall.Kill(os.Getpid(), s)
			}
		case <-stop:
		}
	}(sigs, stop)
}

// unwatchSignals stops catching; pending's lock is held.
func unwatchSignals() {
	signal.Stop(sigs)
	close(stop)
}
