package policy_test

import (
	"fmt"

	"github.com/cksiam/cksiam/policy"
)

func ExampleValidate() {
	doc := &policy.Document{
		Statement: []policy.Statement{{
			Sid:      "Allow all of KMS",
			Effect:   policy.Allow,
			Action:   policy.List("kms:*"),
			Resource: policy.List("*"),
		}},
	}
	for _, f := range policy.Validate(doc, policy.IdentityPolicy) {
		fmt.Println(f)
	}
	// Output:
	// WARNING MISSING_VERSION: the document has no Version: it is read as "2008-10-17", where policy variables are literal text; add "Version": "2012-10-17"
	// ERROR INVALID_SID Statement[0].Sid: Sid "Allow all of KMS" is not valid: an identity policy allows only ASCII letters and digits in a Sid
	// SECURITY_WARNING FULL_SERVICE_ACCESS Statement[0].Action[0]: "kms:*" on "*" allows every action of the service on every resource; list the actions and resources needed
}

func ExampleWithQuota() {
	doc := &policy.Document{
		Version: policy.Version2012,
		Statement: []policy.Statement{{
			Effect:   policy.Allow,
			Action:   policy.List("kms:Encrypt"),
			Resource: policy.List("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
		}},
	}
	tiny := policy.Quota{Name: "example", Limit: 100, Unit: policy.NonWhitespaceCharacters}
	fmt.Println(policy.Validate(doc, policy.IdentityPolicy, policy.WithQuota(tiny)))
	// Output:
	// [ERROR POLICY_SIZE_EXCEEDED: the document has 169 non-whitespace characters; the example quota is 100]
}

func ExampleValidateJSON() {
	data := []byte(`{
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sts:AssumeRole"
    }]
}`)
	findings, err := policy.ValidateJSON(data, policy.TrustPolicy)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	_, err = policy.ValidateJSON([]byte(`{"Statement":[{"effect":"Allow"}]}`), policy.TrustPolicy)
	fmt.Println(err)
	// Output:
	// SECURITY_WARNING PUBLIC_PRINCIPAL Statement[0].Principal: any AWS principal, in any account, may assume this role
	// policy: Statement[0].effect: unknown element; names are case-sensitive, did you mean "Effect"?
}
