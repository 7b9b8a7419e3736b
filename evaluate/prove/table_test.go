package prove

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// stmt writes one statement: effect, then the Action, Resource and
// optional Principal and Condition JSON members.
func stmt(effect string, members ...string) string {
	return `{"Effect":"` + effect + `",` + strings.Join(members, ",") + `}`
}

func act(a ...string) string    { return `"Action":` + jsonList(a) }
func notAct(a ...string) string { return `"NotAction":` + jsonList(a) }
func res(r ...string) string    { return `"Resource":` + jsonList(r) }
func notRes(r ...string) string { return `"NotResource":` + jsonList(r) }
func prin(p string) string      { return `"Principal":` + p }
func notPrin(p string) string   { return `"NotPrincipal":` + p }
func cond(c string) string      { return `"Condition":` + c }
func aws(arns ...string) string { return `{"AWS":` + jsonList(arns) + `}` }
func svcPrin(s string) string   { return `{"Service":"` + s + `"}` }
func fedPrin(s string) string   { return `{"Federated":"` + s + `"}` }
func docOf(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

func jsonList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = `"` + s + `"`
	}
	return "[" + strings.Join(q, ",") + "]"
}

const (
	acct  = "111122223333"
	other = "444455556666"
	keyA  = "arn:aws:kms:us-east-1:" + acct + ":key/*"
)

var (
	allowAllKMS   = stmt("Allow", act("kms:*"), res("*"))
	rootOfAccount = prin(aws("arn:aws:iam::" + acct + ":root"))
)

// tcase is one question with its known answer.
type tcase struct {
	name     string
	q        string // "new", "not", "ext"
	kind     Kind
	old, doc string
	actions  []string
	res      []string
	account  string
	want     Verdict
	reason   Reason
	opts     []Option
	// check, when set, is asked of a Refuted witness.
	check func(t *testing.T, w evaluate.Request)
}

func (c tcase) run(t *testing.T) Result {
	d := mustDoc(t, c.doc)
	var r Result
	var err error
	switch c.q {
	case "new":
		r, err = NoNewAccess(c.kind, mustDoc(t, c.old), d, c.opts...)
	case "not":
		r, err = AccessNotGranted(c.kind, d, c.actions, c.res, c.opts...)
	case "ext":
		r, err = NoExternalAccess(c.kind, d, c.account, c.opts...)
	}
	require.NoError(t, err)
	require.Equal(t, c.want.String(), r.Verdict.String(), "reason %s: %s", r.Reason, r.Detail)
	if c.reason != "" {
		require.Equal(t, c.reason, r.Reason, r.Detail)
	}
	if r.Verdict == Refuted {
		require.NotNil(t, r.Witness)
		w := *r.Witness
		// The witness is re-decided here, outside the prover.
		ev := compiled(t, frameOf(c.kind, d))
		require.True(t, allowedBy(t, ev, w), "the witness %+v is not allowed by the document", w)
		switch c.q {
		case "new":
			require.False(t, allowedBy(t, compiled(t, frameOf(c.kind, mustDoc(t, c.old))), w), "the witness %+v is allowed by the old document", w)
		case "not":
			if len(c.actions) > 0 {
				require.True(t, anyGlob(c.actions, w.Action, true), "the witness action %s is not one asked about", w.Action)
			}
			if len(c.res) > 0 {
				require.True(t, anyGlob(c.res, w.Resource, false), "the witness resource %s is not one asked about", w.Resource)
			}
		case "ext":
			require.False(t, strings.Contains(w.Principal, ":"+c.account+":"), "the witness principal %s is in the account", w.Principal)
		}
		if c.check != nil {
			c.check(t, w)
		}
	}
	return r
}

