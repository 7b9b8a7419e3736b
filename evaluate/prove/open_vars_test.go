package prove

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// varsCase is a question whose conditions compare a free key with a policy
// variable; the variable's value is one the evaluator implies (or not).
type varsCase struct {
	name      string
	identity  string // the principal's identity policy
	principal string // default: the IAM user bob
	facts     *evaluate.KeyFacts
	tags      map[string]string // Policies.PrincipalTags
	free      []string
	want      Extent
	reason    Reason
	residual  []policy.Condition
	// examples are encryption contexts of requests the evaluator decides
	// as allowed says; each must agree with the residual.
	examples []varsExample
}

type varsExample struct {
	ec      map[string]string
	allowed bool
}

const varsUser = "arn:aws:iam::" + acct + ":user/bob"

func varsCases() []varsCase {
	decryptIf := func(c string) string {
		return docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(c)))
	}
	ownerIsUser := decryptIf(`{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:username}"}}`)
	return []varsCase{
		{name: "an encryption context owner compared with ${aws:username} is allowed sometimes, for the user the request names",
			identity: ownerIsUser, want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Owner", "bob")},
			examples: []varsExample{{map[string]string{"Owner": "bob"}, true}, {map[string]string{"Owner": "alice"}, false}, {nil, false}}},
		{name: "a user with a path is still read by its name for ${aws:username}",
			identity: ownerIsUser, principal: "arn:aws:iam::" + acct + ":user/division/bob", want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Owner", "bob")},
			examples: []varsExample{{map[string]string{"Owner": "bob"}, true}, {map[string]string{"Owner": "division/bob"}, false}}},
		{name: "a Deny unless the owner is ${aws:username} leaves the user's own context allowed",
			identity: docOf(stmt("Allow", act("kms:Decrypt"), res("*")),
				stmt("Deny", act("kms:Decrypt"), res("*"), cond(`{"StringNotEquals":{"kms:EncryptionContext:Owner":"${aws:username}"}}`))),
			want:     Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Owner", "bob")},
			examples: []varsExample{{map[string]string{"Owner": "bob"}, true}, {map[string]string{"Owner": "eve"}, false}, {map[string]string{}, false}}},
		{name: "${aws:PrincipalAccount} is read from the principal's account",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Account":"${aws:PrincipalAccount}"}}`), want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Account", acct)},
			examples: []varsExample{{map[string]string{"Account": acct}, true}, {map[string]string{"Account": other}, false}}},
		{name: "${aws:PrincipalTag/team} is read from the principal tags the policies give",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Team":"${aws:PrincipalTag/team}"}}`), principal: openRole,
			tags: map[string]string{"team": "blue"}, want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Team", "blue")},
			examples: []varsExample{{map[string]string{"Team": "blue"}, true}, {map[string]string{"Team": "red"}, false}}},
		{name: "${aws:ResourceTag/owner} is read from the key's tags",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:ResourceTag/owner}"}}`),
			facts:    &evaluate.KeyFacts{Tags: map[string]string{"owner": "carol"}}, want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Owner", "carol")},
			examples: []varsExample{{map[string]string{"Owner": "carol"}, true}, {map[string]string{"Owner": "bob"}, false}}},
		{name: "${kms:KeyOrigin} is read from the key's facts",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Origin":"${kms:KeyOrigin}"}}`),
			facts:    &evaluate.KeyFacts{Origin: "EXTERNAL_KEY_STORE"}, want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Origin", "EXTERNAL_KEY_STORE")},
			examples: []varsExample{{map[string]string{"Origin": "EXTERNAL_KEY_STORE"}, true}, {map[string]string{"Origin": "AWS_KMS"}, false}}},
		{name: "the facts of another key give ${kms:KeyOrigin} no value, so it stays indeterminate",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Origin":"${kms:KeyOrigin}"}}`),
			facts:    &evaluate.KeyFacts{Arn: "arn:aws:kms:us-east-1:" + acct + ":key/other", Origin: "EXTERNAL_KEY_STORE"},
			want:     Indeterminate, reason: ReasonVariableAcrossKeys},
		{name: "a role session, which has no ${aws:username}, is never allowed by an owner condition on it",
			identity: ownerIsUser, principal: "arn:aws:sts::" + acct + ":assumed-role/app/bob", want: Never,
			examples: []varsExample{{map[string]string{"Owner": "bob"}, false}, {map[string]string{"Owner": ""}, false}, {nil, false}}},
		{name: "a Deny unless the owner is ${aws:username} denies a role session whatever its context",
			identity: docOf(stmt("Allow", act("kms:Decrypt"), res("*")),
				stmt("Deny", act("kms:Decrypt"), res("*"), cond(`{"StringNotEquals":{"kms:EncryptionContext:Owner":"${aws:username}"}}`))),
			principal: "arn:aws:sts::" + acct + ":assumed-role/app/bob", want: Never,
			examples: []varsExample{{map[string]string{"Owner": "bob"}, false}, {map[string]string{"Owner": "app"}, false}, {nil, false}}},
		{name: "a default makes ${aws:username, 'shared'} of a role session read as the default",
			identity:  decryptIf(`{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:username, 'shared'}"}}`),
			principal: "arn:aws:sts::" + acct + ":assumed-role/app/bob", want: Sometimes,
			residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Owner", "shared")},
			examples: []varsExample{{map[string]string{"Owner": "shared"}, true}, {map[string]string{"Owner": "bob"}, false}}},
		{name: "${aws:PrincipalTag/team} without principal tags stays indeterminate",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Team":"${aws:PrincipalTag/team}"}}`), principal: openRole,
			want: Indeterminate, reason: ReasonVariableAcrossKeys},
		{name: "a principal tag the question frees gives sometimes without a residual, as the variable spans two free keys",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Team":"${aws:PrincipalTag/team}"}}`), principal: openRole,
			tags: map[string]string{"team": "blue"}, free: []string{"aws:PrincipalTag/*"},
			want: Sometimes},
		{name: "${aws:userid} of an IAM user, which the evaluator cannot know offline, stays indeterminate",
			identity: decryptIf(`{"StringEquals":{"kms:EncryptionContext:Owner":"${aws:userid}"}}`),
			want:     Indeterminate, reason: ReasonVariableAcrossKeys},
	}
}

