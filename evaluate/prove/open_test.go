package prove

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

const (
	openKey  = "arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	openRole = "arn:aws:iam::" + acct + ":role/app"
)

// openKeyPolicy is a key policy: the account's IAM policies decide, plus
// the given statements.
func openKeyPolicy(stmts ...string) string {
	return docOf(append([]string{stmt("Allow", `"Sid":"Account"`, prin(aws("arn:aws:iam::"+acct+":root")), act("kms:*"), res("*"))}, stmts...)...)
}

type openCase struct {
	name     string
	identity string // the role's identity policy ("" for none)
	key      string // the key policy
	grants   []evaluate.Grant
	facts    *evaluate.KeyFacts
	tags     map[string]string
	action   string
	context  evaluate.Context
	absent   []string
	free     []string
	opts     []Option
	want     Extent
	reason   Reason
	residual []policy.Condition
	freeKeys []string
}

func cnd(op, key string, vals ...string) policy.Condition {
	return policy.Condition{}.WithValues(op, key, policy.StringValues(vals...)...)
}

func openCases() []openCase {
	roleDecrypt := func(c string) string {
		if c == "" {
			return docOf(stmt("Allow", act("kms:Decrypt"), res("*")))
		}
		return docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(c)))
	}
	grant := func(c *evaluate.GrantConstraints) evaluate.Grant {
		return evaluate.Grant{KeyId: openKey, GrantId: "g1", GranteePrincipal: openRole, Operations: []string{"Decrypt"}, Constraints: c}
	}
	return []openCase{
		{name: "an unconditional Allow is allowed always", identity: roleDecrypt(""), key: openKeyPolicy(), want: Always},
		{name: "no Allow for the action is allowed never", identity: roleDecrypt(""), key: openKeyPolicy(), action: "kms:Encrypt", want: Never},
		{name: "an Allow on a source IP block is allowed sometimes, under that block",
			identity: roleDecrypt(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), key: openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("IpAddress", "aws:SourceIp", "10.0.0.0/8")}, freeKeys: []string{"aws:sourceip"}},
		{name: "a source IP the request fixes inside the block is allowed always",
			identity: roleDecrypt(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), key: openKeyPolicy(),
			context: evaluate.Context{"aws:SourceIp": {"10.1.2.3"}}, want: Always},
		{name: "a source IP the request fixes outside the block is allowed never",
			identity: roleDecrypt(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), key: openKeyPolicy(),
			context: evaluate.Context{"aws:SourceIp": {"192.0.2.1"}}, want: Never},
		{name: "a key policy Allow on kms:ViaService gives its condition as the residual",
			key:  openKeyPolicy(stmt("Allow", prin(aws(openRole)), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`))),
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com")}},
		{name: "a Deny unless TLS gives the Deny's negation as the residual",
			identity: docOf(stmt("Allow", act("kms:Decrypt"), res("*")), stmt("Deny", act("*"), res("*"), cond(`{"Bool":{"aws:SecureTransport":"false"}}`))),
			key:      openKeyPolicy(),
			want:     Sometimes, residual: []policy.Condition{cnd("BoolIfExists", "aws:SecureTransport", "true")}},
		{name: "an Allow on a source VPC endpoint with a Deny outside working hours conjoins both",
			identity: docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"aws:SourceVpce":"vpce-1"}}`)),
				stmt("Deny", act("kms:*"), res("*"), cond(`{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}`))),
			key:  openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "aws:SourceVpce", "vpce-1").WithValues("NumericLessThanEqualsIfExists", "aws:MultiFactorAuthAge", policy.StringValues("3600")...)}},
		{name: "a numeric bound is exact at its value",
			identity: roleDecrypt(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`), key: openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("NumericLessThan", "aws:MultiFactorAuthAge", "3600")}},
		{name: "a condition on a key the action never carries is allowed never",
			identity: roleDecrypt(`{"ForAnyValue:StringEquals":{"kms:GrantOperations":"Decrypt"}}`), key: openKeyPolicy(), want: Never},
		{name: "without the catalog that key may be carried, so sometimes",
			identity: roleDecrypt(`{"ForAnyValue:StringEquals":{"kms:GrantOperations":"Decrypt"}}`), key: openKeyPolicy(), opts: []Option{WithoutCatalog()},
			want: Sometimes, residual: []policy.Condition{cnd("ForAnyValue:StringEquals", "kms:GrantOperations", "Decrypt")}},
		{name: "a grant with an encryption context subset is allowed sometimes, under its pairs",
			key: openKeyPolicy(), grants: []evaluate.Grant{grant(&evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"Dept": "IT"}})},
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Dept", "IT")}, freeKeys: []string{"kms:encryptioncontext:"}},
		{name: "a grant requiring exactly its encryption context refuses one more pair",
			key: openKeyPolicy(), grants: []evaluate.Grant{grant(&evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"Dept": "IT"}})},
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "kms:EncryptionContext:Dept", "IT").WithValues("ForAllValues:StringEqualsIgnoreCase", "kms:EncryptionContextKeys", policy.StringValues("Dept")...)}},
		{name: "a grant whose encryption context the request fixes is allowed always",
			key: openKeyPolicy(), grants: []evaluate.Grant{grant(&evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"Dept": "IT"}})},
			context: nil, want: Always},
		{name: "a grant without constraints is allowed always",
			key: openKeyPolicy(), grants: []evaluate.Grant{grant(nil)}, want: Always},
		{name: "a grant for another operation is allowed never",
			key: openKeyPolicy(), grants: []evaluate.Grant{grant(nil)}, action: "kms:Encrypt", want: Never},
		{name: "a key policy condition on the encryption context keys is allowed sometimes",
			key:  openKeyPolicy(stmt("Allow", prin(aws(openRole)), act("kms:Decrypt"), res("*"), cond(`{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":"Dept"}}`))),
			want: Sometimes, residual: []policy.Condition{cnd("ForAllValues:StringEquals", "kms:EncryptionContextKeys", "Dept")}},
		{name: "key facts that meet the condition are allowed always",
			identity: roleDecrypt(`{"StringEquals":{"kms:KeyOrigin":"AWS_KMS"}}`), key: openKeyPolicy(),
			facts: &evaluate.KeyFacts{Arn: openKey, Origin: "AWS_KMS"}, want: Always},
		{name: "key facts that fail the condition are allowed never",
			identity: roleDecrypt(`{"StringEquals":{"kms:KeyOrigin":"AWS_KMS"}}`), key: openKeyPolicy(),
			facts: &evaluate.KeyFacts{Arn: openKey, Origin: "EXTERNAL"}, want: Never},
		{name: "without key facts the key origin is free",
			identity: roleDecrypt(`{"StringEquals":{"kms:KeyOrigin":"AWS_KMS"}}`), key: openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "kms:KeyOrigin", "AWS_KMS")}},
		{name: "principal tags that meet the condition are allowed always",
			identity: roleDecrypt(`{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`), key: openKeyPolicy(),
			tags: map[string]string{"team": "blue"}, want: Always},
		{name: "known principal tags without the tag are allowed never",
			identity: roleDecrypt(`{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`), key: openKeyPolicy(),
			tags: map[string]string{}, want: Never},
		{name: "unknown principal tags are free",
			identity: roleDecrypt(`{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`), key: openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "aws:PrincipalTag/team", "blue")}},
		{name: "a key the question fixes as absent is allowed never",
			identity: roleDecrypt(`{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}`), key: openKeyPolicy(),
			absent: []string{"aws:PrincipalOrgID"}, want: Never},
		{name: "an implied key the question frees is allowed sometimes",
			key:  openKeyPolicy(stmt("Allow", prin(aws("*")), act("kms:Decrypt"), res("*"), cond(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::`+acct+`:role/admin-*"}}`))),
			free: []string{"aws:PrincipalArn"}, want: Sometimes,
			residual: []policy.Condition{cnd("ArnLike", "aws:PrincipalArn", "arn:aws:iam::"+acct+":role/admin-*")}},
		{name: "an implied key is fixed otherwise",
			key:  openKeyPolicy(stmt("Allow", prin(aws("*")), act("kms:Decrypt"), res("*"), cond(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::`+acct+`:role/admin-*"}}`))),
			want: Never},
		{name: "a StringLike pattern is decided by its language",
			identity: roleDecrypt(`{"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}`), key: openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("StringLike", "kms:ViaService", "s3.*.amazonaws.com")}},
		{name: "two Allows give two residual conditions",
			identity: docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`)),
				stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`))),
			key:  openKeyPolicy(),
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com"), cnd("IpAddress", "aws:SourceIp", "10.0.0.0/8")}},
		{name: "a condition comparing a free key with an unknown variable is indeterminate",
			identity: roleDecrypt(`{"StringEquals":{"aws:SourceVpce":"${aws:SourceVpc}"}}`), key: openKeyPolicy(),
			want: Indeterminate, reason: ReasonVariableAcrossKeys},
		{name: "a condition comparing a free key with a fixed variable is decided",
			identity: roleDecrypt(`{"StringEquals":{"aws:SourceVpce":"${aws:SourceVpc}"}}`), key: openKeyPolicy(),
			context: evaluate.Context{"aws:SourceVpc": {"vpc-1"}},
			want:    Sometimes, residual: []policy.Condition{cnd("StringEquals", "aws:SourceVpce", "vpc-1")}},
		{name: "request tags and their names are one map: a tag condition with a names condition",
			identity: docOf(stmt("Allow", act("kms:TagResource"), res("*"), cond(`{"StringEquals":{"aws:RequestTag/env":"prod"},"ForAllValues:StringEquals":{"aws:TagKeys":"env"}}`))),
			key:      openKeyPolicy(), action: "kms:TagResource", freeKeys: []string{"aws:requesttag/"},
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "aws:RequestTag/env", "prod").WithValues("ForAllValues:StringEquals", "aws:TagKeys", policy.StringValues("env")...)}},
		{name: "a Deny on a tag name is avoided only by requests without that tag",
			identity: docOf(stmt("Allow", act("kms:TagResource"), res("*")), stmt("Deny", act("kms:TagResource"), res("*"), cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}`))),
			key:      openKeyPolicy(), action: "kms:TagResource",
			want: Sometimes, residual: []policy.Condition{cnd("ForAllValues:StringNotEquals", "aws:TagKeys", "owner")}},
		{name: "an untag request carries no request tags, so a request-tag Allow never applies",
			identity: docOf(stmt("Allow", act("kms:UntagResource"), res("*"), cond(`{"StringEquals":{"aws:RequestTag/owner":"x"}}`))),
			key:      openKeyPolicy(), action: "kms:UntagResource", want: Never},
		{name: "an untag request carries the tag names it removes",
			identity: docOf(stmt("Allow", act("kms:UntagResource"), res("*"), cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":"owner"}}`))),
			key:      openKeyPolicy(), action: "kms:UntagResource",
			want: Sometimes, residual: []policy.Condition{cnd("ForAllValues:StringEquals", "aws:TagKeys", "owner")}},
		{name: "an action the catalog does not list may carry request tags",
			identity: docOf(stmt("Allow", act("kms:Future*"), res("*"), cond(`{"StringEquals":{"aws:RequestTag/owner":"x"}}`))),
			key:      openKeyPolicy(), action: "kms:FutureUntag",
			want: Sometimes, residual: []policy.Condition{cnd("StringEquals", "aws:RequestTag/owner", "x")}},
		{name: "a budget smaller than the classes is indeterminate",
			identity: roleDecrypt(`{"StringEquals":{"aws:SourceVpce":["a","b","c"],"kms:ViaService":["a","b","c"]}}`), key: openKeyPolicy(),
			context: evaluate.Context{"aws:SourceVpc": {"vpc-1"}}, opts: []Option{Budget(3)},
			want: Indeterminate, reason: ReasonBudgetExceeded},
	}
}

