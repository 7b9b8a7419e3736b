//go:build linux

package prove_test

import (
	"runtime"
	"syscall"
	"time"
)

// threadCPU returns the CPU time the calling OS thread has used, or false.
// On a machine shared with other work it tells how long a question
// computes apart from how long it waited for a core; garbage collection
// done on other threads is not in it.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

// lockThread keeps the goroutine on one OS thread, so that threadCPU
// measures its work.
func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