func TestOpenReadsPolicyVariablesTheEvaluatorImplies(t *testing.T) {
	for _, c := range varsCases() {
		t.Run(c.name, func(t *testing.T) {
			p := evaluate.Policies{Identity: []*policy.Document{mustDoc(t, c.identity)}, Resource: mustDoc(t, openKeyPolicy()),
				Key: c.facts, PrincipalTags: c.tags}
			op, err := CompileOpen(p)
			require.NoError(t, err)
			principal := c.principal
			if principal == "" {
				principal = varsUser
			}
			r := evaluate.Request{Principal: principal, Action: "kms:Decrypt", Resource: openKey}
			ans, err := op.Decide(Question{Request: r, Free: c.free})
			require.NoError(t, err)
			require.Equal(t, c.want, ans.Extent, "detail: %s", ans.Detail)
			require.Equal(t, c.reason, ans.Reason, "detail: %s", ans.Detail)
			require.Empty(t, cmp.Diff(c.residual, ans.Residual), "residual")
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			// The witnesses and the examples are the evaluator's decisions,
			// and the residual holds exactly on the allowed ones.
			var checks []varsExample
			for _, w := range []struct {
				r       *evaluate.Request
				allowed bool
			}{{ans.Allowed, true}, {ans.Denied, false}} {
				if w.r != nil {
					require.Equal(t, principal, w.r.Principal)
					checks = append(checks, varsExample{w.r.EncryptionContext, w.allowed})
				}
			}
			if c.want == Sometimes {
				require.Len(t, checks, 2, "a Sometimes answer carries one request of each")
			}
			for _, x := range append(checks, c.examples...) {
				rx := r
				rx.EncryptionContext = x.ec
				d, err := ev.Decide(rx)
				require.NoError(t, err)
				require.Equal(t, x.allowed, d == evaluate.Allowed, "evaluator on encryption context %v", x.ec)
				if c.residual != nil {
					require.Equal(t, x.allowed, anyHolds(ans.Residual, &rx), "residual on encryption context %v", x.ec)
				}
			}
		})
	}
}

