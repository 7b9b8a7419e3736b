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

// Access Analyzer's proposed key configuration, read for the engine: the
// grant configuration has no ID, so it is named by its JSON path.
func ExampleReadKeyConfiguration() {
	cfg, err := kmskey.ReadKeyConfiguration([]byte(`{
	  "keyPolicies": {"default": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"},
	  "grants": [{"operations": ["Decrypt"], "granteePrincipal": "arn:aws:iam::444455556666:root", "issuingAccount": "111122223333"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := evaluate.Compile(evaluate.Policies{Resource: cfg.KeyPolicy, Grants: cfg.Grants})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := ev.Evaluate(evaluate.Request{
		Principal: "arn:aws:iam::444455556666:root",
		Action:    "kms:Decrypt",
		Resource:  "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	})
	fmt.Println(res.Decision, res.GrantId)
	// Output:
	// allowed grants[0]
}

// Reviewing a key's grants: a grant for data key pairs on a key in an AWS
// CloudHSM key store gives nothing, and a grant to an IAM group is not
// one AWS accepts. Locate says where the file has each element.
func ExampleCheckGrants() {
	listing := []byte(`{"Grants": [
	  {"GrantId": "g1", "GranteePrincipal": "arn:aws:iam::111122223333:role/App", "Operations": ["Decrypt", "GenerateDataKeyPair"]},
	  {"GrantId": "g2", "GranteePrincipal": "arn:aws:iam::111122223333:group/Devs", "Operations": ["Decrypt"]}]}`)
	entries, err := kmskey.ReadGrants(listing)
	if err != nil {
		fmt.Println(err)
		return
	}
	key := &evaluate.KeyFacts{Origin: "AWS_CLOUDHSM", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT"}
	for _, f := range kmskey.CheckGrants(kmskey.Grants(entries), key) {
		i, field, _ := kmskey.SplitGrantPath(f.Path)
		loc, _, _ := kmskey.Locate(listing, i, field)
		fmt.Println(f.Severity, f.Code, loc.Path)
	}
	// Output:
	// WARNING GRANT_OPERATION_NOT_IN_KEY_STORE Grants[0].Operations[1]
	// ERROR GRANT_GRANTEE_INVALID Grants[1].GranteePrincipal
}
