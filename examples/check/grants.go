package main

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
)

// grantInput is what the grant flags gave, kept to name places in the
// files they read.
type grantInput struct {
	grants      source // -grants, or Flag "" when not given
	grantsData  []byte
	keyMetadata source // -key-metadata, or Flag "" when not given
}

// The readings of grants by their flag values (evaluate/options.go).
var (
	grantBoundaryReadings = map[string]evaluate.GrantBoundaryReading{
		"like-resource-policy": evaluate.GrantLikeResourcePolicy,
		"always-limited":       evaluate.GrantAlwaysLimited,
		"never-limited":        evaluate.GrantNeverLimited,
	}
	accountGranteeReadings = map[string]evaluate.AccountGranteeReading{
		"delegates":     evaluate.AccountGranteeDelegates,
		"root-only":     evaluate.AccountGranteeRootOnly,
		"whole-account": evaluate.AccountGranteeWholeAccount,
	}
	sourceArnReadings = map[string]evaluate.SourceArnReading{
		"as-condition": evaluate.SourceArnAsCondition,
		"never-holds":  evaluate.SourceArnNeverHolds,
	}
)

// reading looks up a reading flag's value; an empty value is the
// engine's default (no option).
func reading[T any](flag, value string, readings map[string]T) (T, bool, error) {
	var zero T
	if value == "" {
		return zero, false, nil
	}
	r, ok := readings[value]
	if !ok {
		names := make([]string, 0, len(readings))
		for n := range readings {
			names = append(names, n)
		}
		sort.Strings(names)
		return zero, false, cli.Usagef("%s %q: want %s", flag, value, strings.Join(names, ", "))
	}
	return r, true, nil
}

// readGrantInput reads the grants, the key's metadata and tags, the
// caller's tags, the request's encryption context and grant, and the
// readings of grants.
func readGrantInput(o *options, files *cli.Files, in *input) error {
	if o.grants != "" {
		data, err := files.Read("-grants", o.grants)
		if err != nil {
			return err
		}
		src := source{Flag: "-grants", File: o.grants}
		f, err := kmskey.ReadGrantsFile(data)
		if err != nil {
			return cli.Usagef("%s: %v", src, err)
		}
		in.grants, in.grantsData = src, data
		in.policies.Grants = f.Grants
		if cfg := f.Configuration; cfg != nil && cfg.Grants == nil {
			in.notes = append(in.notes, src.String()+" lists no grants member: Access Analyzer would use the key's existing grants; here the key has none")
		}
		if cfg := f.Configuration; cfg != nil && cfg.KeyPolicy != nil {
			if in.policies.Resource != nil {
				return cli.Usagef("%s holds a key policy (keyPolicies.default) and -resource-policy gives another: give one", src)
			}
			in.policies.Resource = cfg.KeyPolicy
			in.sources["Resource"] = src
			in.notes = append(in.notes, "the key policy is keyPolicies.default of "+src.String())
		}
	}
	if o.keyMetadata != "" || o.keyTags != "" {
		meta, err := readKeyFile(files, "-key-metadata", o.keyMetadata, kmskey.ReadKeyMetadata)
		if err != nil {
			return err
		}
		tags, err := readKeyFile(files, "-key-tags", o.keyTags, kmskey.ReadTags)
		if err != nil {
			return err
		}
		if o.keyMetadata != "" {
			in.keyMetadata = source{Flag: "-key-metadata", File: o.keyMetadata}
		}
		in.policies.Key = kmskey.Facts(meta, tags)
	}
	if err := in.checkKeyFiles(); err != nil {
		return err
	}
	var err error
	if in.policies.PrincipalTags, err = pairs("-principal-tag", o.principalTags); err != nil {
		return err
	}
	if in.request.EncryptionContext, err = pairs("-encryption-context", o.encryptionContext); err != nil {
		return err
	}
	if in.request.EncryptionContext != nil {
		// One source for the encryption context: the grant constraints and
		// the kms:EncryptionContext conditions must see the same.
		for k := range in.request.Context {
			if l := strings.ToLower(k); strings.HasPrefix(l, "kms:encryptioncontext:") || l == "kms:encryptioncontextkeys" {
				return cli.Usagef("-context %q: the request's encryption context is given with -encryption-context; give it there only", k)
			}
		}
	}
	in.request.GrantId = o.grantID
	if r, ok, err := reading("-grant-boundaries", o.grantBoundaries, grantBoundaryReadings); err != nil {
		return err
	} else if ok {
		in.options = append(in.options, evaluate.GrantBoundaries(r))
	}
	if r, ok, err := reading("-account-grantees", o.accountGrantees, accountGranteeReadings); err != nil {
		return err
	} else if ok {
		in.options = append(in.options, evaluate.AccountGrantees(r))
	}
	if r, ok, err := reading("-grant-source-arn", o.grantSourceArn, sourceArnReadings); err != nil {
		return err
	} else if ok {
		in.options = append(in.options, evaluate.GrantSourceArn(r))
	}
	return nil
}

