package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The KMS developer guide's grant pages, cited by the cases built from them.
const (
	pageGrants        = "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html"
	pageCreateGrant   = "https://docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html"
	pageGrantManage   = "https://docs.aws.amazon.com/kms/latest/developerguide/grant-manage.html"
	pageGrantAuthz    = "https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html"
	pageGrantDelete   = "https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html"
	pageAccessGrants  = "https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html"
	pageConstraints   = "https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html"
	pageKeyPolicies   = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html"
	pagePolicyEval    = "https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html"
	pageExternalUsers = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html"
)

// The principals and key of the guide's grant examples.
const (
	guideKey     = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	guideKey2    = "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321"
	exampleUser  = "arn:aws:iam::111122223333:user/exampleUser"
	anotherUser  = "arn:aws:iam::111122223333:user/anotherUser"
	adminRole    = "arn:aws:iam::111122223333:role/adminRole"
	adminSession = "arn:aws:sts::111122223333:assumed-role/adminRole/ops"
	appRole      = "arn:aws:iam::111122223333:role/App"
	appSession   = "arn:aws:sts::111122223333:assumed-role/App/job-1"
	appSession2  = "arn:aws:sts::111122223333:assumed-role/App/job-2"
	extAcct      = "444455556666"
	extRoot      = "arn:aws:iam::444455556666:root"
	extUser      = "arn:aws:iam::444455556666:user/bob"
	issuing      = "arn:aws:iam::111122223333:root"
)

// keyPolicyIAMOnly is the default key policy: it names only the key's
// account, so it grants no principal directly.
const keyPolicyIAMOnly = `{"Version":"2012-10-17","Statement":[` + enableIAMStmt + `]}`

const enableIAMStmt = `{"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`

// grantCase is one decision about a key with grants.
type grantCase struct {
	name      string
	src       string // the page the case comes from
	p         Policies
	opts      []Option
	r         Request
	want      Decision
	wantGrant string // Result.GrantId
	wantDiag  string // a diagnostic code the Result must carry
}

func runGrantCases(t *testing.T, cases []grantCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.NotEmpty(t, c.src, "every case cites its source")
			res := checkDecision(t, c.p, c.opts, c.r, c.want, false, c.src)
			require.Equal(t, c.wantGrant, res.GrantId, "reason: %s", res.Reason)
			if c.wantDiag != "" {
				require.Contains(t, diagCodes(res), c.wantDiag)
			}
		})
	}
}

// withKey returns the default key policy plus grants.
func withKey(t testing.TB, grants ...Grant) Policies {
	return Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: grants}
}

func ec(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

func equals(pairs ...string) *GrantConstraints {
	return &GrantConstraints{EncryptionContextEquals: ec(pairs...)}
}

func subset(pairs ...string) *GrantConstraints {
	return &GrantConstraints{EncryptionContextSubset: ec(pairs...)}
}
