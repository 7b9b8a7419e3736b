package evaluate

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func retire(principal, grantID string) Request {
	return Request{Principal: principal, Action: "kms:RetireGrant", Resource: guideKey, GrantId: grantID}
}

func TestRetireGrant(t *testing.T) {
	withRetireOp := grantEquals
	withRetireOp.GrantId, withRetireOp.Operations = "with-retire", []string{"Decrypt", "RetireGrant"}
	retiringAccount := grantEquals
	retiringAccount.GrantId, retiringAccount.RetiringPrincipal = "retiring-account", extRoot
	keyPolicyNamesUser := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["`+exampleUser+`","`+anotherUser+`"]},"Action":"kms:RetireGrant","Resource":"*"}]}`)
	iamRetire := docs(t, allowStmt("kms:RetireGrant", guideKey))
	iamDenyRetire := docs(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:RetireGrant","Resource":"*"}]}`)
	runGrantCases(t, []grantCase{
		{name: "the retiring principal's session may retire the grant with no policy", src: pageGrantDelete,
			p: withKey(t, grantEquals), r: retire(adminSession, grantEquals.GrantId), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "the grantee may retire a grant that allows RetireGrant", src: pageGrantDelete,
			p: withKey(t, withRetireOp), r: retire(exampleUser, "with-retire"), want: Allowed, wantGrant: "with-retire"},
		{name: "the grantee may not retire a grant without RetireGrant", src: pageGrantDelete,
			p: withKey(t, grantEquals), r: retire(exampleUser, grantEquals.GrantId), want: ImplicitDeny},
		{name: "the grantee may retire a grant that names it as retiring principal", src: pageGrantDelete,
			p: withKey(t, grantChild), r: retire(exampleUser, grantChild.GrantId), want: Allowed, wantGrant: grantChild.GrantId},
		{name: "the issuing account's root user may retire the grant", src: pageGrantDelete,
			p: withKey(t, grantEquals), r: retire(issuing, grantEquals.GrantId), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "a user of the issuing account with kms:RetireGrant in an IAM policy may retire it", src: pageGrantDelete,
			p: Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{grantEquals}, Identity: iamRetire},
			r: retire(anotherUser, grantEquals.GrantId), want: Allowed, wantGrant: grantEquals.GrantId},
		{name: "a user of the issuing account without such a policy may not", src: pageGrantDelete,
			p: withKey(t, grantEquals), r: retire(anotherUser, grantEquals.GrantId), want: ImplicitDeny},
		{name: "kms:RetireGrant in a key policy is not effective", src: pageGrantDelete,
			p: Policies{Resource: keyPolicyNamesUser, Grants: []Grant{grantEquals}}, r: retire(anotherUser, grantEquals.GrantId),
			want: ImplicitDeny, wantDiag: DiagRetireGrantKeyPolicy},
		{name: "kms:RetireGrant in a key policy naming the caller is not effective either", src: pageGrantDelete,
			p: Policies{Resource: keyPolicyNamesUser, Grants: []Grant{grantEquals}}, r: retire(exampleUser, grantEquals.GrantId),
			want: ImplicitDeny, wantDiag: DiagRetireGrantKeyPolicy},
		{name: "a Deny on kms:RetireGrant stops the retiring principal", src: pageGrantDelete,
			p: Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{grantEquals}, Identity: iamDenyRetire},
			r: retire(adminSession, grantEquals.GrantId), want: ExplicitDeny},
		{name: "a retiring account's user with kms:RetireGrant in an IAM policy may retire it", src: pageGrantDelete,
			p: Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{retiringAccount}, Identity: iamRetire},
			r: retire(extUser, "retiring-account"), want: Allowed, wantGrant: "retiring-account"},
		{name: "a retiring account's user without such a policy may not", src: pageGrantDelete,
			p: withKey(t, retiringAccount), r: retire(extUser, "retiring-account"), want: ImplicitDeny},
		{name: "a service retiring principal may retire its grant", src: pageGrantDelete,
			p:    Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{grantDynamo}},
			r:    Request{Principal: "dynamodb.us-west-2.amazonaws.com", Action: "kms:RetireGrant", Resource: guideKey2, GrantId: grantDynamo.GrantId},
			want: Allowed, wantGrant: grantDynamo.GrantId},
		{name: "an unknown grant ID retires nothing", src: pageGrantDelete,
			p: withKey(t, grantEquals), r: retire(issuing, "no-such-grant"), want: ImplicitDeny, wantDiag: DiagGrantNotFound},
		{name: "without a grant ID only the key's account delegating through IAM is considered", src: pageGrantDelete,
			p: Policies{Resource: doc(t, keyPolicyIAMOnly), Identity: iamRetire}, r: retire(anotherUser, ""), want: Allowed, wantDiag: DiagRetireGrantUnnamed},
		{name: "RevokeGrant is not a grant operation: a grantee cannot revoke", src: pageGrantAuthz,
			p: withKey(t, withRetireOp), r: Request{Principal: exampleUser, Action: "kms:RevokeGrant", Resource: guideKey}, want: ImplicitDeny},
		{name: "ListGrants is not a grant operation", src: pageGrantAuthz,
			p: withKey(t, withRetireOp), r: Request{Principal: exampleUser, Action: "kms:ListGrants", Resource: guideKey}, want: ImplicitDeny},
	})
}

