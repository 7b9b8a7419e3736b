package snapshot

import (
	"strings"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
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
	GrantsLoaded bool
	// Tags are list-resource-tags' tags; TagsLoaded is false when the
	// snapshot has no tags file, so aws:ResourceTag keys are not fixed.
	Tags       map[string]string
	TagsLoaded bool
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
	a, err := policy.ParseARN(arn)
	if err != nil || a.Service != "kms" || !strings.HasPrefix(a.Resource, "key/") || !policy.IsAccountID(a.Account) {
		return nil, malformed(where, "KeyMetadata.Arn", "not a KMS key ARN: "+quote(arn))
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
	if k.Policy, err = parseDocument(policyFile, policyPath, in.Policy); err != nil {
		return nil, err
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

// readDescribeKey reads `aws kms describe-key` output.
func readDescribeKey(file string, data []byte) (*kmstypes.KeyMetadata, error) {
	root, err := jv{file: file, raw: data}.object()
	if err != nil {
		return nil, err
	}
	v, ok := root.get("KeyMetadata")
	if !ok {
		return nil, malformed(file, "KeyMetadata", "missing: not describe-key output")
	}
	o, err := v.object()
	if err != nil {
		return nil, err
	}
	m := &kmstypes.KeyMetadata{}
	if err := strs(o, true, "KeyId", &m.KeyId, "Arn", &m.Arn); err != nil {
		return nil, err
	}
	if err := strs(o, false, "AWSAccountId", &m.AWSAccountId, "CustomKeyStoreId", &m.CustomKeyStoreId, "CloudHsmClusterId", &m.CloudHsmClusterId); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		key string
		set func(string)
	}{
		{"Origin", func(s string) { m.Origin = kmstypes.OriginType(s) }},
		{"KeySpec", func(s string) { m.KeySpec = kmstypes.KeySpec(s) }},
		{"KeyUsage", func(s string) { m.KeyUsage = kmstypes.KeyUsageType(s) }},
		{"KeyManager", func(s string) { m.KeyManager = kmstypes.KeyManagerType(s) }},
		{"KeyState", func(s string) { m.KeyState = kmstypes.KeyState(s) }},
		{"ExpirationModel", func(s string) { m.ExpirationModel = kmstypes.ExpirationModelType(s) }},
	} {
		s, err := o.optString(f.key)
		if err != nil {
			return nil, err
		}
		f.set(s)
	}
	if m.Enabled, err = o.optBool("Enabled"); err != nil {
		return nil, err
	}
	if v, ok := o.get("MultiRegion"); ok {
		b, err := v.boolean()
		if err != nil {
			return nil, err
		}
		m.MultiRegion = &b
	}
	if v, ok := o.get("MultiRegionConfiguration"); ok {
		mo, err := v.object()
		if err != nil {
			return nil, err
		}
		t, err := mo.optString("MultiRegionKeyType")
		if err != nil {
			return nil, err
		}
		m.MultiRegionConfiguration = &kmstypes.MultiRegionConfiguration{MultiRegionKeyType: kmstypes.MultiRegionKeyType(t)}
	}
	return m, nil
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

// readGrants reads one page of `aws kms list-grants` output, or a bare
// array of grant entries.
func readGrants(file string, data []byte) ([]kmstypes.GrantListEntry, error) {
	root := jv{file: file, raw: data}
	var list []jv
	var err error
	if root.kind() == '[' {
		list, err = root.array()
	} else {
		var o jobj
		if o, err = root.object(); err != nil {
			return nil, err
		}
		if !o.has("Grants") {
			return nil, malformed(file, "Grants", "missing: not list-grants output")
		}
		list, err = o.optArray("Grants")
	}
	if err != nil {
		return nil, err
	}
	out := make([]kmstypes.GrantListEntry, 0, len(list))
	for _, v := range list {
		o, err := v.object()
		if err != nil {
			return nil, err
		}
		var g kmstypes.GrantListEntry
		if err := strs(o, true, "GrantId", &g.GrantId); err != nil {
			return nil, err
		}
		if err := strs(o, false, "KeyId", &g.KeyId, "Name", &g.Name, "GranteePrincipal", &g.GranteePrincipal,
			"RetiringPrincipal", &g.RetiringPrincipal, "IssuingAccount", &g.IssuingAccount,
			"GranteeServicePrincipal", &g.GranteeServicePrincipal, "RetiringServicePrincipal", &g.RetiringServicePrincipal); err != nil {
			return nil, err
		}
		ops, err := o.optStrings("Operations")
		if err != nil {
			return nil, err
		}
		for _, op := range ops {
			g.Operations = append(g.Operations, kmstypes.GrantOperation(op))
		}
		if cv, ok := o.get("Constraints"); ok {
			co, err := cv.object()
			if err != nil {
				return nil, err
			}
			c := &kmstypes.GrantConstraints{}
			if c.EncryptionContextEquals, err = stringMap(co, "EncryptionContextEquals"); err != nil {
				return nil, err
			}
			if c.EncryptionContextSubset, err = stringMap(co, "EncryptionContextSubset"); err != nil {
				return nil, err
			}
			if err := strs(co, false, "SourceArn", &c.SourceArn); err != nil {
				return nil, err
			}
			g.Constraints = c
		}
		out = append(out, g)
	}
	return out, nil
}

// stringMap reads member key as an object of strings.
func stringMap(o jobj, key string) (map[string]string, error) {
	v, ok := o.get(key)
	if !ok {
		return nil, nil
	}
	mo, err := v.object()
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(mo.fields))
	for k := range mo.fields {
		s, err := mo.reqStringAllowEmpty(k)
		if err != nil {
			return nil, err
		}
		m[k] = s
	}
	return m, nil
}

// reqStringAllowEmpty reads member key as a string, which may be empty.
func (o jobj) reqStringAllowEmpty(key string) (string, error) {
	v, _ := o.get(key)
	return v.str()
}

// readTagsFile reads `aws kms list-resource-tags` output.
func readTagsFile(file string, data []byte) ([]kmstypes.Tag, error) {
	root, err := jv{file: file, raw: data}.object()
	if err != nil {
		return nil, err
	}
	if !root.has("Tags") {
		return nil, malformed(file, "Tags", "missing: not list-resource-tags output")
	}
	list, err := root.optArray("Tags")
	if err != nil {
		return nil, err
	}
	out := make([]kmstypes.Tag, 0, len(list))
	for _, v := range list {
		o, err := v.object()
		if err != nil {
			return nil, err
		}
		var t kmstypes.Tag
		if err := strs(o, true, "TagKey", &t.TagKey); err != nil {
			return nil, err
		}
		if err := strs(o, false, "TagValue", &t.TagValue); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