func TestOpenAnswersWithKnownExtents(t *testing.T) {
	for _, c := range openCases() {
		t.Run(c.name, func(t *testing.T) {
			p := evaluate.Policies{Resource: mustDoc(t, c.key), Grants: c.grants, Key: c.facts, PrincipalTags: c.tags}
			if c.identity != "" {
				p.Identity = []*policy.Document{mustDoc(t, c.identity)}
			}
			op, err := CompileOpen(p, c.opts...)
			require.NoError(t, err)
			action := c.action
			if action == "" {
				action = "kms:Decrypt"
			}
			r := evaluate.Request{Principal: openRole, Action: action, Resource: openKey, Context: c.context}
			if c.name == "a grant whose encryption context the request fixes is allowed always" {
				r.EncryptionContext = map[string]string{"dept": "IT"}
			}
			ans, err := op.Decide(Question{Request: r, Absent: c.absent, Free: c.free})
			require.NoError(t, err)
			require.Equal(t, c.want, ans.Extent, "detail: %s", ans.Detail)
			require.Equal(t, c.reason, ans.Reason)
			if c.residual != nil || c.want == Sometimes {
				require.Empty(t, cmp.Diff(c.residual, ans.Residual), "residual")
			}
			if c.freeKeys != nil {
				require.Equal(t, c.freeKeys, ans.FreeKeys)
			}
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			// Every witness is the evaluator's, and differs from the
			// question only in free keys.
			for _, w := range []struct {
				r       *evaluate.Request
				allowed bool
				want    bool
			}{{ans.Allowed, true, c.want == Always || c.want == Sometimes}, {ans.Denied, false, c.want == Never || c.want == Sometimes}} {
				if !w.want {
					require.Nil(t, w.r)
					continue
				}
				require.NotNil(t, w.r)
				require.Equal(t, r.Principal, w.r.Principal)
				require.Equal(t, r.Action, w.r.Action)
				require.Equal(t, r.Resource, w.r.Resource)
				for k, v := range r.Context {
					require.Equal(t, v, w.r.Context[k])
				}
				requireTagsAgree(t, w.r.Action, w.r.Context)
				d, err := ev.Decide(*w.r)
				require.NoError(t, err)
				require.Equal(t, w.allowed, d == evaluate.Allowed)
				if len(ans.Residual) > 0 {
					require.Equal(t, w.allowed, anyHolds(ans.Residual, w.r), "the residual holds exactly on the allowed witness")
				}
			}
		})
	}
}

