package prove

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// keyARN is a KMS key ARN as KMS writes one: a Region, a 12-digit account
// and a key ID (a UUID, or mrk- and 32 hex digits for a multi-Region key).
var keyARN = regexp.MustCompile(`^arn:aws:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$`)

func TestWitnessesNameKeysAsKMSWritesThem(t *testing.T) {
	keyPolicy := docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":root")), act("kms:*"), res("*")))
	open := docOf(stmt("Allow", prin(aws("*")), act("kms:Decrypt"), res("*")))
	identity := docOf(stmt("Allow", act("kms:Decrypt", "kms:Encrypt"), res("arn:aws:kms:us-west-2:"+acct+":key/*")))
	wider := docOf(stmt("Allow", act("kms:*"), res("arn:aws:kms:us-west-2:"+acct+":key/*")))
	for _, c := range []struct {
		name string
		ask  func() (Result, error)
	}{
		{"an identity policy on every key of a Region", func() (Result, error) {
			return AccessNotGranted(Identity, mustDoc(t, identity), []string{"kms:Decrypt"}, nil)
		}},
		{"a key policy granting the account", func() (Result, error) {
			return AccessNotGranted(KeyPolicy, mustDoc(t, keyPolicy), []string{"kms:ScheduleKeyDeletion"}, nil)
		}},
		{"a key policy open to everyone", func() (Result, error) { return NoExternalAccess(KeyPolicy, mustDoc(t, open), acct) }},
		{"an identity policy widened to kms:*", func() (Result, error) {
			return NoNewAccess(Identity, mustDoc(t, identity), mustDoc(t, wider))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := c.ask()
			require.NoError(t, err)
			require.Equal(t, Refuted, res.Verdict, res.Detail)
			require.Regexp(t, keyARN, res.Witness.Resource)
		})
	}
	t.Run("a pattern no realistic key ID meets keeps the shortest ARN it allows", func(t *testing.T) {
		d := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:us-west-2:"+acct+":key/zz*"))))
		res, err := AccessNotGranted(Identity, d, nil, nil)
		require.NoError(t, err)
		require.Equal(t, Refuted, res.Verdict)
		ev, err := evaluate.Compile(frameOf(Identity, d))
		require.NoError(t, err)
		require.True(t, allowedBy(t, ev, *res.Witness))
		require.Regexp(t, `:key/zz`, res.Witness.Resource)
	})
}

func TestUnsupportedDetailNamesTheKey(t *testing.T) {
	d := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"),
		cond(`{"StringLike":{"aws:CurrentTime":"2026-*"},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`))))
	res, err := AccessNotGranted(Identity, d, nil, nil)
	require.NoError(t, err)
	require.Equal(t, ReasonUnsupported, res.Reason)
	require.Equal(t, "condition key aws:CurrentTime tested by operators of different families (String and Date) is not supported by the prover yet", res.Detail)
}

func TestQuestionsTakePolicyKinds(t *testing.T) {
	d := mustDoc(t, docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":root")), act("kms:*"), res("*"))))
	t.Run("policy.KeyPolicy is the key policy kind", func(t *testing.T) {
		res, err := AccessNotGranted(policy.KeyPolicy, d, []string{"kms:Decrypt"}, nil)
		require.NoError(t, err)
		require.Equal(t, Refuted, res.Verdict)
	})
	for _, k := range []policy.Kind{policy.ResourcePolicy, policy.PermissionsBoundary, policy.SessionPolicy, policy.SCP, policy.RCP} {
		t.Run("a question about one "+k.String()+" is refused", func(t *testing.T) {
			_, err := NoNewAccess(k, d, d)
			require.ErrorIs(t, err, ErrInput)
		})
	}
}

