package snapshot

import (
	"strings"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
)

// keyFacts are the context keys a request on the key carries whatever the
// caller does: the key's properties from describe-key (kms:KeyOrigin,
// kms:KeySpec, kms:KeyUsage, kms:MultiRegion, kms:MultiRegionKeyType), its
// tags from list-resource-tags (aws:ResourceTag/KEY) and the Region of the
// key (aws:RequestedRegion: a key is used through its own Region's
// endpoint). https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
func keyFacts(k *Key) evaluate.Context {
	c := evaluate.Context{}
	m := k.Metadata
	set := func(key, v string) {
		if v != "" {
			c[key] = []string{v}
		}
	}
	set("kms:KeyOrigin", string(m.Origin))
	set("kms:KeySpec", string(m.KeySpec))
	set("kms:KeyUsage", string(m.KeyUsage))
	if m.MultiRegion != nil {
		if *m.MultiRegion {
			set("kms:MultiRegion", "true")
		} else {
			set("kms:MultiRegion", "false")
		}
	}
	if m.MultiRegionConfiguration != nil {
		set("kms:MultiRegionKeyType", string(m.MultiRegionConfiguration.MultiRegionKeyType))
	}
	for tk, tv := range k.Tags {
		c["aws:ResourceTag/"+tk] = []string{tv}
	}
	set("aws:RequestedRegion", k.Region)
	return c
}

// fixedAbsent reports whether a context key the request lacks is known to
// be absent, rather than free: keys the engine implies from the request
// are absent only where the caller never has them (aws:username of a
// role); the snapshot lists every tag of the key
// (when tags were loaded) and of the principal, so a tag it does not list
// does not exist.
func fixedAbsent(key string, k *Key, tagsKnown bool) bool {
	l := ascii.ToLower(key)
	if impliedKeys[l] {
		return true
	}
	switch {
	case strings.HasPrefix(l, "aws:resourcetag/"):
		return k.TagsLoaded
	case strings.HasPrefix(l, "aws:principaltag/"):
		return tagsKnown
	}
	// A key property describe-key did not give is free, except the
	// multi-Region key type of a key that is not multi-Region: it has none.
	if l == "kms:multiregionkeytype" {
		return k.Metadata.MultiRegion != nil && !*k.Metadata.MultiRegion
	}
	return false
}

// withPrincipalTags returns facts plus the principal's tags as
// aws:PrincipalTag/KEY.
func withPrincipalTags(facts evaluate.Context, tags map[string]string) evaluate.Context {
	if len(tags) == 0 {
		return facts
	}
	c := make(evaluate.Context, len(facts)+len(tags))
	for k, v := range facts {
		c[k] = v
	}
	for k, v := range tags {
		c["aws:PrincipalTag/"+k] = []string{v}
	}
	return c
}

// Context returns the context keys every request on the key carries: its
// properties from describe-key (kms:KeyOrigin, kms:KeySpec, kms:KeyUsage,
// kms:MultiRegion, kms:MultiRegionKeyType), its tags (aws:ResourceTag/KEY)
// and aws:RequestedRegion. The map is the caller's to change.
func (k *Key) Context() evaluate.Context {
	if k == nil {
		return evaluate.Context{}
	}
	return keyFacts(k)
}

// Context returns the principal's tags as aws:PrincipalTag/KEY context
// keys. The map is the caller's to change.
func (p *Principal) Context() evaluate.Context {
	if p == nil {
		return evaluate.Context{}
	}
	return withPrincipalTags(evaluate.Context{}, p.Tags)
}

// tagList is the key's tags as the SDK lists them; nil when not loaded.
func (k *Key) tagList() []kmstypes.Tag {
	if !k.TagsLoaded {
		return nil
	}
	out := make([]kmstypes.Tag, 0, len(k.Tags))
	for _, tk := range sortedKeys(k.Tags) {
		out = append(out, kmstypes.Tag{TagKey: ptr(tk), TagValue: ptr(k.Tags[tk])})
	}
	return out
}