// requireTagsAgree checks that a witness's aws:TagKeys lists exactly the
// names of its aws:RequestTag/<name> keys, as every real request does; for
// an action that carries aws:TagKeys and no request tags
// (kms:UntagResource), that it gives no aws:RequestTag/<name>.
func requireTagsAgree(t *testing.T, action string, ctx evaluate.Context) {
	t.Helper()
	var names []string
	for k := range ctx {
		if n, ok := strings.CutPrefix(k, "aws:RequestTag/"); ok {
			names = append(names, n)
		}
	}
	if a, ok := catalog.Default().Action(action); ok && !carriesTagKey(a, "aws:RequestTag/x") {
		require.Empty(t, names, "%s carries no request tags", action)
		return
	}
	sort.Strings(names)
	got := append([]string(nil), ctx["aws:TagKeys"]...)
	sort.Strings(got)
	require.Equal(t, len(names), len(got), "aws:TagKeys %v for tags %v", got, names)
	for i := range names {
		require.Equal(t, names[i], got[i])
	}
}

func anyHolds(cs []policy.Condition, r *evaluate.Request) bool {
	for _, c := range cs {
		if holdsAll(readCondition(c), givenIn(r)) {
			return true
		}
	}
	return false
}

// A key policy names many principals, each with its own conditions: only
// the statements that may name the request's principal make free keys, so
// the question stays small.
func TestOpenIgnoresStatementsForOtherPrincipals(t *testing.T) {
	stmts := []string{stmt("Allow", prin(aws(openRole)), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`))}
	keys := []string{"aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:SecureTransport", "aws:MultiFactorAuthAge", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:ViaAWSService"}
	for i, k := range keys {
		who := []string{"arn:aws:iam::" + acct + ":role/other" + itoa(i), "arn:aws:iam::" + other + ":root", "arn:aws:iam::" + acct + ":user/app",
			"arn:aws:sts::" + acct + ":assumed-role/app/someone"}[i%4]
		stmts = append(stmts, stmt("Allow", prin(aws(who)), act("kms:Decrypt"), res("*"), cond(`{"Null":{"`+k+`":"false"}}`)))
	}
	op, err := CompileOpen(evaluate.Policies{Resource: mustDoc(t, docOf(stmts...))}, Budget(64))
	require.NoError(t, err)
	ans, err := op.Decide(Question{Request: evaluate.Request{Principal: openRole, Action: "kms:Decrypt", Resource: openKey}})
	require.NoError(t, err)
	require.Equal(t, Sometimes, ans.Extent, ans.Detail)
	require.Equal(t, []string{"kms:viaservice"}, ans.FreeKeys)
	require.Empty(t, cmp.Diff([]policy.Condition{cnd("StringEquals", "kms:ViaService", "s3.us-east-1.amazonaws.com")}, ans.Residual))

	t.Run("a session of the role is named by the role's statements", func(t *testing.T) {
		ans, err := op.Decide(Question{Request: evaluate.Request{Principal: "arn:aws:sts::" + acct + ":assumed-role/app/someone", Action: "kms:Decrypt", Resource: openKey}})
		require.NoError(t, err)
		require.Equal(t, []string{"aws:securetransport", "aws:viaawsservice", "kms:viaservice"}, ans.FreeKeys, "the session's own statements and its role's")
	})
}

func TestOpenRefusesWhatTheEvaluatorRefuses(t *testing.T) {
	t.Run("policies the evaluator refuses are an input error", func(t *testing.T) {
		_, err := CompileOpen(evaluate.Policies{Identity: []*policy.Document{{Statement: []policy.Statement{{Effect: policy.Allow, Action: policy.List("kms: Decrypt"), Resource: policy.List("*")}}}}})
		require.ErrorIs(t, err, ErrInput)
	})
	t.Run("a request the evaluator refuses is an input error", func(t *testing.T) {
		op, err := CompileOpen(evaluate.Policies{Resource: mustDoc(t, openKeyPolicy())})
		require.NoError(t, err)
		_, err = op.Decide(Question{Request: evaluate.Request{Principal: openRole, Action: "kms:Decrypt", Resource: openKey,
			Context: evaluate.Context{"aws:SourceIp": {"1.1.1.1"}, "AWS:SOURCEIP": {"1.1.1.2"}}}})
		require.ErrorIs(t, err, ErrInput)
	})
}
