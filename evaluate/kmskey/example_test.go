package kmskey_test

import (
	"fmt"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
)

func mustDoc(t testing.TB, text string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A grant read from `aws kms list-grants` output lets its grantee decrypt
// without any key or IAM policy naming it; Result.GrantId says which
// grant did.
func Example() {
	grants, err := kmskey.ReadGrants([]byte(`{"Grants": [{
	  "KeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	  "GrantId": "abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a",
	  "GranteePrincipal": "arn:aws:iam::111122223333:user/exampleUser",
	  "IssuingAccount": "arn:aws:iam::111122223333:root",
	  "Operations": ["Decrypt"],
	  "Constraints": {"EncryptionContextEquals": {"Department": "IT"}}}], "Truncated": false}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	keyPolicy, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
	  "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`))
	ev, err := evaluate.Compile(evaluate.Policies{Resource: keyPolicy, Grants: kmskey.Grants(grants)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, dept := range []string{"IT", "HR"} {
		res, _ := ev.Evaluate(evaluate.Request{
			Principal:         "arn:aws:iam::111122223333:user/exampleUser",
			Action:            "kms:Decrypt",
			Resource:          "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			EncryptionContext: map[string]string{"Department": dept},
		})
		fmt.Println(dept, res.Decision, res.GrantId)
	}
	// Output:
	// IT allowed abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a
	// HR implicitDeny
}
