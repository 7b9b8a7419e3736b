package prove

import (
	"strings"
	"sync/atomic"
)

// probeRune stands for "a character no pattern names" in probe strings:
// policy text never holds control characters below tab (the policy
// grammar allows tab, LF, CR and U+0020–U+00FF), so no literal of an
// encoded pattern is this byte, while every '*' and '?' matches it.
const probeRune = 0x03

// inclusionConstructions counts the automaton constructions included
// has run, so that tests can tell a quick answer from a built one.
var inclusionConstructions atomic.Int64

// probesRefute reports whether a member of glob p that glob q does not
// hold is found without building automata: p with every '*' read as the
// empty string, and as one character no pattern names, and every '?' as
// that character. Both probes are strings p holds, so true proves that p
// is not included in q; false proves nothing (the construction decides).
//
// Lists of resource patterns that differ in a literal part
// ("…:document/AWS-*", "…:document/AWSConfig-*", 79 of them in one AWS
// managed policy) are then compared in linear time per pair.
func probesRefute(p, q string) bool {
	if strings.IndexByte(p, globStar) < 0 && strings.IndexByte(p, globQuest) < 0 {
		return !matchEncoded(q, p)
	}
	empty := make([]byte, 0, len(p))
	one := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case globStar:
			one = append(one, probeRune)
		case globQuest:
			empty = append(empty, probeRune)
			one = append(one, probeRune)
		default:
			empty = append(empty, c)
			one = append(one, c)
		}
	}
	return !matchEncoded(q, string(empty)) || !matchEncoded(q, string(one))
}
