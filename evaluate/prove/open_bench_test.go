package prove

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// BenchmarkOpenDecide is one who-can question: a role's identity policy
// with a source-IP condition and a TLS Deny, the key policy, and a grant
// with an encryption context constraint, every free key left free.
func BenchmarkOpenDecide(b *testing.B) {
	t := &testing.T{}
	p := evaluate.Policies{
		Identity: []*policy.Document{mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`)),
			stmt("Deny", act("*"), res("*"), cond(`{"Bool":{"aws:SecureTransport":"false"}}`))))},
		Resource: mustDoc(t, openKeyPolicy(stmt("Allow", prin(aws(openRole)), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`)))),
		Grants: []evaluate.Grant{{KeyId: openKey, GrantId: "g1", GranteePrincipal: openRole, Operations: []string{"Decrypt"},
			Constraints: &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"Dept": "IT"}}}},
	}
	op, err := CompileOpen(p)
	if err != nil {
		b.Fatal(err)
	}
	q := Question{Request: evaluate.Request{Principal: openRole, Action: "kms:Decrypt", Resource: openKey}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := op.Decide(q); err != nil {
			b.Fatal(err)
		}
	}
}
