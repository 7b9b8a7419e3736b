package evaluate

import (
	"fmt"
	"github.com/cksiam/cksiam/internal/arn"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestActions(t *testing.T) {
	dec := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"}
	runDecisions(t, []decisionCase{
		{name: "action names compare ignoring case (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("KMS:decrypt", "*"))}, r: dec, want: Allowed},
		{name: "the request's action spelling does not matter either (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("kms:Decrypt", "*"))}, r: Request{Principal: alice, Action: "Kms:DECRYPT", Resource: "*"}, want: Allowed},
		{name: "a star in the action name matches any run (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("kms:De*", "*"))}, r: dec, want: Allowed},
		{name: "a question mark in the action name matches one character (aws-rules I)", p: Policies{Identity: docs(t, allowStmt("kms:?ecrypt", "*"))}, r: dec, want: Allowed},
		{name: "a question mark does not match an empty run (aws-rules I)", p: Policies{Identity: docs(t, allowStmt("kms:?Decrypt", "*"))}, r: dec, want: ImplicitDeny},
		{name: "a lone star matches every action of every service (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("*", "*"))}, r: dec, want: Allowed},
		{name: "the service prefix must match whole (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("km:*", "*"))}, r: dec, want: ImplicitDeny},
		{name: "an action of another service does not match (aws-rules A.5)", p: Policies{Identity: docs(t, allowStmt("kmsx:Decrypt", "*"))}, r: dec, want: ImplicitDeny},
		{name: "NotAction with Allow grants every other action (aws-rules A.5)", p: Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","NotAction":"iam:*","Resource":"*"`))}, r: dec, want: Allowed},
		{name: "NotAction with Allow does not grant the listed actions (aws-rules A.5)", p: Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","NotAction":["iam:*","kms:Decrypt"],"Resource":"*"`))}, r: dec, want: ImplicitDeny},
		{name: "NotAction with Deny denies every other action (aws-rules A.5)", p: Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","NotAction":"kms:Encrypt","Resource":"*"`))}, r: dec, want: ExplicitDeny},
		{name: "an action name with a hyphen is a valid request (vpc-lattice:AssociateViaAWSService-EventsAndStates)", p: Policies{Identity: docs(t, allowStmt("vpc-lattice:Associate*", "*"))}, r: Request{Principal: alice, Action: "vpc-lattice:AssociateViaAWSService-EventsAndStates", Resource: "*"}, want: Allowed},
		{name: "NotAction with Deny spares the listed actions (aws-rules A.5)", p: Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","NotAction":"kms:*","Resource":"*"`))}, r: dec, want: Allowed},
	})
}

func TestResources(t *testing.T) {
	get := func(res string) Request { return Request{Principal: alice, Action: "s3:GetObject", Resource: res} }
	allowRes := func(pattern string) Policies { return Policies{Identity: docs(t, allowStmt("s3:GetObject", pattern))} }
	const pattern = "arn:aws:s3:::BUCKET/*/test/*"
	runDecisions(t, []decisionCase{
		{name: "a star in a resource crosses slashes (aws-rules A.6 example 1)", p: allowRes(pattern), r: get("arn:aws:s3:::BUCKET/1/2/test/3/object.jpg"), want: Allowed},
		{name: "a star in a resource matches an empty run (aws-rules A.6 example 2)", p: allowRes(pattern), r: get("arn:aws:s3:::BUCKET//test/object.jpg"), want: Allowed},
		{name: "a trailing star matches an empty object name (aws-rules A.6 example 3)", p: allowRes(pattern), r: get("arn:aws:s3:::BUCKET/1/test/"), want: Allowed},
		{name: "the slashes around a star are still required (aws-rules A.6 example 4)", p: allowRes(pattern), r: get("arn:aws:s3:::BUCKET/test/object.jpg"), want: ImplicitDeny},
		{name: "literal text between stars must match exactly (aws-rules A.6 example 5)", p: allowRes(pattern), r: get("arn:aws:s3:::BUCKET/1-test/object.jpg"), want: ImplicitDeny},
		{name: "a star in a resource crosses colons (aws-rules I)", p: Policies{Identity: docs(t, allowStmt("sqs:SendMessage", "arn:aws:sqs:*"))}, r: Request{Principal: alice, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: Allowed},
		{name: "a question mark in a resource matches one character (aws-rules A.6)", p: allowRes("arn:aws:s3:::bucket/?.txt"), r: get("arn:aws:s3:::bucket/a.txt"), want: Allowed},
		{name: "resource matching is case-sensitive (aws-rules I)", p: allowRes("arn:aws:s3:::Bucket/*"), r: get("arn:aws:s3:::bucket/a.txt"), want: ImplicitDeny},
		{name: "a resource pattern must match the whole ARN (aws-rules I)", p: allowRes("arn:aws:s3:::bucket"), r: get("arn:aws:s3:::bucket/a.txt"), want: ImplicitDeny},
		{name: "a specific ARN does not cover a request on \"*\" (aws-rules E.1)", p: Policies{Identity: docs(t, allowStmt("kms:*", keyARN))}, r: Request{Principal: alice, Action: "kms:CreateKey", Resource: "*"}, want: ImplicitDeny},
		{name: "NotResource with Allow grants other resources (aws-rules A.6)", p: Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"`))}, r: get("arn:aws:s3:::public/a"), want: Allowed},
		{name: "NotResource with Allow does not grant the listed resources (aws-rules A.6)", p: Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"`))}, r: get("arn:aws:s3:::secret/a"), want: ImplicitDeny},
		{name: "NotResource with Deny denies other resources (aws-rules A.6)", p: Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::public/*"`))}, r: get("arn:aws:s3:::secret/a"), want: ExplicitDeny},
		{name: "any entry of a Resource list may match (aws-rules A.6)", p: Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]`))}, r: get("arn:aws:s3:::b/x"), want: Allowed},
		{name: "a resource-policy statement without Resource covers the resource it is attached to (aws-rules A.1)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"s3:GetObject"`))}, r: get("arn:aws:s3:::bucket/a"), want: Allowed},
	})
}

// TestServiceIndex checks that the service index of a large policy set
// finds statements by service, NotAction statements and upper-case
// spellings (aws-rules A.5).
func TestServiceIndex(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&sb, `{"Effect":"Allow","Action":"svc%d:Get*","Resource":"*"},`, i)
	}
	sb.WriteString(`{"Effect":"Allow","Action":"KMS:Encrypt","Resource":"*"},`)
	sb.WriteString(`{"Effect":"Allow","Action":"cloudhsm:Describe*","Resource":"*"},`)
	sb.WriteString(`{"Effect":"Deny","NotAction":[`)
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&sb, `"svc%d:*",`, i)
	}
	sb.WriteString(`"kms:*","cloudhsm:*"],"Resource":"*"}]}`)
	p := Policies{Identity: docs(t, sb.String())}
	runDecisions(t, []decisionCase{
		{name: "an indexed statement is found by its service (aws-rules A.5)", p: p, r: Request{Principal: alice, Action: "svc7:GetThing", Resource: "*"}, want: Allowed},
		{name: "an indexed statement written in upper case is found (aws-rules A.5)", p: p, r: Request{Principal: alice, Action: "kms:encrypt", Resource: "*"}, want: Allowed},
		{name: "a statement of a service no other statement names is found (aws-rules A.5)", p: p, r: Request{Principal: alice, Action: "cloudhsm:DescribeClusters", Resource: "*"}, want: Allowed},
		{name: "a NotAction statement is checked for every service (aws-rules A.5)", p: p, r: Request{Principal: alice, Action: "ec2:DescribeVpcs", Resource: "*"}, want: ExplicitDeny},
		{name: "an action no statement names is implicitly denied (aws-rules C.1)", p: p, r: Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"}, want: ImplicitDeny},
	})
}

func TestHasWildcard(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"*", true}, {"?", true}, {"arn:aws:kms:us-east-1:111122223333:key/abc", false},
		{"arn:aws:kms:us-east-1:111122223333:key/ab*", true}, {"arn:aws:kms:us-east-1:111122223333:key/a?c", true},
		{"arn:aws:kms:us-east-1:111122223333:key/abc" + "\x2b\x3e\xaa\xbf", false}, {"12345678?", true}, {"1234567*", true},
	} {
		if got := hasWildcard(tc.s); got != tc.want {
			t.Errorf("hasWildcard(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestCheckActionReadsTheServicePrefix(t *testing.T) {
	for _, tc := range []struct {
		action, svc, err string
	}{
		{"kms:Decrypt", "kms", ""},
		{"KMS:decrypt", "kms", ""},
		{"Ec2-Fleet:Run_Instances9", "ec2-fleet", ""},
		{"vpc-lattice:AssociateViaAWSService-EventsAndStates", "vpc-lattice", ""},
		{"km_s:Decrypt", "", "not allowed"},
		{"kms:Decrypt:x", "", "not allowed"},
		{"kms:Decrypt ", "", "not allowed"},
		{"kms:Décrypt", "", "not allowed"},
		{"kms:Get*", "", "without wildcards"},
		{"k?s:GetKey", "", "without wildcards"},
		{"kms:", "", "service:ActionName"},
		{":Decrypt", "", "service:ActionName"},
		{"", "", "is empty"},
	} {
		svc, err := checkAction(tc.action)
		if tc.err == "" {
			if err != nil || svc != tc.svc {
				t.Errorf("checkAction(%q) = %q, %v; want %q", tc.action, svc, err, tc.svc)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("checkAction(%q) error = %v, want one saying %q", tc.action, err, tc.err)
		}
	}
}

// principalPartsAgrees checks principalParts (with its fast path for
// arn:aws:iam:: and arn:aws:sts:: ARNs) against arn.Parse.
func principalPartsAgrees(t *testing.T, p string) {
	t.Helper()
	partition, svc, acct, res, ok := principalParts(p)
	parts, wantOK := arn.Parse(p)
	wantOK = wantOK && !strings.ContainsAny(p, "*?")
	if ok != wantOK {
		t.Fatalf("principalParts(%q) ok = %v, want %v", p, ok, wantOK)
	}
	if !ok {
		return
	}
	got := [4]string{partition, svc, acct, res}
	want := [4]string{parts[1], parts[2], parts[4], parts[5]}
	if got != want {
		// Allowed only where neither reading has an account ID (the fast
		// path's account holds a colon), which the caller refuses alike.
		if policy.IsAccountID(acct) || policy.IsAccountID(parts[4]) {
			t.Fatalf("principalParts(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestPrincipalPartsAgreesWithARNParse(t *testing.T) {
	for _, p := range []string{
		"arn:aws:iam::111122223333:root",
		"arn:aws:iam::111122223333:user/a/b/Alice",
		"arn:aws:sts::111122223333:assumed-role/ExampleRole/app",
		"arn:aws:sts::111122223333:assumed-role/ExampleRole/a:b",
		"arn:aws:sts::111122223333:federated-user/bob",
		"arn:aws:sts::111122223333:",
		"arn:aws:sts::111122223333:x",
		"arn:aws:sts::1111:2222333:x",
		"arn:aws:sts::11112222333*:root",
		"arn:aws:iam::111122223333:role/*",
		"arn:aws:iam::111122223333:role/R?",
		"arn:aws:ec2::111122223333:role/R",
		"arn:aws:iam:us-east-1:111122223333:role/R",
		"arn:aws-cn:iam::111122223333:role/R",
		"arn:aws:iamx:111122223333:role/R",
		"arn:aws:iam::1111222233334:role/R",
		"arn:aws:iam:::role/R",
	} {
		principalPartsAgrees(t, p)
	}
}

func FuzzPrincipalParts(f *testing.F) {
	f.Add("arn:aws:sts::111122223333:assumed-role/ExampleRole/app")
	f.Add("arn:aws:iam::111122223333:root")
	f.Add("arn:aws-cn:iam::111122223333:user/x")
	f.Fuzz(func(t *testing.T, p string) { principalPartsAgrees(t, p) })
}

// A request whose action the policies name literally skips the character
// check (prepare); only valid names are memoised, so an invalid action is
// refused even when a policy names it, and any spelling of a valid one is
// read with its lower-cased service.
func TestMemoisedActionsAreValidNames(t *testing.T) {
	ev, err := Compile(Policies{Identity: docs(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["kms:Décrypt","kms:De crypt"],"Resource":"*"},
		{"Effect":"Allow","Action":["KMS:Encrypt"],"Resource":"*"}]}`)}, LooseDocuments())
	require.NoError(t, err)
	for _, bad := range []string{"kms:Décrypt", "kms:De crypt"} {
		_, _, memo := ev.names.get(bad)
		require.False(t, memo, "%q is not a name a request may carry", bad)
		d, err := ev.Decide(Request{Principal: alice, Action: bad, Resource: "*"})
		require.Error(t, err, bad)
		require.Equal(t, ImplicitDeny, d)
	}
	for _, spelling := range []string{"kms:Encrypt", "KMS:ENCRYPT", "Kms:encrypt"} {
		d, err := ev.Decide(Request{Principal: alice, Action: spelling, Resource: "*"})
		require.NoError(t, err)
		require.Equal(t, Allowed, d, spelling)
		res, err := ev.Evaluate(Request{Principal: alice, Action: spelling, Resource: "*", Context: Context{"kms:CallerAccount": {"x"}}})
		require.NoError(t, err)
		require.Equal(t, Allowed, res.Decision)
	}
	var s state
	require.NoError(t, ev.prepare(&s, &Request{Principal: alice, Action: "KMS:Encrypt", Resource: "*"}))
	require.Equal(t, "kms", s.actionService)
	require.Equal(t, "Encrypt", s.actionName)
	require.GreaterOrEqual(t, s.memo, int32(0), "a memoised action reads its row of the action index")
}

func TestIndexWildcardIsIndexAny(t *testing.T) {
	for _, s := range []string{"", "a", "*", "?", "ab*c?d", "ab?c*d", "kms:Describe*", "arn:aws:s3:::b/?x", "no wildcards here", "??**"} {
		require.Equal(t, strings.IndexAny(s, "*?"), indexWildcard(s), "%q", s)
	}
}
