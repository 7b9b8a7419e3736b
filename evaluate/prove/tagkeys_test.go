package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy/catalog"
)

// tagKeyCases are questions whose answer turns on which actions carry the
// request-tag keys (aws-rules K.3): kms:UntagResource lists aws:TagKeys
// and not aws:RequestTag/${TagKey}, kms:TagResource lists both.
func tagKeyCases() []tcase {
	ownerTag := func(a, op string) string {
		return docOf(stmt("Allow", act(a), res("*"), cond(`{"`+op+`":{"aws:RequestTag/owner":"x"}}`)))
	}
	noTag := func(a string) string {
		return docOf(stmt("Allow", act(a), res("*"), cond(`{"Null":{"aws:RequestTag/owner":"true"}}`)))
	}
	plain := func(a string) string { return docOf(stmt("Allow", act(a), res("*"))) }
	return []tcase{
		{name: "dropping a request-tag condition from an untag Allow grants nothing new",
			q: "new", kind: Identity, old: noTag("kms:UntagResource"), doc: plain("kms:UntagResource"), want: Proved},
		{name: "dropping a request-tag condition from a tag Allow grants tagged requests",
			q: "new", kind: Identity, old: noTag("kms:TagResource"), doc: plain("kms:TagResource"), want: Refuted},
		{name: "dropping a request-tag condition from an unlisted action's Allow is refuted",
			q: "new", kind: Identity, old: noTag("kms:Future*"), doc: plain("kms:Future*"), want: Refuted},
		{name: "an untag Allow on a request tag grants no untag request",
			q: "not", kind: Identity, doc: ownerTag("kms:UntagResource", "StringEquals"), actions: []string{"kms:UntagResource"}, want: Proved},
		{name: "an IAM untag Allow on a request tag grants no untag request",
			q: "not", kind: Identity, doc: ownerTag("iam:UntagRole", "StringEquals"), actions: []string{"iam:UntagRole"}, want: Proved},
		{name: "a tag Allow on a request tag grants tag requests",
			q: "not", kind: Identity, doc: ownerTag("kms:TagResource", "StringEquals"), actions: []string{"kms:TagResource"}, want: Refuted},
		{name: "an untag Allow on the tag names grants untag requests",
			q: "not", kind: Identity, doc: docOf(stmt("Allow", act("kms:UntagResource"), res("*"), cond(`{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}`))),
			actions: []string{"kms:UntagResource"}, want: Refuted},
	}
}

func TestRequestTagKeysOnlyWhereTheCatalogListsThem(t *testing.T) {
	for _, c := range tagKeyCases() {
		t.Run(c.name, func(t *testing.T) { c.run(t) })
	}
}

func TestTagKeysAreCarriedByActionsThatListThemOrListNoKeys(t *testing.T) {
	cat := catalog.Default()
	ix := indexOf(cat)
	carries := func(action, key string) bool {
		i, ok := ix.byName[lowerKey(action)]
		require.True(t, ok, action)
		return ix.carry(key).has(i)
	}
	for _, c := range []struct {
		action, key string
		want        bool
	}{
		{"kms:TagResource", "aws:RequestTag/owner", true},
		{"kms:TagResource", "aws:TagKeys", true},
		{"kms:CreateKey", "aws:RequestTag/owner", true},
		{"kms:UntagResource", "aws:RequestTag/owner", false},
		{"kms:UntagResource", "aws:TagKeys", true},
		{"iam:UntagRole", "aws:RequestTag/Owner", false},
		{"kms:Decrypt", "aws:TagKeys", false},
		{"kms:Decrypt", "aws:SourceIp", true},
	} {
		t.Run(c.action+" and "+c.key, func(t *testing.T) {
			require.Equal(t, c.want, carries(c.action, c.key))
		})
	}
	t.Run("an action whose entry lists no condition key carries both", func(t *testing.T) {
		found := false
		for i, a := range ix.actions {
			if listsKeys(a) {
				continue
			}
			found = true
			require.True(t, ix.carry("aws:RequestTag/owner").has(i), a.FullName())
			require.True(t, ix.carry("aws:TagKeys").has(i), a.FullName())
		}
		require.True(t, found)
	})
}
