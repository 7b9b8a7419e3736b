package evaluate_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// A grant lets its grantee use the key with no key or IAM policy naming
// it, within its constraints; Result.GrantId names it.
func ExampleGrant() {
	const key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyPolicy, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
	  "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`))
	ev, err := evaluate.Compile(evaluate.Policies{
		Resource: keyPolicy,
		Grants: []evaluate.Grant{{
			KeyId:            key,
			GrantId:          "abcde1237f76e4ba",
			GranteePrincipal: "arn:aws:iam::111122223333:role/App",
			Operations:       []string{"Decrypt", "GenerateDataKey"},
			Constraints:      &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"Department": "IT"}},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ctx := range []map[string]string{{"department": "IT", "Purpose": "Test"}, {"Department": "HR"}} {
		res, _ := ev.Evaluate(evaluate.Request{
			Principal:         "arn:aws:sts::111122223333:assumed-role/App/job-1",
			Action:            "kms:Decrypt",
			Resource:          key,
			EncryptionContext: ctx,
		})
		fmt.Println(res.Decision, res.GrantId)
	}
	// Output:
	// allowed abcde1237f76e4ba
	// implicitDeny
}