// A closed world for policy variables the evaluator implies: principals
// with and without a user name, conditions comparing the encryption
// context's Owner with variables, and encryption contexts meeting every
// value those variables take. Deciding every world request with the
// evaluator gives the answer Open must give.
var (
	varsWorldPrincipals = []string{varsUser, "arn:aws:iam::" + acct + ":user/division/alice", "arn:aws:sts::" + acct + ":assumed-role/app/bob",
		"arn:aws:iam::" + acct + ":root", "arn:aws:sts::" + acct + ":federated-user/bob"}
	varsWorldOps    = []string{"StringEquals", "StringNotEquals", "StringLike", "StringEqualsIgnoreCase", "StringNotEqualsIfExists", "StringNotLike"}
	varsWorldValues = []string{"${aws:username}", "${aws:PrincipalAccount}", "${aws:PrincipalTag/team}", "${aws:userid}", "bob",
		"${aws:username}-*", "${aws:username, 'shared'}"}
	varsWorldECs = []map[string]string{nil, {"Owner": "bob"}, {"Owner": "alice"}, {"Owner": acct}, {"Owner": "shared"}, {"Owner": "bob-x"},
		{"Owner": "BOB"}, {"owner": "bob"}, {"Owner": acct + ":bob"}, {"Other": "y"}, {"Owner": "blue"}}
)

func TestOpenPolicyVariablesAgreeWithTheEvaluatorOverAClosedWorld(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	var answered, indeterminate int
	for i := 0; i < 300; i++ {
		c := `{"` + pick(varsWorldOps) + `":{"kms:EncryptionContext:Owner":"` + pick(varsWorldValues) + `"}}`
		allow := docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(c)))
		if rng.Intn(3) == 0 {
			d := `{"` + pick(varsWorldOps) + `":{"kms:EncryptionContext:Owner":"` + pick(varsWorldValues) + `"}}`
			allow = docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(c)), stmt("Deny", act("kms:Decrypt"), res("*"), cond(d)))
		}
		p := evaluate.Policies{Identity: []*policy.Document{mustDoc(t, allow)}, Resource: mustDoc(t, openKeyPolicy())}
		if rng.Intn(2) == 0 {
			p.PrincipalTags = map[string]string{"team": "blue"}
		}
		principal := pick(varsWorldPrincipals)
		desc := fmt.Sprintf("case %d: %s, principal %s, tags %v", i, allow, principal, p.PrincipalTags)
		op, err := CompileOpen(p)
		require.NoError(t, err, desc)
		ev, err := evaluate.Compile(p)
		require.NoError(t, err, desc)
		r := evaluate.Request{Principal: principal, Action: "kms:Decrypt", Resource: openKey}
		ans, err := op.Decide(Question{Request: r})
		require.NoError(t, err, desc)
		var allowed, denied int
		for _, ec := range varsWorldECs {
			rx := r
			rx.EncryptionContext = ec
			d, err := ev.Decide(rx)
			require.NoError(t, err, desc)
			ok := d == evaluate.Allowed
			if ok {
				allowed++
			} else {
				denied++
			}
			if ans.Extent == Sometimes && ans.Residual != nil {
				require.Equal(t, ok, anyHolds(ans.Residual, &rx), "%s\nresidual %+v on %v", desc, ans.Residual, ec)
			}
		}
		switch ans.Extent {
		case Always:
			require.Zero(t, denied, "%s: Always, but the world has a denied request", desc)
		case Never:
			require.Zero(t, allowed, "%s: Never, but the world has an allowed request", desc)
		case Sometimes:
			for _, w := range []*evaluate.Request{ans.Allowed, ans.Denied} {
				d, err := ev.Decide(*w)
				require.NoError(t, err, desc)
				require.Equal(t, w == ans.Allowed, d == evaluate.Allowed, desc)
			}
		case Indeterminate:
			indeterminate++
			require.Equal(t, ReasonVariableAcrossKeys, ans.Reason, "%s: %s", desc, ans.Detail)
			continue
		}
		answered++
	}
	t.Logf("answered %d, indeterminate %d", answered, indeterminate)
	require.Greater(t, answered, 200, "most questions are answered")
}