func TestGrantReadings(t *testing.T) {
	roleGrant := Grant{KeyId: guideKey, GrantId: "to-app", GranteePrincipal: appRole, Operations: []string{"Decrypt"}}
	userGrant := Grant{KeyId: guideKey, GrantId: "to-user", GranteePrincipal: exampleUser, Operations: []string{"Decrypt"}}
	bounded := func(g Grant) Policies {
		p := withKey(t, g)
		p.Boundary = doc(t, allowStmt("s3:*", "*"))
		return p
	}
	src := Grant{KeyId: guideKey, GrantId: "src", GranteePrincipal: "cks.kms.amazonaws.com", Operations: []string{"Decrypt", "RetireGrant"}, RetiringPrincipal: "cks.kms.amazonaws.com",
		Constraints: &GrantConstraints{SourceArn: "arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-1"}}
	fromSource := func(arn string) Request {
		r := Request{Principal: "cks.kms.amazonaws.com", Action: "kms:Decrypt", Resource: guideKey}
		if arn != "" {
			r.Context = Context{"aws:SourceArn": {arn}}
		}
		return r
	}
	const reading = "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html (silent on boundaries; reading)"
	runGrantCases(t, []grantCase{
		{name: "by default a boundary limits a grant to a role", src: reading,
			p: bounded(roleGrant), r: decrypt(appSession, nil), want: ImplicitDeny, wantDiag: DiagGrantBoundaryReading},
		{name: "by default a boundary does not limit a grant to a user", src: reading,
			p: bounded(userGrant), r: decrypt(exampleUser, nil), want: Allowed, wantGrant: "to-user", wantDiag: DiagGrantBoundaryReading},
		{name: "GrantNeverLimited lets a grant to a role through a boundary", src: reading, opts: []Option{GrantBoundaries(GrantNeverLimited)},
			p: bounded(roleGrant), r: decrypt(appSession, nil), want: Allowed, wantGrant: "to-app", wantDiag: DiagGrantBoundaryReading},
		{name: "GrantAlwaysLimited stops a grant to a user at its boundary", src: reading, opts: []Option{GrantBoundaries(GrantAlwaysLimited)},
			p: bounded(userGrant), r: decrypt(exampleUser, nil), want: ImplicitDeny, wantDiag: DiagGrantBoundaryReading},
		{name: "AccountGranteeRootOnly refuses the account's users even with an IAM policy", src: pageAccessGrants, opts: []Option{AccountGrantees(AccountGranteeRootOnly)},
			p: Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{grantOtherAccount}, Identity: docs(t, allowStmt("kms:Encrypt", "*"))},
			r: Request{Principal: extUser, Action: "kms:Encrypt", Resource: guideKey}, want: ImplicitDeny, wantDiag: DiagGrantAccountGrantee},
		{name: "AccountGranteeWholeAccount lets the account's users in with no policy", src: pageAccessGrants, opts: []Option{AccountGrantees(AccountGranteeWholeAccount)},
			p: withKey(t, grantOtherAccount), r: Request{Principal: extUser, Action: "kms:Encrypt", Resource: guideKey},
			want: Allowed, wantGrant: grantOtherAccount.GrantId, wantDiag: DiagGrantAccountGrantee},
		{name: "a SourceArn constraint holds for a request from that source", src: pageConstraints,
			p: withKey(t, src), r: fromSource("arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-1"), want: Allowed, wantGrant: "src", wantDiag: DiagGrantSourceArn},
		{name: "a SourceArn constraint fails for another source", src: pageConstraints,
			p: withKey(t, src), r: fromSource("arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-2"), want: ImplicitDeny, wantDiag: DiagGrantSourceArn},
		{name: "a SourceArn constraint fails for a request without a source", src: pageConstraints,
			p: withKey(t, src), r: fromSource(""), want: ImplicitDeny, wantDiag: DiagGrantSourceArn},
		{name: "SourceArnNeverHolds refuses even the named source", src: pageConstraints, opts: []Option{GrantSourceArn(SourceArnNeverHolds)},
			p: withKey(t, src), r: fromSource("arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-1"), want: ImplicitDeny, wantDiag: DiagGrantSourceArn},
		{name: "a SourceArn constraint does not apply to RetireGrant", src: pageConstraints,
			p: withKey(t, src), r: Request{Principal: "cks.kms.amazonaws.com", Action: "kms:RetireGrant", Resource: guideKey, GrantId: "src"}, want: Allowed, wantGrant: "src"},
	})
}