// A class of actions that spans the catalog (NotAction) has thousands of
// ARN formats; finding the one a resource constraint admits must not build
// an automaton for each format before it (the fuzz target's slow inputs).
func TestAFittingFormatIsFoundWithoutTryingEveryFormat(t *testing.T) {
	old := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:*:*:key/*"))))
	nw := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:*:*:key/*")),
		stmt("Allow", notAct("sts:AssumeRole"), res("arn:aws:s3:::fitting-format-test/*"))))
	res, err := NoNewAccess(Identity, old, nw, Budget(8000))
	require.NoError(t, err)
	require.Equal(t, Refuted, res.Verdict, "%s: %s", res.Reason, res.Detail)
	require.Regexp(t, `^arn:aws:s3:::fitting-format-test/`, res.Witness.Resource)
}

func TestKeyIDsAreAsKMSWritesThem(t *testing.T) {
	t.Run("a key policy granting everyone keys of another account lets no one in: no key ID holds ':'", func(t *testing.T) {
		d := mustDoc(t, docOf(stmt("Allow", prin(aws("*")), act("kms:Decrypt"), res("arn:aws:kms:*:"+other+":key/*"))))
		res, err := NoExternalAccess(KeyPolicy, d, acct)
		require.NoError(t, err)
		require.Equal(t, Proved, res.Verdict, "%v %s", res.Witness, res.Detail)
	})
	t.Run("the same statement on the account's keys lets everyone in", func(t *testing.T) {
		d := mustDoc(t, docOf(stmt("Allow", prin(aws("*")), act("kms:Decrypt"), res("arn:aws:kms:*:"+acct+":key/*"))))
		res, err := NoExternalAccess(KeyPolicy, d, acct)
		require.NoError(t, err)
		require.Equal(t, Refuted, res.Verdict)
		require.Regexp(t, keyARN, res.Witness.Resource)
	})
}

func TestAnActionNewerThanTheCatalogActsOnAKey(t *testing.T) {
	d := mustDoc(t, docOf(stmt("Allow", act("kms:*"), res("*"))))
	res, err := AccessNotGranted(Identity, d, []string{"kms:ZzFuture"}, nil)
	require.NoError(t, err)
	require.Equal(t, Refuted, res.Verdict)
	require.Regexp(t, keyARN, res.Witness.Resource)
}

func TestACounterexampleComesFromARoleSessionRatherThanTheRole(t *testing.T) {
	d := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"aws:PrincipalType":["AssumedRole","User"]}}`))))
	r, err := AccessNotGranted(Identity, d, []string{"kms:Decrypt"}, nil)
	require.NoError(t, err)
	require.Equal(t, Refuted, r.Verdict)
	require.NotRegexp(t, `:role/`, r.Witness.Principal, "roles never call AWS themselves; their sessions do")
	k := mustDoc(t, docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":role/app")), act("kms:Decrypt"), res("*"))))
	r, err = AccessNotGranted(KeyPolicy, k, []string{"kms:Decrypt"}, nil)
	require.NoError(t, err)
	require.Equal(t, Refuted, r.Verdict)
	require.Regexp(t, `^arn:aws:sts::`+acct+`:assumed-role/app/`, r.Witness.Principal)
}

func TestAnARNKeyHoldsAnARN(t *testing.T) {
	old := mustDoc(t, docOf(stmt("Allow", act("sns:Publish"), res("*"), cond(`{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::b/*"}}`))))
	nw := mustDoc(t, docOf(stmt("Allow", act("sns:Publish"), res("*"), cond(`{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::c/*"},"Null":{"aws:SourceArn":"false"}}`))))
	r, err := NoNewAccess(Identity, old, nw)
	require.NoError(t, err)
	require.Equal(t, Refuted, r.Verdict)
	v, ok := r.Witness.Context.Lookup("aws:SourceArn")
	require.True(t, ok)
	require.Regexp(t, `^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$`, v[0])
}

func TestWitnessUsersAndSessionsCarryTheirUserID(t *testing.T) {
	for _, c := range []struct {
		name, condition string
		want            *regexp.Regexp
	}{
		{"an IAM user carries its unique ID", `{"StringEquals":{"aws:PrincipalType":"User"}}`,
			regexp.MustCompile(`^AIDA[A-Z0-9]{17}$`)},
		{"a role session carries the role's unique ID and its session name", `{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}`,
			regexp.MustCompile(`^AROA[A-Z0-9]{17}:[^:/]+$`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(c.condition))))
			res, err := AccessNotGranted(Identity, d, nil, nil)
			require.NoError(t, err)
			require.Equal(t, Refuted, res.Verdict, res.Detail)
			require.Len(t, res.Witness.Context["aws:userid"], 1, "%+v", res.Witness)
			id := res.Witness.Context["aws:userid"][0]
			require.Regexp(t, c.want, id)
			if i := strings.IndexByte(id, ':'); i >= 0 {
				p := res.Witness.Principal
				require.Equal(t, p[strings.LastIndexByte(p, '/')+1:], id[i+1:], "the session name of %s", p)
			}
			ev, err := evaluate.Compile(frameOf(Identity, d))
			require.NoError(t, err)
			require.True(t, allowedBy(t, ev, *res.Witness))
		})
	}
	t.Run("a policy that needs aws:userid absent keeps it absent", func(t *testing.T) {
		d := mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"),
			cond(`{"StringEquals":{"aws:PrincipalType":"User"},"Null":{"aws:userid":"true"}}`))))
		res, err := AccessNotGranted(Identity, d, nil, nil)
		require.NoError(t, err)
		require.Equal(t, Refuted, res.Verdict, res.Detail)
		require.NotContains(t, res.Witness.Context, "aws:userid")
	})
}

func TestAnUnlistedActionIsWrittenAsThePolicyWroteIt(t *testing.T) {
	d := mustDoc(t, docOf(stmt("Allow", act("kms:ZzFutureAction"), res("*"))))
	for _, c := range []struct {
		name string
		ask  func() (Result, error)
	}{
		{"asked about every action", func() (Result, error) { return AccessNotGranted(Identity, d, nil, nil) }},
		{"asked about the action in another spelling", func() (Result, error) {
			return AccessNotGranted(Identity, d, []string{"KMS:zzfutureaction"}, nil)
		}},
		{"asked whether it is new", func() (Result, error) {
			return NoNewAccess(Identity, mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*")))), d)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := c.ask()
			require.NoError(t, err)
			require.Equal(t, Refuted, res.Verdict, res.Detail)
			require.Equal(t, "kms:ZzFutureAction", res.Witness.Action)
		})
	}
}