// checkKeyFiles refuses key files about another key than -resource: the
// engine applies a key's facts and grants only to requests on that key, so
// a describe-key or list-grants file saved for the wrong key would be
// silently ignored, and the answer given without what the user passed.
// A -resource that is not a key ARN is left alone (the files then inform
// no request, as for an action that takes no key).
func (in *input) checkKeyFiles() error {
	a, err := policy.ParseARN(in.request.Resource)
	if err != nil || a.Service != "kms" || !strings.HasPrefix(a.Resource, "key/") {
		return nil
	}
	keyID := strings.TrimPrefix(a.Resource, "key/")
	if k := in.policies.Key; k != nil && k.Arn != "" && k.Arn != in.request.Resource {
		return cli.Usagef("%s KeyMetadata.Arn: %q is another key than -resource %q: give the key's own describe-key output",
			in.keyMetadata, k.Arn, in.request.Resource)
	}
	for i, g := range in.policies.Grants {
		if g.KeyId == "" || g.KeyId == in.request.Resource || g.KeyId == keyID {
			continue
		}
		where, _ := in.grantPath("Grants[" + strconv.Itoa(i) + "].KeyId")
		return cli.Usagef("%s: %q is another key than -resource %q: a grant applies only to its key; give the key's own list-grants output",
			where, g.KeyId, in.request.Resource)
	}
	return nil
}

// readKeyFile reads one of the key's files with its reader; an empty name
// gives the zero value.
func readKeyFile[T any](files *cli.Files, flag, name string, read func([]byte) (T, error)) (T, error) {
	var zero T
	if name == "" {
		return zero, nil
	}
	data, err := files.Read(flag, name)
	if err != nil {
		return zero, err
	}
	v, err := read(data)
	if err != nil {
		return zero, cli.Usagef("%s: %v", source{Flag: flag, File: name}, err)
	}
	return v, nil
}

// pairs reads key=value flags into a map; nil when none is given. Two
// keys that differ only in case are refused: tag keys are unique ignoring
// case, and conditions read encryption-context keys ignoring case, so
// either would leave the request ambiguous.
func pairs(flag string, list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	m := make(map[string]string, len(list))
	folded := map[string]string{}
	for _, kv := range list {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, cli.Usagef("%s %q: want key=value", flag, kv)
		}
		if prev, dup := folded[strings.ToLower(k)]; dup {
			return nil, cli.Usagef("%s: key %q is given twice (as %q and %q); give each key once", flag, k, prev, k)
		}
		folded[strings.ToLower(k)] = k
		m[k] = v
	}
	return m, nil
}

// grantPath rewrites a library path about a grant ("Grants[3].Operations[1]")
// into the -grants file's terms, found in its text; ok is false for other
// paths.
func (in *input) grantPath(path string) (string, bool) {
	ref, ok := in.grantRef(path)
	if !ok {
		return "", false
	}
	return ref.String(), true
}

func (in *input) grantRef(path string) (*grantRef, bool) {
	i, field, ok := kmskey.SplitGrantPath(path)
	if !ok || in.grants.Flag == "" {
		return nil, false
	}
	ref := &grantRef{Flag: in.grants.Flag, File: in.grants.File, Path: path}
	if loc, _, found := kmskey.Locate(in.grantsData, i, field); found {
		ref.Path = loc.Path
		if loc.Page > 1 {
			ref.Path = "page " + strconv.Itoa(loc.Page) + " " + loc.Path
		}
	}
	return ref, true
}

// grantOf says where the -grants file has the grant with this ID.
func (in *input) grantOf(id string) *grantRef {
	for i, g := range in.policies.Grants {
		if g.GrantId == id {
			if ref, ok := in.grantRef("Grants[" + strconv.Itoa(i) + "]"); ok {
				return ref
			}
		}
	}
	return nil
}
