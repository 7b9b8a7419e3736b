package evaluate

import (
	"sync/atomic"

	"github.com/cksiam/cksiam/internal/ascii"
)

// A few implied keys are not substrings of the request: aws:PrincipalArn
// of a role session (the role's ARN) or of a root user named by its
// account ID, and aws:userid of a federated user. Building one allocates,
// and a state that held it in a buffer of its own would escape to the
// heap (a pointer into the state stored in the state). derivedNames keeps
// the latest of them, each under the substring of the principal it is made
// from, so that a caller deciding for the same principals again reads them
// without allocating. The value depends only on that text, so the table
// is shared by every Evaluator; an entry is replaced whole, atomically.
var derivedNames [64]atomic.Pointer[derivedName]

// derivedName is a derived value and the text it was derived from.
type derivedName struct{ from, value string }

// derived returns the value derived from from by build, from the table
// when it holds it, else built and kept.
func derived(from string, build func() string) string {
	slot := &derivedNames[ascii.FoldHash(from)&(uint64(len(derivedNames))-1)]
	if d := slot.Load(); d != nil && d.from == from {
		return d.value
	}
	v := build()
	slot.Store(&derivedName{from: from, value: v})
	return v
}
