package snapshot

import (
	"errors"
	"strconv"
	"strings"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	iarn "github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/policy"
)

// Key is one KMS key of the snapshot: its metadata, key policy, grants
// and tags.
type Key struct {
	// ARN is the key's ARN.
	ARN string
	// ID is the key ID.
	ID string
	// Account and Region are those of the key's ARN.
	Account, Region, Partition string
	// Metadata is describe-key's KeyMetadata.
	Metadata kmstypes.KeyMetadata
	// Policy is the key policy.
	Policy *policy.Document
	// Grants are list-grants' entries; GrantsLoaded is false when the
	// snapshot has no grants file for the key, so grants are unknown.
	Grants       []kmstypes.GrantListEntry
	GrantsLoaded bool // the snapshot has the key's grants file
	// Tags are list-resource-tags' tags; TagsLoaded is false when the
	// snapshot has no tags file, so aws:ResourceTag keys are not fixed.
	Tags       map[string]string
	TagsLoaded bool // the snapshot has the key's tags file
	// dir is where the key's files are, for messages; policyFile and
	// policyPath locate the key policy.
	dir                    string
	policyFile, policyPath string
}

// KeyInput is a key as the AWS SDK for Go returns it, for New.
type KeyInput struct {
	// Metadata is (*kms.DescribeKeyOutput).KeyMetadata. Required.
	Metadata *kmstypes.KeyMetadata
	// Policy is (*kms.GetKeyPolicyOutput).Policy: the key policy as JSON
	// text. Required.
	Policy string
	// Grants are the entries of every (*kms.ListGrantsOutput).Grants page;
	// nil means the grants were not collected (an empty, non-nil slice:
	// the key has none).
	Grants []kmstypes.GrantListEntry
	// Tags are (*kms.ListResourceTagsOutput).Tags; nil means they were not
	// collected.
	Tags []kmstypes.Tag
}

// newKey checks a key's input. where names it in messages (a directory of
// the snapshot, or "Keys[i]").
func newKey(where string, in KeyInput, policyFile, policyPath string) (*Key, error) {
	if in.Metadata == nil {
		return nil, malformed(where, "KeyMetadata", "missing")
	}
	m := *in.Metadata
	arn := deref(m.Arn)
	a, ok := parseKeyARN(arn)
	if !ok {
		return nil, malformed(where, "KeyMetadata.Arn", "not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID): "+quote(arn))
	}
	id := strings.TrimPrefix(a.Resource, "key/")
	if k := deref(m.KeyId); k != "" && k != id && k != arn {
		return nil, malformed(where, "KeyMetadata.KeyId", quote(k)+" is not the key of Arn "+quote(arn))
	}
	if acct := deref(m.AWSAccountId); acct != "" && acct != a.Account {
		return nil, malformed(where, "KeyMetadata.AWSAccountId", quote(acct)+" is not the account of Arn "+quote(arn))
	}
	k := &Key{ARN: arn, ID: id, Account: a.Account, Region: a.Region, Partition: a.Partition, Metadata: m, dir: where,
		policyFile: policyFile, policyPath: policyPath}
	if in.Policy == "" {
		return nil, malformed(policyFile, policyPath, "missing: every KMS key has a key policy")
	}
	var err error
	if k.Policy, err = parseDocument(policyFile, policyPath, in.Policy); err != nil {
		return nil, err
	}
	if i, other := grantOnOtherKey(in.Grants, arn); i >= 0 {
		return nil, malformed(where, "Grants["+strconv.Itoa(i)+"].KeyId", otherKeyReason(other, arn))
	}
	if in.Grants != nil {
		k.Grants, k.GrantsLoaded = in.Grants, true
	}
	if in.Tags != nil {
		k.TagsLoaded = true
		k.Tags = map[string]string{}
		for _, t := range in.Tags {
			k.Tags[deref(t.TagKey)] = deref(t.TagValue)
		}
	}
	return k, nil
}

// parseKeyARN reads a KMS key ARN as requests name keys: a known
// partition, a Region, a 12-digit account and a key ID, no wildcard.
func parseKeyARN(arn string) (policy.ARN, bool) {
	a, err := policy.ParseARN(arn)
	ok := err == nil && a.Service == "kms" && strings.HasPrefix(a.Resource, "key/") && policy.IsAccountID(a.Account) &&
		iarn.KnownPartition(a.Partition) && a.Region != "" && a.Resource != "key/" && !strings.ContainsAny(arn, "*?")
	return a, ok
}

// keyARNOK reports whether arn is a KMS key ARN parseKeyARN reads; a
// grants file is checked against the key only then (else describe-key's
// error comes first).
func keyARNOK(arn string) bool { _, ok := parseKeyARN(arn); return ok }

// grantOnOtherKey returns the index and KeyId of the first grant that
// names another key than the one with ARN keyARN (by ARN, or by key ID), or
// -1. A grant applies only to its own key, so a list-grants file saved for
// another key would otherwise be kept and never apply: the who-can answer
// would leave out the key's real grantees without a word.
func grantOnOtherKey(gs []kmstypes.GrantListEntry, keyARN string) (int, string) {
	id := keyARN[strings.LastIndexByte(keyARN, '/')+1:]
	for i, g := range gs {
		if k := deref(g.KeyId); k != "" && k != keyARN && k != id {
			return i, k
		}
	}
	return -1, ""
}

// otherKeyReason says why a grant of another key is refused.
func otherKeyReason(other, keyARN string) string {
	return quote(other) + " is another key than " + quote(keyARN) + ": a grant applies only to its key; save the key's own list-grants output"
}

// readKeyPolicy reads `aws kms get-key-policy` output ({"Policy": "…",
// "PolicyName": "default"}), or a bare key policy document. It returns the
// document's text and its JSON path.
func readKeyPolicy(file string, data []byte) (string, string, error) {
	root, err := jv{file: file, raw: data}.object()
	if err != nil {
		return "", "", err
	}
	if !root.has("Policy") {
		return string(data), "", nil // a bare document
	}
	v, _ := root.get("Policy")
	s, err := v.str()
	if err != nil {
		return "", "", err
	}
	if n, err := root.optString("PolicyName"); err != nil {
		return "", "", err
	} else if n != "" && n != "default" {
		return "", "", malformed(file, "PolicyName", "a key policy's name is always \"default\", got "+quote(n))
	}
	return s, "Policy", nil
}

// fromKMSKey turns an error of the kmskey readers into an *Error naming
// the file (and the page, for a file holding several).
func fromKMSKey(file string, err error) error {
	var ke *kmskey.Error
	if !errors.As(err, &ke) {
		return &Error{File: file, Reason: err.Error(), Err: err}
	}
	path := ke.Path
	if ke.Page > 1 {
		path = "page " + strconv.Itoa(ke.Page) + ": " + path
	}
	return &Error{File: file, Path: path, Reason: ke.Reason, Err: err}
}
