//go:build linux

package prove_test

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time the calling OS thread has used, or false.
// On a machine shared with other work it tells how long a question
// computes apart from how long it waited for a core; garbage collection
// done on other threads is not in it.
//
// It reads CLOCK_THREAD_CPUTIME_ID, which counts up to the moment of the
// call; getrusage(RUSAGE_THREAD) would only count up to the thread's last
// scheduler tick or switch, too coarse for questions of a millisecond on
// an idle machine.
func threadCPU() (time.Duration, bool) {
	var ts syscall.Timespec
	const clockThreadCPUTimeID = 3
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}

// lockThread keeps the goroutine on one OS thread, so that threadCPU
// measures its work.
func lockThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