func TestGrantInputErrors(t *testing.T) {
	base := func(edit func(*Grant)) Policies {
		g := grantEquals
		g.Constraints = equals("Department", "IT")
		edit(&g)
		return withKey(t, g)
	}
	for _, c := range []struct {
		name string
		p    Policies
		path string
	}{
		{"an unknown operation is refused", base(func(g *Grant) { g.Operations = []string{"Decrypt", "ScheduleKeyDeletion"} }), "Grants[0].Operations[1]"},
		{"an operation spelled as an action is refused", base(func(g *Grant) { g.Operations = []string{"kms:Decrypt"} }), "Grants[0].Operations[0]"},
		{"a grant without operations is refused", base(func(g *Grant) { g.Operations = nil }), "Grants[0].Operations"},
		{"both encryption-context constraints are refused", base(func(g *Grant) { g.Constraints.EncryptionContextSubset = ec("a", "b") }), "Grants[0].Constraints"},
		{"a grant without grantee is refused", base(func(g *Grant) { g.GranteePrincipal = "" }), "Grants[0].GranteePrincipal"},
		{"a wildcard grantee is refused", base(func(g *Grant) { g.GranteePrincipal = "*" }), "Grants[0].GranteePrincipal"},
		{"two grantees are refused", base(func(g *Grant) { g.GranteeServicePrincipal = "cks.kms.amazonaws.com" }), "Grants[0]"},
		{"a grant without ID is refused", base(func(g *Grant) { g.GrantId = "" }), "Grants[0].GrantId"},
		{"an alias as key is refused", base(func(g *Grant) { g.KeyId = "arn:aws:kms:us-west-2:111122223333:alias/x" }), "Grants[0].KeyId"},
		{"an issuing account that is a user is refused", base(func(g *Grant) { g.IssuingAccount = exampleUser }), "Grants[0].IssuingAccount"},
		{"a duplicate grant ID is refused", Policies{Resource: doc(t, keyPolicyIAMOnly), Grants: []Grant{grantEquals, grantEquals}}, "Grants[1].GrantId"},
		{"a key fact ARN that is no key is refused", Policies{Key: &KeyFacts{Arn: "arn:aws:kms:us-west-2:111122223333:alias/x"}}, "Key.Arn"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Compile(c.p)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, c.path, e.Path)
			require.True(t, errors.Is(err, ErrInvalidPolicy))
		})
	}
	ev, err := Compile(withKey(t, grantEquals))
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		r    Request
		path string
	}{
		{"an encryption context given twice is refused",
			Request{Principal: exampleUser, Action: "kms:Decrypt", Resource: guideKey, EncryptionContext: ec("a", "b"), Context: Context{"kms:EncryptionContext:a": {"b"}}}, "Request.Context"},
		{"kms:EncryptionContextKeys beside EncryptionContext is refused",
			Request{Principal: exampleUser, Action: "kms:Decrypt", Resource: guideKey, EncryptionContext: ec("a", "b"), Context: Context{"KMS:EncryptionContextKeys": {"a"}}}, "Request.Context"},
		{"a new grant with an unknown operation is refused",
			createGrant(exampleUser, &Grant{GranteePrincipal: anotherUser, Operations: []string{"PutKeyPolicy"}}), "Request.NewGrant.Operations[0]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ev.Decide(c.r)
			require.Equal(t, ImplicitDeny, d)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, c.path, e.Path)
			require.True(t, errors.Is(err, ErrInvalidRequest))
		})
	}
}

