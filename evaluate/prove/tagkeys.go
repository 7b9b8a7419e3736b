package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy/catalog"
)

// tagRequestKeys are the global keys of a request's tags: AWS lists them
// among the global keys, yet sends them only with the actions that take
// tags in the request. The Service Authorization Reference lists them per
// action: for AWS KMS (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html)
// kms:CreateKey and kms:TagResource list aws:RequestTag/${TagKey} and
// aws:TagKeys, kms:UntagResource lists aws:TagKeys only, kms:Decrypt
// neither (aws-rules K.3). An action whose catalog entry lists condition
// keys carries a request-tag key only where the entry lists it; an action
// whose entry lists none, or that the catalog does not list, may carry
// both (the catalog may lack its keys, and a key the prover wrongly
// withholds could turn a counterexample into a false proof).
var tagRequestKeys = [...]string{"aws:RequestTag/", "aws:TagKeys"}

// tagRequestKey returns which of tagRequestKeys name is (an
// aws:RequestTag/<key> with a non-empty key, or aws:TagKeys, ignoring
// case), or -1.
func tagRequestKey(name string) int {
	const tag = "aws:requesttag/"
	switch {
	case len(name) > len(tag) && ascii.EqualFold(name[:len(tag)], tag):
		return 0
	case ascii.EqualFold(name, "aws:TagKeys"):
		return 1
	}
	return -1
}

// tagCarried returns the catalog actions that may carry request-tag key
// t (an index of tagRequestKeys).
func (ix *catIndex) tagCarried(t int) bitset {
	ix.tagOnce.Do(func() {
		names := [len(tagRequestKeys)]string{"aws:RequestTag/x", "aws:TagKeys"}
		for t := range tagRequestKeys {
			b := newBitset(len(ix.actions))
			for i, a := range ix.actions {
				if carriesTagKey(a, names[t]) {
					b.set(i)
				}
			}
			ix.tagCarry[t] = b
		}
	})
	return ix.tagCarry[t]
}

// carriesTagKey reports whether a listed action may carry request-tag key
// name: its entry lists the key, or lists no condition key at all.
func carriesTagKey(a *catalog.Action, name string) bool {
	return !listsKeys(a) || a.SupportsConditionKey(name)
}

// listsKeys reports whether the action's entry lists condition keys, for
// itself or for one of its resource types.
func listsKeys(a *catalog.Action) bool {
	if len(a.ConditionKeys) > 0 {
		return true
	}
	for _, r := range a.Resources {
		if len(r.ConditionKeys) > 0 {
			return true
		}
	}
	return false
}
