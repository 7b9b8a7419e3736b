package difftest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

func fixtureCorpus(t *testing.T) []managedpolicies.Policy {
	t.Helper()
	ps, err := managedpolicies.Load("../managedpolicies/testdata/corpus/managedPolicies.json")
	require.NoError(t, err)
	return ps
}

func TestRealCasesAskForWhatTheDocumentsName(t *testing.T) {
	ps := fixtureCorpus(t)
	cases := RealCases(ps, 7, 200)
	require.Len(t, cases, 200)
	if diff := cmp.Diff(cases, RealCases(ps, 7, 200)); diff != "" {
		t.Fatalf("the same seed must give the same cases:\n%s", diff)
	}
	texts := map[string]bool{}
	for _, p := range ps {
		for _, v := range p.Versions {
			texts[string(v.Document)] = true
		}
	}
	cat := catalog.Default()
	for _, c := range cases {
		require.True(t, strings.HasPrefix(c.ID, "r"))
		require.True(t, c.HasTag("source:managed"), c.Tags)
		require.Len(t, c.Policies.Identity, 1)
		require.True(t, texts[c.Policies.Identity[0]], "the identity policy is a corpus document, verbatim")
		act, ok := cat.Action(c.Request.Action)
		require.True(t, ok, "%s is a catalog action", c.Request.Action)
		doc, err := policy.Parse([]byte(c.Policies.Identity[0]))
		require.NoError(t, err)
		named := false
		for _, st := range doc.Statement {
			for _, pat := range st.Action.Values {
				named = named || glob.MatchFold(pat, c.Request.Action)
			}
			named = named || len(st.NotAction.Values) > 0
		}
		require.True(t, named, "%s is named by the document", c.Request.Action)
		if act.WildcardOnly() {
			require.Equal(t, "*", c.Request.Resource)
		} else {
			require.True(t, act.MayApplyTo(c.Request.Resource), "%s takes %s", act, c.Request.Resource)
		}
		require.Equal(t, []string{accountA}, c.Request.Context["aws:ResourceAccount"])
	}
}

func TestRealCasesSetTheKeysTheirStatementTests(t *testing.T) {
	ps := fixtureCorpus(t)
	seen := map[string]bool{}
	for _, c := range RealCases(ps, 1, 300) {
		if v, ok := c.Request.Context["s3:max-keys"]; ok {
			seen[v[0]] = true
		}
	}
	// ZetaReadOnly v2 tests NumericLessThan s3:max-keys 10 on
	// kms:DescribeKey, which does not carry it: the key is never set.
	require.Empty(t, seen, "a key the action does not carry is never set")
}

func TestInstantiateARN(t *testing.T) {
	for _, tt := range []struct{ pat, want string }{
		{"arn:aws:ec2:*:*:security-group*/*", "arn:aws:ec2:us-east-1:111111111111:security-groupexample/example"},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::example/example"},
		{"arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::111111111111:user/alice"},
		{"arn:*:kms:*:${aws:PrincipalAccount}:key/*", "arn:aws:kms:us-east-1:111111111111:key/example"},
		{"arn:aws:s3:::bucket", "arn:aws:s3:::bucket"},
	} {
		t.Run(tt.pat+" becomes "+tt.want, func(t *testing.T) {
			got, ok := instantiateARN(tt.pat)
			require.True(t, ok)
			require.Equal(t, tt.want, got)
		})
	}
	for _, pat := range []string{"arn:aws:sqs:*", "*", "arn:aws:bedrock:us-east-1:aws:tool/x", "arn:aws:*:us-east-1:111111111111:x"} {
		_, ok := instantiateARN(pat)
		require.False(t, ok, "%s has no instance here", pat)
	}
}

func TestTypeWildcard(t *testing.T) {
	require.True(t, typeWildcard("arn:aws:wafv2:*:*:*/webacl/*/*"))
	require.True(t, typeWildcard("arn:aws:ec2:*:*:security-group*/*"))
	require.False(t, typeWildcard("arn:aws:ec2:*:*:security-group/*"))
	require.False(t, typeWildcard("arn:aws:s3:::*"))
	require.False(t, typeWildcard("*"))
}

func TestResolvable(t *testing.T) {
	ctx := map[string][]string{"aws:username": {"alice"}}
	require.True(t, resolvable("home/${aws:username}/*", ctx))
	require.True(t, resolvable("${AWS:UserName}", ctx), "variable names ignore case")
	require.False(t, resolvable("${aws:SourceIdentity}", ctx))
	require.True(t, resolvable("${aws:SourceIdentity, 'x'}", ctx), "a default always resolves")
	require.True(t, resolvable("a${*}b", ctx))
}