func TestNewGrantImpliesCreateGrantKeys(t *testing.T) {
	keyPolicy := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+exampleUser+`"},"Action":"kms:CreateGrant","Resource":"*",
	  "Condition":{"ForAllValues:StringEquals":{"kms:GrantOperations":["Decrypt","Encrypt"]},
	    "StringEquals":{"kms:GranteePrincipal":"`+anotherUser+`","kms:GrantConstraintType":"EncryptionContextEquals"}}}]}`)
	child := func(grantee string, ops []string, c *GrantConstraints) *Grant {
		return &Grant{GranteePrincipal: grantee, Operations: ops, Constraints: c}
	}
	runGrantCases(t, []grantCase{
		{name: "a new grant within the key policy's grant conditions is allowed", src: pageGrantAuthz,
			p: Policies{Resource: keyPolicy}, r: createGrant(exampleUser, child(anotherUser, []string{"Decrypt"}, equals("Department", "IT"))), want: Allowed},
		{name: "kms:GrantOperations comes from the new grant's operations", src: pageGrantAuthz,
			p: Policies{Resource: keyPolicy}, r: createGrant(exampleUser, child(anotherUser, []string{"Decrypt", "CreateGrant"}, equals("Department", "IT"))), want: ImplicitDeny},
		{name: "kms:GranteePrincipal comes from the new grant's grantee", src: pageGrantAuthz,
			p: Policies{Resource: keyPolicy}, r: createGrant(exampleUser, child(adminRole, []string{"Decrypt"}, equals("Department", "IT"))), want: ImplicitDeny},
		{name: "kms:GrantConstraintType comes from the new grant's constraint", src: pageGrantAuthz,
			p: Policies{Resource: keyPolicy}, r: createGrant(exampleUser, child(anotherUser, []string{"Decrypt"}, subset("Department", "IT"))), want: ImplicitDeny},
	})
	ev, err := Compile(Policies{Resource: keyPolicy})
	require.NoError(t, err)
	r := createGrant(exampleUser, child(anotherUser, []string{"Decrypt"}, nil))
	r.Context = Context{"kms:GranteePrincipal": {anotherUser}}
	_, err = ev.Decide(r)
	require.ErrorIs(t, err, ErrInvalidRequest, "the grantee given twice, by NewGrant and by Context")
}
