package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// The guide's grants, as its ListGrants examples show them.
var (
	// create-grant-overview.html: exampleUser may Decrypt when the
	// encryption context is exactly Department=IT.
	grantEquals = Grant{KeyId: guideKey, GrantId: "abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a",
		GranteePrincipal: exampleUser, RetiringPrincipal: adminRole, IssuingAccount: issuing,
		Operations: []string{"Decrypt"}, Constraints: equals("Department", "IT")}
	// grant-manage.html: the same with EncryptionContextSubset.
	grantSubset = Grant{KeyId: guideKey, GrantId: "subset-it",
		GranteePrincipal: exampleUser, RetiringPrincipal: adminRole, IssuingAccount: issuing,
		Operations: []string{"Decrypt"}, Constraints: subset("Department", "IT")}
	// create-grant-overview.html: DynamoDB's grant on its AWS managed key.
	grantDynamo = Grant{KeyId: guideKey2, GrantId: "1667b97d27cf748cf05b487217dd4179526c949d14fb3903858e25193253fe59",
		GranteePrincipal: "dynamodb.us-west-2.amazonaws.com", RetiringPrincipal: "dynamodb.us-west-2.amazonaws.com", IssuingAccount: issuing,
		Operations:  []string{"Decrypt", "Encrypt", "GenerateDataKey", "ReEncryptFrom", "ReEncryptTo", "RetireGrant", "DescribeKey"},
		Constraints: subset("aws:dynamodb:tableName", "Services", "aws:dynamodb:subscriberId", "111122223333")}
	// create-grant-overview.html: the parent grant that allows CreateGrant.
	grantParent = Grant{KeyId: guideKey, GrantId: "abcde1237f76e4ba7987489ac329fbfba6ad343d6f7075dbd1ef191f0120514a",
		GranteePrincipal: exampleUser, RetiringPrincipal: adminRole, IssuingAccount: issuing,
		Operations: []string{"GenerateDataKey", "Decrypt", "CreateGrant"}, Constraints: subset("Department", "IT")}
	// create-grant-overview.html: the child grant exampleUser created.
	grantChild = Grant{KeyId: guideKey, GrantId: "fedcba9999c1e2e9876abcde6e9d6c9b6a1987650000abcee009abcdef40183f",
		GranteePrincipal: anotherUser, RetiringPrincipal: exampleUser, IssuingAccount: issuing,
		Operations: []string{"CreateGrant", "Decrypt"}, Constraints: equals("Department", "IT")}
	// determining-access-grants.html: EC2 attaching an encrypted volume.
	grantEC2 = Grant{KeyId: guideKey, GrantId: "dc716f53c93acacf291b1540de3e5a232b76256c83b2ecb22cdefa26576a2d3e",
		GranteePrincipal: "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab", RetiringPrincipal: "arn:aws:iam::123456789012:root",
		IssuingAccount: issuing, Operations: []string{"Decrypt"}, Constraints: subset("aws:ebs:id", "vol-5cccfb4e")}
	// determining-access-grants.html: a grant to another account.
	grantOtherAccount = Grant{KeyId: guideKey, GrantId: "f271e8328717f8bde5d03f4981f06a6b3fc18bcae2da12ac38bd9186e7925d11",
		GranteePrincipal: extRoot, IssuingAccount: issuing, Operations: []string{"Encrypt"}}
)

func decrypt(principal string, ctx map[string]string) Request {
	return Request{Principal: principal, Action: "kms:Decrypt", Resource: guideKey, EncryptionContext: ctx}
}

func createGrant(principal string, child *Grant) Request {
	return Request{Principal: principal, Action: "kms:CreateGrant", Resource: guideKey, NewGrant: child}
}

