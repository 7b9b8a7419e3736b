//go:build !linux

package prove_test

import "time"

// threadCPU is not available here: benchmarks report wall-clock times only.
func threadCPU() (time.Duration, bool) { return 0, false }

func lockThread() func() { return func() {} }
