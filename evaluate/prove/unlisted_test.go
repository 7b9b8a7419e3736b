package prove

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
)

// TestUnlistedActionsInsideAPatternAreNotLeftOut: the actions the catalog
// does not list are split into the cells the patterns make, each with its
// shortest name the catalog does not list. A pattern with a wildcard
// before a literal ("kms:*Future*") makes a cell whose names are all
// longer than the strings met first; the cell was dropped when the search
// for its name stopped after 500 strings, and an Allow on it was proved to
// grant nothing.
func TestUnlistedActionsInsideAPatternAreNotLeftOut(t *testing.T) {
	key := "arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	user := "arn:aws:iam::" + acct + ":user/u"
	for _, c := range []reviewCase{
		{
			name: "an Allow on kms:*Future* grants an action added after the catalog",
			q:    "not", doc: docOf(stmt("Allow", act("kms:*Future*"), res("*"))),
			res:     []string{"*"},
			counter: evaluate.Request{Principal: user, Action: "kms:XFuture", Resource: key},
		},
		{
			name: "an Allow on s3:*Futur? grants an action added after the catalog",
			q:    "not", doc: docOf(stmt("Allow", act("s3:*Futur?"), res("*"))),
			res:     []string{"*"},
			counter: evaluate.Request{Principal: user, Action: "s3:XFuturX", Resource: "arn:aws:s3:::b/o"},
		},
		{
			name: "widening kms:Decrypt to kms:*Future* is new access",
			q:    "new", old: docOf(stmt("Allow", act("kms:Decrypt"), res("*"))),
			doc:     docOf(stmt("Allow", act("kms:*Future*"), res("*"))),
			counter: evaluate.Request{Principal: user, Action: "kms:XFuture", Resource: key},
		},
	} {
		t.Run(c.name, c.check)
	}
}