func identityCases() []tcase {
	kmsDecrypt := docOf(stmt("Allow", act("kms:Decrypt"), res(keyA)))
	return []tcase{
		// Actions.
		{name: "a document grants nothing new over itself", q: "new", kind: Identity, old: kmsDecrypt, doc: kmsDecrypt, want: Proved},
		{name: "kms:* grants more than kms:Decrypt", q: "new", kind: Identity, old: kmsDecrypt, doc: docOf(stmt("Allow", act("kms:*"), res(keyA))), want: Refuted},
		{name: "kms:Decrypt grants nothing kms:* does not", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:*"), res(keyA))), doc: kmsDecrypt, want: Proved},
		{name: "a literal action is within a prefix pattern", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:De*"), res(keyA))), doc: kmsDecrypt, want: Proved},
		{name: "a prefix pattern is wider than one of its actions", q: "new", kind: Identity, old: kmsDecrypt, doc: docOf(stmt("Allow", act("kms:De*"), res(keyA))), want: Refuted},
		{name: "action names compare ignoring case", q: "new", kind: Identity, old: docOf(stmt("Allow", act("KMS:DECRYPT"), res(keyA))), doc: kmsDecrypt, want: Proved},
		{name: "a question mark matches one character of an action", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:?ncrypt"), res(keyA))), doc: docOf(stmt("Allow", act("kms:Encrypt"), res(keyA))), want: Proved},
		{name: "a pattern covers actions the catalog does not list yet", q: "new", kind: Identity, old: kmsDecrypt, doc: docOf(stmt("Allow", act("kms:Decrypt*"), res(keyA))), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.True(t, strings.HasPrefix(strings.ToLower(w.Action), "kms:decrypt") && !strings.EqualFold(w.Action, "kms:Decrypt"), w.Action)
			}},
		{name: "NotAction allows every other action", q: "new", kind: Identity, old: docOf(stmt("Allow", notAct("iam:*"), res("*"))), doc: docOf(stmt("Allow", act("s3:*"), res("*"))), want: Proved},
		{name: "NotAction does not allow the actions it lists", q: "new", kind: Identity, old: docOf(stmt("Allow", notAct("iam:*"), res("*"))), doc: docOf(stmt("Allow", act("iam:PassRole"), res("*"))), want: Refuted},
		{name: "Action * covers every service, listed or not", q: "new", kind: Identity, old: docOf(stmt("Allow", act("*"), res("*"))), doc: docOf(stmt("Allow", act("zzsvc:Do", "s3:*"), res("*"))), want: Proved},
		{name: "a service wildcard covers the service's unlisted actions", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:*"), res("*"))), doc: docOf(stmt("Allow", act("kms:ZzFuture"), res("*"))), want: Proved},
		{name: "an unlisted action is not within a list of listed ones", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:Decrypt", "kms:Encrypt"), res("*"))), doc: docOf(stmt("Allow", act("kms:ZzFuture"), res("*"))), want: Refuted},

		// Resources.
		{name: "a resource pattern covers a narrower one", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/x/*"))), want: Proved},
		{name: "a wider resource pattern grants more", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/x/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/*"))), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.False(t, strings.HasPrefix(w.Resource, "arn:aws:s3:::b/x/"), w.Resource)
			}},
		{name: "resource names are case-sensitive", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::B/*"))), want: Refuted},
		{name: "a resource question mark matches one character", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b?/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b1/*", "arn:aws:s3:::b2/x"))), want: Proved},
		{name: "a question mark does not match two characters", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b?/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b12/*"))), want: Refuted},
		{name: "NotResource excludes what it lists", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), notRes("arn:aws:s3:::secret/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::public/*"))), want: Proved},
		{name: "NotResource does not cover the resources it lists", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), notRes("arn:aws:s3:::secret/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::secret/a"))), want: Refuted},
		{name: "a star in a resource crosses colons", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:*"))), doc: docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:us-east-1:"+acct+":key/k"))), want: Proved},
		{name: "a wildcard-only action is never granted on an ARN", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("s3:*"), res("arn:aws:s3:::data/*"))), actions: []string{"s3:ListAllMyBuckets"}, want: Proved},
		{name: "an action with resource types is granted on its resources", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("s3:*"), res("arn:aws:s3:::data/*"))), actions: []string{"s3:GetObject"}, want: Refuted},
		{name: "kms:Decrypt on any resource is kms:Decrypt on keys", q: "new", kind: Identity, old: docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:*:*:key/*"))), doc: docOf(stmt("Allow", act("kms:Decrypt"), res("*"))), want: Proved},
		{name: "s3:GetObject on any resource includes access point objects", q: "new", kind: Identity, old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::*/*"))), doc: docOf(stmt("Allow", act("s3:GetObject"), res("*"))), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.Contains(t, w.Resource, ":accesspoint/") }},
		{name: "without the catalog any resource counts", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("s3:*"), res("arn:aws:s3:::data/*"))), actions: []string{"s3:ListAllMyBuckets"}, opts: []Option{WithoutCatalog()}, want: Refuted},
		{name: "a resource question restricts the resources", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::public/*"))), actions: []string{"s3:GetObject"}, res: []string{"arn:aws:s3:::secret/*"}, want: Proved},
		{name: "a resource question finds its resources", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::*"))), res: []string{"arn:aws:s3:::secret/*"}, want: Refuted},

		// Deny.
		{name: "a Deny added grants nothing new", q: "new", kind: Identity, old: docOf(allowAllKMS), doc: docOf(allowAllKMS, stmt("Deny", act("kms:ScheduleKeyDeletion"), res("*"))), want: Proved},
		{name: "a Deny removed grants again", q: "new", kind: Identity, old: docOf(allowAllKMS, stmt("Deny", act("kms:ScheduleKeyDeletion"), res("*"))), doc: docOf(allowAllKMS), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.True(t, strings.EqualFold(w.Action, "kms:ScheduleKeyDeletion"))
			}},
		{name: "a Deny with NotAction keeps only the listed actions", q: "not", kind: Identity, doc: docOf(allowAllKMS, stmt("Deny", notAct("kms:Decrypt"), res("*"))), actions: []string{"kms:Encrypt"}, want: Proved},
		{name: "a Deny that needs a condition leaves the other requests", q: "not", kind: Identity, doc: docOf(allowAllKMS, stmt("Deny", act("kms:*"), res("*"), cond(`{"Bool":{"aws:SecureTransport":"false"}}`))), actions: []string{"kms:Decrypt"}, want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.NotEqual(t, []string{"false"}, w.Context["aws:SecureTransport"])
			}},
		{name: "a Deny on a key the action never carries never applies", q: "not", kind: Identity, doc: docOf(allowAllKMS, stmt("Deny", act("kms:*"), res("*"), cond(`{"Null":{"s3:prefix":"true"}}`))), actions: []string{"kms:Decrypt"}, want: Proved},
	}
}

func conditionCases() []tcase {
	base := func(c string) string { return docOf(stmt("Allow", act("kms:Decrypt"), res(keyA), cond(c))) }
	tag := func(op, v string) string { return base(`{"` + op + `":{"aws:PrincipalTag/team":` + v + `}}`) }
	return []tcase{
		{name: "StringEquals with one more value grants more", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: tag("StringEquals", `["a","b"]`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.Equal(t, []string{"b"}, w.Context["aws:PrincipalTag/team"])
			}},
		{name: "StringEquals with one value fewer grants nothing new", q: "new", kind: Identity, old: tag("StringEquals", `["a","b"]`), doc: tag("StringEquals", `"a"`), want: Proved},
		{name: "StringLike covers the values it matches", q: "new", kind: Identity, old: tag("StringLike", `"a*"`), doc: tag("StringEquals", `["a","ab"]`), want: Proved},
		{name: "StringLike is wider than one of its values", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: tag("StringLike", `"a*"`), want: Refuted},
		{name: "StringEqualsIgnoreCase covers every case", q: "new", kind: Identity, old: tag("StringEqualsIgnoreCase", `"abc"`), doc: tag("StringEquals", `["ABC","aBc"]`), want: Proved},
		{name: "StringEqualsIgnoreCase is wider than StringEquals", q: "new", kind: Identity, old: tag("StringEquals", `"abc"`), doc: tag("StringEqualsIgnoreCase", `"abc"`), want: Refuted},
		{name: "StringEqualsIgnoreCase folds the Kelvin sign as strings.EqualFold does", q: "new", kind: Identity, old: tag("StringEquals", `["k","K"]`), doc: tag("StringEqualsIgnoreCase", `"k"`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.Equal(t, []string{"\u212a"}, w.Context["aws:PrincipalTag/team"])
			}},
		{name: "StringNotEquals holds for a missing key", q: "not", kind: Identity, doc: tag("StringNotEquals", `"a"`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.NotEqual(t, []string{"a"}, w.Context["aws:PrincipalTag/team"])
			}},
		{name: "StringEqualsIfExists holds for a missing key", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: tag("StringEqualsIfExists", `"a"`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.NotContains(t, w.Context, "aws:PrincipalTag/team") }},
		{name: "StringEquals is within StringEqualsIfExists", q: "new", kind: Identity, old: tag("StringEqualsIfExists", `"a"`), doc: tag("StringEquals", `"a"`), want: Proved},
		{name: "Null true allows only without the key", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: base(`{"Null":{"aws:PrincipalTag/team":"true"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.Empty(t, w.Context["aws:PrincipalTag/team"]) }},
		{name: "Null false and StringEquals together are StringEquals", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: base(`{"Null":{"aws:PrincipalTag/team":"false"},"StringEquals":{"aws:PrincipalTag/team":"a"}}`), want: Proved},
		{name: "a key with an empty value counts as null", q: "new", kind: Identity, old: base(`{"Null":{"aws:PrincipalTag/team":"true"}}`), doc: tag("StringEquals", `""`), want: Proved},
		{name: "ForAllValues holds for an empty set", q: "not", kind: Identity, doc: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}`))), want: Refuted},
		{name: "ForAllValues with a Null guard needs the key", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"a"}}`))),
			doc: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":"a"},"Null":{"aws:TagKeys":"false"}}`))), want: Proved},
		{name: "ForAnyValue needs one value in the set", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`))),
			doc: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"a"}}`))), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.Greater(t, len(w.Context["aws:TagKeys"]), 1) }},
		{name: "ForAllValues:StringNotEquals forbids the values", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"x"}}`))),
			doc: docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"ForAllValues:StringNotEquals":{"aws:TagKeys":"a"},"Null":{"aws:TagKeys":"false"}}`))), want: Refuted},
		{name: "ArnLike compares part by part", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("sqs:SendMessage"), res("*"), cond(`{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:`+acct+`:*"}}`))),
			doc: docOf(stmt("Allow", act("sqs:SendMessage"), res("*"), cond(`{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:`+acct+`:topic"}}`))), want: Proved},
		{name: "ArnLike does not let a star cross a colon", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("sqs:SendMessage"), res("*"), cond(`{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:`+acct+`:*"}}`))),
			doc: docOf(stmt("Allow", act("sqs:SendMessage"), res("*"), cond(`{"StringLike":{"aws:SourceArn":"arn:aws:sns:*:`+acct+`:*"}}`))), want: Refuted},
		{name: "BinaryEquals compares the text", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("kms:Decrypt"), res(keyA), cond(`{"BinaryEquals":{"kms:ViaService":"QUJD"}}`))),
			doc: docOf(stmt("Allow", act("kms:Decrypt"), res(keyA), cond(`{"BinaryEquals":{"kms:ViaService":["QUJD","REVG"]}}`))), want: Refuted},
		{name: "Bool true is within BoolIfExists true", q: "new", kind: Identity, old: base(`{"BoolIfExists":{"aws:SecureTransport":"true"}}`), doc: base(`{"Bool":{"aws:SecureTransport":"true"}}`), want: Proved},
		{name: "BoolIfExists allows a request without the key", q: "new", kind: Identity, old: base(`{"Bool":{"aws:SecureTransport":"true"}}`), doc: base(`{"BoolIfExists":{"aws:SecureTransport":"true"}}`), want: Refuted},
		{name: "a stricter NumericLessThan grants nothing new", q: "new", kind: Identity, old: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`), doc: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"600"}}`), want: Proved},
		{name: "a looser NumericLessThan grants more", q: "new", kind: Identity, old: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"600"}}`), doc: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"600.5"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.Len(t, w.Context["aws:MultiFactorAuthAge"], 1) }},
		{name: "NumericLessThanEquals includes the bound", q: "new", kind: Identity, old: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"600"}}`), doc: base(`{"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"600"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.Equal(t, []string{"600"}, w.Context["aws:MultiFactorAuthAge"])
			}},
		{name: "NumericEquals on equal numbers written apart", q: "new", kind: Identity, old: base(`{"NumericEquals":{"aws:MultiFactorAuthAge":"60"}}`), doc: base(`{"NumericEquals":{"aws:MultiFactorAuthAge":"60.00"}}`), want: Proved},
		{name: "an earlier DateLessThan grants nothing new", q: "new", kind: Identity, old: base(`{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`), doc: base(`{"DateLessThan":{"aws:CurrentTime":"2029-12-31T23:59:59Z"}}`), want: Proved},
		{name: "a later DateLessThan grants more", q: "new", kind: Identity, old: base(`{"DateLessThan":{"aws:CurrentTime":"2029-12-31T23:59:59Z"}}`), doc: base(`{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`), want: Refuted},
		{name: "a date in another zone is the same instant", q: "new", kind: Identity, old: base(`{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`), doc: base(`{"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T01:00:00+01:00"}}`), want: Proved},
		{name: "an ambiguous year grants only where both readings agree", q: "new", kind: Identity, old: base(`{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`), doc: base(`{"DateGreaterThan":{"aws:CurrentTime":"2020"}}`), want: Proved},
		{name: "an IP block within another grants nothing new", q: "new", kind: Identity, old: base(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), doc: base(`{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}`), want: Proved},
		{name: "a wider IP block grants more", q: "new", kind: Identity, old: base(`{"IpAddress":{"aws:SourceIp":"10.1.0.0/16"}}`), doc: base(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.NotContains(t, w.Context["aws:SourceIp"][0], "10.1.") }},
		{name: "NotIpAddress of a block is wider than a block outside it", q: "new", kind: Identity, old: base(`{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`), doc: base(`{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`), want: Refuted},
		{name: "IPv6 blocks are blocks too", q: "new", kind: Identity, old: base(`{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`), doc: base(`{"IpAddress":{"aws:SourceIp":"2001:db8:1::/48"}}`), want: Proved},
		{name: "an unreadable number never lets an Allow apply", q: "not", kind: Identity, doc: base(`{"NumericLessThan":{"aws:MultiFactorAuthAge":"ten"}}`), want: Proved},
		{name: "a key of mixed operator families is not supported", q: "not", kind: Identity, doc: base(`{"StringLike":{"aws:CurrentTime":"2020-*"},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`), want: Unknown, reason: ReasonUnsupported},
		{name: "conditions on keys the action never carries never hold", q: "not", kind: Identity, doc: base(`{"StringEquals":{"s3:prefix":"a"}}`), want: Proved},
		{name: "IfExists on a key the action never carries always holds", q: "not", kind: Identity, doc: base(`{"StringEqualsIfExists":{"s3:prefix":"a"}}`), want: Refuted},
		{name: "condition keys compare ignoring case", q: "new", kind: Identity, old: tag("StringEquals", `"a"`), doc: base(`{"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"a"}}`), want: Proved},
	}
}

func impliedCases() []tcase {
	base := func(c string) string { return docOf(stmt("Allow", act("kms:Decrypt"), res(keyA), cond(c))) }
	return []tcase{
		{name: "aws:PrincipalArn is the caller's ARN", q: "new", kind: Identity, old: base(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`), doc: base(`{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::` + acct + `:role/admin"}}`), want: Proved},
		{name: "aws:PrincipalArn of a session is its role's ARN", q: "not", kind: Identity, doc: base(`{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::` + acct + `:role/admin"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.True(t, w.Principal == "arn:aws:iam::"+acct+":role/admin" || strings.HasPrefix(w.Principal, "arn:aws:sts::"+acct+":assumed-role/admin/"), w.Principal)
			}},
		{name: "aws:PrincipalArn is never given in the context", q: "not", kind: Identity, doc: base(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::` + acct + `:user/nobody"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.Equal(t, "arn:aws:iam::"+acct+":user/nobody", w.Principal)
				// Only the user's unique ID, which AWS sends and the
				// evaluator does not imply.
				require.Equal(t, evaluate.Context{"aws:userid": {exampleUserID}}, w.Context)
			}},
		{name: "aws:username exists for IAM users only", q: "not", kind: Identity, doc: base(`{"StringEquals":{"aws:username":"alice"}}`), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) {
				require.True(t, strings.HasSuffix(w.Principal, ":user/alice"), w.Principal)
			}},
		{name: "aws:username is the last path segment", q: "new", kind: Identity, old: base(`{"StringEquals":{"aws:username":"alice"}}`), doc: base(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*/alice"}}`), want: Proved},
		{name: "aws:PrincipalAccount is the caller's account", q: "new", kind: Identity, old: base(`{"StringEquals":{"aws:PrincipalAccount":"` + acct + `"}}`), doc: base(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::` + acct + `:*"}}`), want: Proved},
		{name: "kms:CallerAccount is the caller's account for kms actions", q: "new", kind: Identity, old: base(`{"StringEquals":{"aws:PrincipalAccount":"` + acct + `"}}`), doc: base(`{"StringEquals":{"kms:CallerAccount":"` + acct + `"}}`), want: Proved},
		{name: "aws:PrincipalType of a role session is AssumedRole", q: "new", kind: Identity, old: base(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`), doc: base(`{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}`), want: Proved},
		{name: "aws:PrincipalType of an IAM user is User", q: "new", kind: Identity, old: base(`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"}}`), doc: base(`{"StringEquals":{"aws:PrincipalType":"User"}}`), want: Refuted},
		{name: "aws:userid of a role is a free key", q: "not", kind: Identity, doc: base(`{"StringLike":{"aws:userid":"AROA*"}}`), want: Refuted},
		{name: "an account pattern that tells unnamed accounts apart is not proved", q: "not", kind: Identity, doc: base(`{"StringLike":{"aws:PrincipalAccount":"9999*"}}`), want: Unknown, reason: ReasonUnmodelledKeyRelation},
		{name: "${aws:PrincipalAccount} in a resource is the caller's account", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::logs-${aws:PrincipalAccount}/*"))),
			doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::logs-"+acct+"/*"), cond(`{"StringEquals":{"aws:PrincipalAccount":"`+acct+`"}}`))), want: Proved},
		{name: "${aws:PrincipalAccount} in a resource is not another account", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::logs-${aws:PrincipalAccount}/*"))),
			doc: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::logs-"+acct+"/*"))), want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.NotContains(t, w.Principal, acct) }},
		{name: "a Resource with ${aws:username} grants nothing new over itself", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/${aws:username}"))),
			doc: docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/${aws:username}"))), want: Proved},
		{name: "a Resource with ${aws:username} is narrower than every user", q: "new", kind: Identity,
			old: docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/${aws:username}"))),
			doc: docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/*"))), want: Refuted},
		{name: "variables are literal text under Version 2008-10-17", q: "not", kind: Identity,
			doc: `{"Version":"2008-10-17","Statement":[` + stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/${aws:username}")) + `]}`, want: Refuted,
			check: func(t *testing.T, w evaluate.Request) { require.Equal(t, "arn:aws:s3:::b/${aws:username}", w.Resource) }},
	}
}

func keyCases() []tcase {
	dflt := docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")))
	everyone := docOf(stmt("Allow", prin(`"*"`), act("kms:Decrypt"), res("*")))
	return []tcase{
		{name: "the default key policy lets no other account in", q: "ext", kind: KeyPolicy, doc: dflt, account: acct, want: Proved},
		{name: "a key policy that allows everyone lets other accounts in", q: "ext", kind: KeyPolicy, doc: everyone, account: acct, want: Refuted},
		{name: "everyone, limited to the account by aws:PrincipalAccount", q: "ext", kind: KeyPolicy, account: acct, want: Proved,
			doc: docOf(stmt("Allow", prin(`"*"`), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"aws:PrincipalAccount":"`+acct+`"}}`)))},
		{name: "everyone, limited to the account by kms:CallerAccount", q: "ext", kind: KeyPolicy, account: acct, want: Proved,
			doc: docOf(stmt("Allow", prin(`{"AWS":"*"}`), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:CallerAccount":"`+acct+`"}}`)))},
		{name: "everyone, limited by a condition a caller controls", q: "ext", kind: KeyPolicy, account: acct, want: Refuted,
			doc: docOf(stmt("Allow", prin(`"*"`), act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}`)))},
		{name: "naming another account lets it in", q: "ext", kind: KeyPolicy, account: acct, want: Refuted,
			doc:   docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")), stmt("Allow", prin(aws("arn:aws:iam::"+other+":root")), act("kms:Decrypt"), res("*"))),
			check: func(t *testing.T, w evaluate.Request) { require.Contains(t, w.Principal, other) }},
		{name: "another account cannot use a key for what is not cross-account", q: "ext", kind: KeyPolicy, account: acct, want: Proved,
			doc: docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")), stmt("Allow", prin(aws("arn:aws:iam::"+other+":root")), act("kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"), res("*")))},
		{name: "a service principal is not an outsider", q: "ext", kind: KeyPolicy, account: acct, want: Proved,
			doc: docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")), stmt("Allow", prin(svcPrin("logs.amazonaws.com")), act("kms:Decrypt"), res("*")))},
		{name: "the default key policy lets the account schedule deletion", q: "not", kind: KeyPolicy, doc: dflt, actions: []string{"kms:ScheduleKeyDeletion"}, want: Refuted},
		{name: "a key policy without the action never grants it", q: "not", kind: KeyPolicy, actions: []string{"kms:ScheduleKeyDeletion"}, want: Proved,
			doc: docOf(stmt("Allow", rootOfAccount, act("kms:Decrypt", "kms:Encrypt"), res("*")))},
		{name: "a Deny in the key policy removes the action for everyone", q: "not", kind: KeyPolicy, actions: []string{"kms:ScheduleKeyDeletion"}, want: Proved,
			doc: docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")), stmt("Deny", prin(`"*"`), act("kms:ScheduleKeyDeletion"), res("*")))},
		{name: "a Deny with NotPrincipal spares only the listed principal", q: "not", kind: KeyPolicy, actions: []string{"kms:ScheduleKeyDeletion"}, want: Refuted,
			doc: docOf(stmt("Allow", rootOfAccount, act("kms:*"), res("*")), stmt("Deny", notPrin(aws("arn:aws:iam::"+acct+":root", "arn:aws:iam::"+acct+":user/admin")), act("kms:ScheduleKeyDeletion"), res("*"))),
			check: func(t *testing.T, w evaluate.Request) {
				require.True(t, strings.HasSuffix(w.Principal, ":user/admin") || strings.HasSuffix(w.Principal, ":root"), w.Principal)
			}},
		{name: "a key policy naming a role grants its sessions", q: "not", kind: KeyPolicy, actions: []string{"kms:Decrypt"}, want: Refuted,
			doc: docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":role/app")), act("kms:Decrypt"), res("*")))},
		{name: "a key policy grants nothing new over itself", q: "new", kind: KeyPolicy, old: dflt, doc: dflt, want: Proved},
		{name: "naming a user within the account is no new access over the account", q: "new", kind: KeyPolicy, old: dflt, want: Proved,
			doc: docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":user/alice")), act("kms:Decrypt"), res("*")))},
		{name: "naming the account grants more than naming one user", q: "new", kind: KeyPolicy, old: docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":user/alice")), act("kms:Decrypt"), res("*"))), doc: dflt, want: Refuted},
	}
}

func trustCases() []tcase {
	trustAcct := docOf(stmt("Allow", rootOfAccount, act("sts:AssumeRole"), res("*")))
	return []tcase{
		{name: "a trust policy of the account lets no other account in", q: "ext", kind: TrustPolicy, doc: trustAcct, account: acct, want: Proved},
		{name: "a trust policy of another account lets it in", q: "ext", kind: TrustPolicy, account: acct, want: Refuted,
			doc: docOf(stmt("Allow", prin(aws(other)), act("sts:AssumeRole"), res("*")))},
		{name: "an external ID still lets the other account in", q: "ext", kind: TrustPolicy, account: acct, want: Refuted,
			doc: docOf(stmt("Allow", prin(aws(other)), act("sts:AssumeRole"), res("*"), cond(`{"StringEquals":{"sts:ExternalId":"secret"}}`))),
			check: func(t *testing.T, w evaluate.Request) {
				require.Equal(t, []string{"secret"}, w.Context["sts:ExternalId"])
			}},
		{name: "a federated identity is an outsider", q: "ext", kind: TrustPolicy, account: acct, want: Refuted,
			doc: docOf(stmt("Allow", prin(fedPrin("accounts.google.com")), act("sts:AssumeRoleWithWebIdentity"), res("*")))},
		{name: "a service is not an outsider", q: "ext", kind: TrustPolicy, account: acct, want: Proved,
			doc: docOf(stmt("Allow", prin(svcPrin("ec2.amazonaws.com")), act("sts:AssumeRole"), res("*")))},
		{name: "the root user cannot assume a role", q: "not", kind: TrustPolicy, actions: []string{"sts:AssumeRole"}, want: Refuted,
			doc: trustAcct, check: func(t *testing.T, w evaluate.Request) { require.NotContains(t, w.Principal, ":root") }},
		{name: "a trust policy for one action grants no other", q: "not", kind: TrustPolicy, actions: []string{"sts:TagSession"}, want: Proved, doc: trustAcct},
		{name: "sts:AssumeRole* covers the trust actions", q: "new", kind: TrustPolicy, want: Proved,
			old: docOf(stmt("Allow", rootOfAccount, act("sts:AssumeRole*"), res("*"))), doc: trustAcct},
	}
}

func policiesCases(t *testing.T) []struct {
	name     string
	old, new evaluate.Policies
	want     Verdict
	reason   Reason
} {
	d := func(s string) *policy.Document { return mustDoc(t, s) }
	identity := []*policy.Document{d(docOf(stmt("Allow", act("s3:*"), res("*"))))}
	return []struct {
		name     string
		old, new evaluate.Policies
		want     Verdict
		reason   Reason
	}{
		{name: "a permissions boundary grants nothing new", old: evaluate.Policies{Identity: identity},
			new: evaluate.Policies{Identity: identity, Boundary: d(docOf(stmt("Allow", act("s3:GetObject"), res("*"))))}, want: Proved},
		{name: "removing the boundary grants more", new: evaluate.Policies{Identity: identity},
			old: evaluate.Policies{Identity: identity, Boundary: d(docOf(stmt("Allow", act("s3:GetObject"), res("*"))))}, want: Refuted},
		{name: "an SCP denying an action grants nothing new", old: evaluate.Policies{Identity: identity},
			new: evaluate.Policies{Identity: identity, SCPs: [][]*policy.Document{{d(docOf(stmt("Allow", act("*"), res("*")), stmt("Deny", act("s3:DeleteBucket"), res("*"))))}}}, want: Proved},
		{name: "an SCP does not restrict service principals", old: evaluate.Policies{Resource: d(docOf(stmt("Allow", prin(svcPrin("logs.amazonaws.com")), act("s3:PutObject"), res("*"))))},
			new: evaluate.Policies{Resource: d(docOf(stmt("Allow", prin(svcPrin("logs.amazonaws.com")), act("s3:PutObject"), res("*")))), SCPs: [][]*policy.Document{{d(docOf(stmt("Deny", act("*"), res("*"))))}}}, want: Proved},
		{name: "a session policy limits a session", old: evaluate.Policies{Identity: identity, Session: d(docOf(stmt("Allow", act("s3:GetObject"), res("*"))))},
			new: evaluate.Policies{Identity: identity}, want: Refuted},
		{name: "Policies with grants are not supported", old: evaluate.Policies{Identity: identity},
			new:  evaluate.Policies{Identity: identity, Grants: []evaluate.Grant{{KeyId: "arn:aws:kms:us-east-1:" + acct + ":key/k", GranteePrincipal: "arn:aws:iam::" + acct + ":role/r", Operations: []string{"Decrypt"}}}},
			want: Unknown, reason: ReasonUnsupported},
	}
}

func TestAnswersWithKnownVerdicts(t *testing.T) {
	var all []tcase
	all = append(all, identityCases()...)
	all = append(all, conditionCases()...)
	all = append(all, impliedCases()...)
	all = append(all, keyCases()...)
	all = append(all, trustCases()...)
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
	for _, c := range policiesCases(t) {
		t.Run(c.name, func(t *testing.T) {
			r, err := NoNewAccessPolicies(c.old, c.new)
			require.NoError(t, err)
			require.Equal(t, c.want.String(), r.Verdict.String(), "%s: %s", r.Reason, r.Detail)
			if c.reason != "" {
				require.Equal(t, c.reason, r.Reason)
			}
			if r.Verdict == Refuted {
				require.True(t, allowedBy(t, compiled(t, c.new), *r.Witness))
				require.False(t, allowedBy(t, compiled(t, c.old), *r.Witness))
			}
		})
	}
}

func TestBudgetExceededOnPathologicalPatterns(t *testing.T) {
	// "*a" followed by k '?' needs 2^k subsets against one more '?'.
	p := func(k int) string { return "arn:aws:s3:::b/*a" + strings.Repeat("?", k) }
	old := docOf(stmt("Allow", act("s3:GetObject"), res(p(14))))
	nw := docOf(stmt("Allow", act("s3:GetObject"), res(p(15))))
	r, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw), Budget(20000))
	require.NoError(t, err)
	require.Equal(t, Unknown, r.Verdict, r.Detail)
	require.Equal(t, ReasonBudgetExceeded, r.Reason)
	r, err = NoNewAccess(Identity, mustDoc(t, docOf(stmt("Allow", act("s3:GetObject"), res(p(3))))), mustDoc(t, docOf(stmt("Allow", act("s3:GetObject"), res(p(4))))))
	require.NoError(t, err)
	require.Equal(t, Refuted, r.Verdict, r.Detail)
}

func TestBadInput(t *testing.T) {
	d := mustDoc(t, docOf(allowAllKMS))
	for _, c := range []struct {
		name string
		f    func() error
	}{
		{"a nil document", func() error { _, err := NoNewAccess(Identity, nil, d); return err }},
		{"an unknown kind", func() error { _, err := NoNewAccess(Kind(9), d, d); return err }},
		{"a bad account", func() error { _, err := NoExternalAccess(KeyPolicy, d, "1234"); return err }},
		{"external access of an identity policy", func() error { _, err := NoExternalAccess(Identity, d, acct); return err }},
		{"a document the evaluator refuses", func() error {
			_, err := AccessNotGranted(KeyPolicy, d, nil, nil) // a key policy without Principal
			return err
		}},
		{"an empty action", func() error { _, err := AccessNotGranted(Identity, d, []string{""}, nil); return err }},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.f()
			require.Error(t, err)
			require.ErrorIs(t, err, ErrInput)
		})
	}
}

var _ = fmt.Sprint
var _ = glob.Match

func mustDoc(t *testing.T, s string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(s))
	require.NoError(t, err)
	return d
}