func TestGrantsFromTheGuide(t *testing.T) {
	denyKeyPolicy := func(action string) *policy.Document {
		return doc(t, `{"Version":"2012-10-17","Statement":[`+enableIAMStmt+`,
		  {"Effect":"Deny","Principal":{"AWS":"`+exampleUser+`"},"Action":"`+action+`","Resource":"*"}]}`)
	}
	keyPolicyAllowsEncrypt := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+exampleUser+`"},"Action":"kms:Encrypt","Resource":"*"}]}`)
	scp := func(text string) [][]*policy.Document { return [][]*policy.Document{docs(t, text)} }
	const fullAccess = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	const scpDenyDecrypt = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}`
	const scpOnlyS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	const rcpDenyOutside = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`
	withPolicies := func(p Policies, edit func(*Policies)) Policies { edit(&p); return p }

	runGrantCases(t, []grantCase{
		{name: "a grant lets its grantee decrypt with no key or IAM policy naming it", src: pageCreateGrant,
			p: withKey(t, grantEquals), r: decrypt(exampleUser, ec("Department", "IT")), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "without the grant the same request is denied", src: pageGrants,
			p: withKey(t), r: decrypt(exampleUser, ec("Department", "IT")), want: ImplicitDeny},
		{name: "EncryptionContextEquals refuses an extra pair", src: pageCreateGrant,
			p: withKey(t, grantEquals), r: decrypt(exampleUser, ec("Department", "IT", "Purpose", "Test")), want: ImplicitDeny, wantDiag: DiagGrantConstraintNotMet},
		{name: "EncryptionContextSubset accepts an extra pair", src: pageCreateGrant,
			p: withKey(t, grantSubset), r: decrypt(exampleUser, ec("Department", "IT", "Purpose", "Test")), want: Allowed, wantGrant: "subset-it"},
		{name: "EncryptionContextSubset refuses a request without the pair", src: pageCreateGrant,
			p: withKey(t, grantSubset), r: decrypt(exampleUser, ec("Purpose", "Test")), want: ImplicitDeny},
		{name: "EncryptionContextSubset refuses a request with no encryption context", src: pageCreateGrant,
			p: withKey(t, grantSubset), r: decrypt(exampleUser, nil), want: ImplicitDeny},
		{name: "a constraint's keys ignore case", src: pageConstraints,
			p: withKey(t, grantEquals), r: decrypt(exampleUser, ec("department", "IT")), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "a subset constraint's keys ignore case too", src: pageConstraints,
			p: withKey(t, grantSubset), r: decrypt(exampleUser, ec("DEPARTMENT", "IT", "purpose", "x")), want: Allowed, wantGrant: "subset-it"},
		{name: "a constraint's values keep their case", src: pageConstraints,
			p: withKey(t, grantEquals), r: decrypt(exampleUser, ec("Department", "it")), want: ImplicitDeny},
		{name: "the encryption context may come from kms:EncryptionContext keys of the Context", src: pageConstraints,
			p: withKey(t, grantEquals), r: Request{Principal: exampleUser, Action: "kms:Decrypt", Resource: guideKey, Context: Context{"kms:EncryptionContext:department": {"IT"}}},
			want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "the constraint is ignored for DescribeKey", src: pageCreateGrant,
			p: withKey(t, grantDynamo), r: Request{Principal: "dynamodb.us-west-2.amazonaws.com", Action: "kms:DescribeKey", Resource: guideKey2},
			want: Allowed, wantGrant: grantDynamo.GrantId},
		{name: "DynamoDB's grant lets it decrypt for its table", src: pageCreateGrant,
			p: withKey(t, grantDynamo), r: Request{Principal: "dynamodb.us-west-2.amazonaws.com", Action: "kms:Decrypt", Resource: guideKey2,
				EncryptionContext: ec("aws:dynamodb:tableName", "Services", "aws:dynamodb:subscriberId", "111122223333")},
			want: Allowed, wantGrant: grantDynamo.GrantId},
		{name: "DynamoDB's grant does not cover another table", src: pageCreateGrant,
			p: withKey(t, grantDynamo), r: Request{Principal: "dynamodb.us-west-2.amazonaws.com", Action: "kms:Decrypt", Resource: guideKey2,
				EncryptionContext: ec("aws:dynamodb:tableName", "Other", "aws:dynamodb:subscriberId", "111122223333")},
			want: ImplicitDeny},
		{name: "a grant allows only its operations", src: pageGrants,
			p: withKey(t, grantEquals), r: Request{Principal: exampleUser, Action: "kms:Encrypt", Resource: guideKey, EncryptionContext: ec("Department", "IT")}, want: ImplicitDeny},
		{name: "a grant allows no operation outside the grant operations", src: pageGrants,
			p: withKey(t, grantParent), r: Request{Principal: exampleUser, Action: "kms:ScheduleKeyDeletion", Resource: guideKey}, want: ImplicitDeny},
		{name: "a grant allows access to exactly one key", src: pageGrants,
			p: withKey(t, grantEquals), r: Request{Principal: exampleUser, Action: "kms:Decrypt", Resource: guideKey2, EncryptionContext: ec("Department", "IT")}, want: ImplicitDeny},
		{name: "a grant can allow but not deny", src: pageGrants,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) { p.Resource = keyPolicyAllowsEncrypt }),
			r: Request{Principal: exampleUser, Action: "kms:Encrypt", Resource: guideKey}, want: Allowed},
		{name: "a Deny in the key policy overrides a grant", src: pageKeyPolicies,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) { p.Resource = denyKeyPolicy("kms:Decrypt") }),
			r: decrypt(exampleUser, ec("Department", "IT")), want: ExplicitDeny},
		{name: "a Deny in an IAM policy overrides a grant", src: pagePolicyEval,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) {
				p.Identity = docs(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:*","Resource":"*"}]}`)
			}),
			r: decrypt(exampleUser, ec("Department", "IT")), want: ExplicitDeny},
		{name: "an SCP Deny overrides a grant", src: pagePolicyEval,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) { p.SCPs = scp(scpDenyDecrypt) }),
			r: decrypt(exampleUser, ec("Department", "IT")), want: ExplicitDeny},
		{name: "an SCP that does not allow the action stops a grant", src: pagePolicyEval,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) { p.SCPs = scp(scpOnlyS3) }),
			r: decrypt(exampleUser, ec("Department", "IT")), want: ImplicitDeny},
		{name: "an SCP that allows everything lets the grant through", src: pagePolicyEval,
			p: withPolicies(withKey(t, grantEquals), func(p *Policies) { p.SCPs = scp(fullAccess) }),
			r: decrypt(exampleUser, ec("Department", "IT")), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "an RCP Deny overrides a grant to another account", src: pagePolicyEval,
			p: withPolicies(withKey(t, grantOtherAccount), func(p *Policies) { p.RCPs = scp(rcpDenyOutside) }),
			r: Request{Principal: extRoot, Action: "kms:Encrypt", Resource: guideKey}, want: ExplicitDeny},
		{name: "the EC2 infrastructure session may decrypt its volume", src: pageAccessGrants,
			p: withKey(t, grantEC2), r: decrypt("arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab", ec("aws:ebs:id", "vol-5cccfb4e")),
			want: Allowed, wantGrant: grantEC2.GrantId},
		{name: "a grant to a session does not cover another session of its role", src: pageAccessGrants,
			p: withKey(t, grantEC2), r: decrypt("arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-00000000", ec("aws:ebs:id", "vol-5cccfb4e")),
			want: ImplicitDeny},
		{name: "the root user of a grantee account may use the grant with no policy", src: pageAccessGrants,
			p: withKey(t, grantOtherAccount), r: Request{Principal: extRoot, Action: "kms:Encrypt", Resource: guideKey},
			want: Allowed, wantGrant: grantOtherAccount.GrantId, wantDiag: DiagGrantAccountGrantee},
		{name: "a user of a grantee account with an IAM policy may use the grant", src: pageAccessGrants,
			p: withPolicies(withKey(t, grantOtherAccount), func(p *Policies) { p.Identity = docs(t, allowStmt("kms:Encrypt", guideKey)) }),
			r: Request{Principal: extUser, Action: "kms:Encrypt", Resource: guideKey}, want: Allowed, wantGrant: grantOtherAccount.GrantId},
		{name: "a user of a grantee account without an IAM policy may not use the grant", src: pageAccessGrants,
			p: withKey(t, grantOtherAccount), r: Request{Principal: extUser, Action: "kms:Encrypt", Resource: guideKey},
			want: ImplicitDeny, wantDiag: DiagGrantAccountGrantee},
		{name: "a grant to a user of another account needs no IAM policy in that account", src: pageExternalUsers,
			p: withKey(t, Grant{KeyId: guideKey, GrantId: "to-bob", GranteePrincipal: extUser, IssuingAccount: issuing, Operations: []string{"Encrypt"}}),
			r: Request{Principal: extUser, Action: "kms:Encrypt", Resource: guideKey}, want: Allowed, wantGrant: "to-bob"},
		{name: "a grant to a role covers its sessions", src: pageGrants,
			p: withKey(t, Grant{KeyId: guideKey, GrantId: "to-app", GranteePrincipal: appRole, Operations: []string{"GenerateDataKey"}}),
			r: Request{Principal: appSession, Action: "kms:GenerateDataKey", Resource: guideKey}, want: Allowed, wantGrant: "to-app"},
		{name: "a grant to a session does not cover the role's other sessions", src: pageGrants,
			p: withKey(t, Grant{KeyId: guideKey, GrantId: "to-job-1", GranteePrincipal: appSession, Operations: []string{"GenerateDataKey"}}),
			r: Request{Principal: appSession2, Action: "kms:GenerateDataKey", Resource: guideKey}, want: ImplicitDeny},
		{name: "a grant given by key ID applies to the key of that ID", src: pageGrantManage,
			p: withKey(t, Grant{KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", GrantId: "by-id", GranteePrincipal: exampleUser, Operations: []string{"Decrypt"}}),
			r: decrypt(exampleUser, nil), want: Allowed, wantGrant: "by-id"},
		{name: "a grant needs the key policy, whose Deny statements apply to it", src: pageKeyPolicies,
			p: Policies{Grants: []Grant{grantEquals}}, r: decrypt(exampleUser, ec("Department", "IT")), want: ImplicitDeny, wantDiag: DiagKeyPolicyRequired},
	})
}

