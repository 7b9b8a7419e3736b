package prove

import (
	"testing"
)

func TestZZProbe2(t *testing.T) {
	for _, d := range []string{
		docOf(stmt("Allow", act("kms:Zz*"), res("*"))),
		docOf(stmt("Allow", act("kms:ZzFuture"), res("*"))),
		docOf(stmt("Allow", act("kms:Z?Future"), res("*"))),
		docOf(stmt("Allow", act("kms:*"), res("*"))),
		docOf(stmt("Allow", act("Kms:*Future*"), res("*"))),
		docOf(stmt("Allow", act("kms:*Future*"), res("*"))),
		docOf(stmt("Allow", act("kms:*Futur?"), res("*"))),
		docOf(stmt("Allow", act("KMS:ZzFuture"), res("*"))),
		docOf(stmt("Allow", act("Kms:Zz*"), res("*"))),
		docOf(stmt("Allow", notAct("kms:*"), res("*"))),
	} {
		r, err := NoNewAccess(Identity, mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*")))), mustDoc(t, d))
		t.Logf("%s: %v %v %s %s", d, err, r.Verdict, r.Reason, r.Detail)
		if r.Witness != nil {
			t.Logf("  witness %+v", *r.Witness)
		}
	}
}