func TestChildGrantsFromTheGuide(t *testing.T) {
	child := func(ops []string, c *GrantConstraints) *Grant {
		return &Grant{GranteePrincipal: anotherUser, Operations: ops, Constraints: c}
	}
	keyPolicyCreateGrant := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+exampleUser+`"},"Action":"kms:CreateGrant","Resource":"*"}]}`)
	runGrantCases(t, []grantCase{
		{name: "the guide's child grant is within its parent", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, &grantChild), want: Allowed, wantGrant: grantParent.GrantId},
		{name: "a child may not add an operation the parent lacks", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt", "ReEncryptFrom"}, subset("Department", "IT"))),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "a child may add pairs to a subset constraint", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt"}, subset("Department", "IT", "Project", "X"))),
			want: Allowed, wantGrant: grantParent.GrantId},
		{name: "a child may not remove pairs from a subset constraint", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt"}, subset("Project", "X"))),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "a child may not drop the constraint", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt"}, nil)),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "a child's constraint keys compare without case", src: pageConstraints,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt"}, subset("department", "IT"))),
			want: Allowed, wantGrant: grantParent.GrantId},
		{name: "a child's constraint values compare with case", src: pageConstraints,
			p: withKey(t, grantParent), r: createGrant(exampleUser, child([]string{"Decrypt"}, subset("Department", "it"))),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "a parent's Equals may not become a child's Subset", src: pageCreateGrant,
			p: withKey(t, grantChild), r: createGrant(anotherUser, child([]string{"Decrypt"}, subset("Department", "IT"))),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "a parent's Equals passes unchanged to a grandchild", src: pageCreateGrant,
			p: withKey(t, grantChild), r: createGrant(anotherUser, child([]string{"Decrypt"}, equals("Department", "IT"))),
			want: Allowed, wantGrant: grantChild.GrantId},
		{name: "a parent's Equals may not gain pairs", src: pageCreateGrant,
			p: withKey(t, grantChild), r: createGrant(anotherUser, child([]string{"Decrypt"}, equals("Department", "IT", "Project", "X"))),
			want: ImplicitDeny, wantDiag: DiagGrantChildTooBroad},
		{name: "CreateGrant from a grant without the new grant is not assumed", src: pageCreateGrant,
			p: withKey(t, grantParent), r: createGrant(exampleUser, nil), want: ImplicitDeny, wantDiag: DiagGrantChildUnknown},
		{name: "CreateGrant from the key policy has no such limits", src: pageGrants,
			p: Policies{Resource: keyPolicyCreateGrant, Grants: []Grant{grantParent}},
			r: createGrant(exampleUser, child([]string{"Sign", "ReEncryptTo"}, nil)), want: Allowed},
		{name: "the parent's constraint does not test the CreateGrant request's own context", src: pageCreateGrant,
			p: withKey(t, grantParent), r: Request{Principal: exampleUser, Action: "kms:CreateGrant", Resource: guideKey, NewGrant: &grantChild, EncryptionContext: ec("Other", "x")},
			want: Allowed, wantGrant: grantParent.GrantId},
	})
}
