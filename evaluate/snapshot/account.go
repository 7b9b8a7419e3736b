package snapshot

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
)

// Account is one AWS account's authorization data: its IAM users, groups,
// roles and managed policies, its KMS keys with their key policies, grants
// and tags, and the SCPs and RCPs above it. It is immutable once built and
// safe for concurrent use.
type Account struct {
	// ID is the 12-digit account ID.
	ID string
	// Partition is the ARN partition, such as "aws".
	Partition string
	// SCPs are the service control policies, one slice per level, root
	// first and the account last; nil when the snapshot has none
	// (OrgLoaded false).
	SCPs [][]Document
	// RCPs are the resource control policies, likewise.
	RCPs [][]Document
	// SCPsLoaded and RCPsLoaded report that the snapshot holds the
	// organization's policies of that kind.
	SCPsLoaded, RCPsLoaded bool
	// Organization is the organization the account belongs to, when the
	// snapshot holds describe-organization's output; nil otherwise.
	Organization *Organization

	principals []*Principal
	byARN      map[string]*Principal
	keys       []*Key
	// unreadable holds the documents the engine reads only with
	// evaluate.LooseDocuments, with the report entry for each.
	unreadable map[*policy.Document]Gap
	// shared holds what every question over the account reuses.
	shared *shared
}

// shared is what questions over an account reuse, made as they need it:
// the grammar check of every document (the account's, checked at load,
// and the bounds WhoCan derives from them) and the bounds themselves. Both
// grow only with the account's documents and keys.
type shared struct {
	compile *evaluate.CompileCache
	mu      sync.Mutex
	bounds  map[sharedBoundKey]boundDoc
}

// sharedBoundKey is a document's bound for one key's questions.
type sharedBoundKey struct {
	key string
	boundKey
}

func newShared() *shared {
	return &shared{compile: evaluate.NewCompileCache(), bounds: map[sharedBoundKey]boundDoc{}}
}

// CompileOptions are the evaluate options every decision over the account
// needs: evaluate.LooseDocuments when some document breaks the policy
// grammar (Unreadable lists them), none otherwise.
func (a *Account) CompileOptions() []evaluate.Option {
	if a != nil && len(a.unreadable) > 0 {
		return []evaluate.Option{evaluate.LooseDocuments()}
	}
	return nil
}

// Unreadable reports whether d is a document of the account that the engine
// reads only fail-closed, and why.
func (a *Account) Unreadable(d *policy.Document) (Gap, bool) {
	if a == nil {
		return Gap{}, false
	}
	g, ok := a.unreadable[d]
	return g, ok
}

// Input is an account built in Go from the AWS SDK's output types, for New.
type Input struct {
	// AuthorizationDetails are every page of
	// (*iam.Client).GetAccountAuthorizationDetails. Policy documents are
	// URL-encoded, as the SDK returns them, or plain JSON text.
	AuthorizationDetails []*iam.GetAccountAuthorizationDetailsOutput
	// Keys are the account's KMS keys.
	Keys []KeyInput
	// SCPs and RCPs are the organization's policies, one slice per level
	// from the root to the account; nil when not collected. Each
	// Document's Source names it in explanations.
	SCPs, RCPs [][]Document
	// Organization is the organization the account belongs to
	// ((*organizations.Client).DescribeOrganization's Id and
	// MasterAccountId); nil when not collected.
	Organization *Organization
}

// New builds an Account from SDK outputs. Errors name the input field, such
// as "AuthorizationDetails[0]: RoleDetailList[2].RolePolicyList[0].PolicyDocument".
func New(in Input) (*Account, error) {
	var pages []page
	for i, out := range in.AuthorizationDetails {
		if out == nil {
			return nil, malformed(index("AuthorizationDetails", i), "", "nil page")
		}
		pages = append(pages, page{file: index("AuthorizationDetails", i), out: out})
		if out.IsTruncated {
			pages[i].more = "IsTruncated"
		}
	}
	var keys []*Key
	for i, k := range in.Keys {
		where := index("Keys", i)
		key, err := newKey(where, k, where, "Policy")
		if err != nil {
			return nil, err
		}
		keys = append(keys, key)
	}
	for name, levels := range map[string][][]Document{"SCPs": in.SCPs, "RCPs": in.RCPs} {
		for i, l := range levels {
			for j := range l {
				where := index(index(name, i), j)
				if l[j].Doc == nil {
					return nil, malformed(where, "", "nil document")
				}
				l[j].file = where
			}
		}
	}
	if in.Organization != nil {
		org := *in.Organization
		if err := checkOrganization(&org, "Organization", ""); err != nil {
			return nil, err
		}
		in.Organization = &org
	}
	return build(pages, keys, in.SCPs, in.SCPs != nil, in.RCPs, in.RCPs != nil, in.Organization, "Organization")
}

// MaxFileSize is the largest snapshot file Load reads.
const MaxFileSize = 512 << 20

// Load reads a snapshot directory as the AWS CLI writes it:
//
//	iam/authorization-details*.json       aws iam get-account-authorization-details (one file per page, or the merged output)
//	kms/<key-id>/describe-key.json        aws kms describe-key
//	kms/<key-id>/key-policy.json          aws kms get-key-policy --policy-name default
//	kms/<key-id>/grants*.json             aws kms list-grants (optional; absent: grants unknown)
//	kms/<key-id>/tags.json                aws kms list-resource-tags (optional; absent: tags unknown)
//	organizations/scp/<n>-<name>/*.json   aws organizations describe-policy, or a bare document (optional)
//	organizations/rcp/<n>-<name>/*.json   likewise for RCPs (optional)
//	organizations/describe-organization.json  aws organizations describe-organization (optional)
//
// Errors are *Error naming the file and the JSON path.
func Load(dir string) (*Account, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &Error{File: dir, Reason: "cannot read the snapshot directory: " + err.Error(), Err: ErrMalformed}
	}
	if !st.IsDir() {
		return nil, malformed(dir, "", "not a directory: give the snapshot directory (holding iam/, kms/ and organizations/), not a file in it")
	}
	return LoadFS(os.DirFS(dir))
}

// LoadFS is Load on a file system, such as an fstest.MapFS or an embed.FS.
func LoadFS(fsys fs.FS) (*Account, error) {
	if fsys == nil {
		return nil, malformed(".", "", "the file system is nil")
	}
	files, err := jsonFiles(fsys, "iam", "authorization-details*.json")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, malformed("iam/authorization-details.json", "", "missing: save `aws iam get-account-authorization-details` output there")
	}
	var pages []page
	for _, f := range files {
		data, err := readFile(fsys, f)
		if err != nil {
			return nil, err
		}
		out, more, err := readAuthorizationDetails(f, data)
		if err != nil {
			return nil, err
		}
		pages = append(pages, page{file: f, out: out, more: more})
	}
	keys, err := readKeys(fsys)
	if err != nil {
		return nil, err
	}
	scps, scpOK, err := readLevels(fsys, scpKind)
	if err != nil {
		return nil, err
	}
	rcps, rcpOK, err := readLevels(fsys, rcpKind)
	if err != nil {
		return nil, err
	}
	org, err := readOrganization(fsys)
	if err != nil {
		return nil, err
	}
	return build(pages, keys, scps, scpOK, rcps, rcpOK, org, organizationFile)
}

// readKeys reads every kms/<key-id>/ folder.
func readKeys(fsys fs.FS) ([]*Key, error) {
	entries, err := fs.ReadDir(fsys, "kms")
	if err != nil {
		if isNotExist(err) {
			return nil, nil
		}
		return nil, &Error{File: "kms", Reason: err.Error(), Err: err}
	}
	var keys []*Key
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := path.Join("kms", e.Name())
		f := path.Join(dir, "describe-key.json")
		data, err := readFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var in KeyInput
		if in.Metadata, err = kmskey.ReadKeyMetadata(data); err != nil {
			return nil, fromKMSKey(f, err)
		}
		pf := path.Join(dir, "key-policy.json")
		if data, err = readFile(fsys, pf); err != nil {
			return nil, err
		}
		text, ppath, err := readKeyPolicy(pf, data)
		if err != nil {
			return nil, err
		}
		in.Policy = text
		grantFiles, err := jsonFiles(fsys, dir, "grants*.json")
		if err != nil {
			return nil, err
		}
		for _, gf := range grantFiles {
			data, err := readFile(fsys, gf)
			if err != nil {
				return nil, err
			}
			gs, err := kmskey.ReadGrants(data)
			if err != nil {
				return nil, fromKMSKey(gf, err)
			}
			if i, other := grantOnOtherKey(gs, deref(in.Metadata.Arn)); i >= 0 && keyARNOK(deref(in.Metadata.Arn)) {
				p := "Grants[" + strconv.Itoa(i) + "].KeyId"
				if loc, _, ok := kmskey.Locate(data, i, "KeyId"); ok {
					p = loc.Path
					if loc.Page > 1 {
						p = "page " + strconv.Itoa(loc.Page) + ": " + p
					}
				}
				return nil, malformed(gf, p, otherKeyReason(other, deref(in.Metadata.Arn)))
			}
			in.Grants = append(in.Grants, gs...)
			if in.Grants == nil {
				in.Grants = gs // loaded, empty
			}
		}
		tf := path.Join(dir, "tags.json")
		if data, err := readFile(fsys, tf); err == nil {
			if in.Tags, err = kmskey.ReadTags(data); err != nil {
				return nil, fromKMSKey(tf, err)
			}
			if in.Tags == nil {
				in.Tags = []kmstypes.Tag{} // read: the key has none
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		k, err := newKey(dir, in, pf, ppath)
		if err != nil {
			return nil, err
		}
		if k.ID != e.Name() {
			return nil, malformed(f, "KeyMetadata.KeyId", "key "+quote(k.ID)+" is in folder "+quote(dir)+": name the folder after the key ID")
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// build assembles the account.
func build(pages []page, keys []*Key, scps [][]Document, scpOK bool, rcps [][]Document, rcpOK bool, org *Organization, orgFile string) (*Account, error) {
	d, err := readIAM(pages)
	if err != nil {
		return nil, err
	}
	a := &Account{ID: d.account, Partition: d.partition, SCPs: scps, RCPs: rcps, SCPsLoaded: scpOK, RCPsLoaded: rcpOK, byARN: map[string]*Principal{},
		shared: newShared()}
	sort.Slice(keys, func(i, j int) bool { return keys[i].ARN < keys[j].ARN })
	for i, k := range keys {
		if i > 0 && keys[i-1].ARN == k.ARN {
			return nil, malformed(k.dir, "KeyMetadata.Arn", "key "+quote(k.ARN)+" given twice")
		}
		if a.ID == "" {
			a.ID, a.Partition = k.Account, k.Partition
		}
		if k.Account != a.ID {
			return nil, malformed(k.dir, "KeyMetadata.Arn", "key of account "+k.Account+" in a snapshot of account "+a.ID)
		}
		if k.Partition != a.Partition {
			return nil, malformed(k.dir, "KeyMetadata.Arn", "key of partition "+k.Partition+" in a snapshot whose ARNs are in "+a.Partition)
		}
	}
	if a.ID == "" {
		return nil, malformed("iam", "", "no user, group, role, customer managed policy or key names the account")
	}
	a.keys = keys
	a.Organization = org
	if err := a.checkManagement(orgFile); err != nil {
		return nil, err
	}
	a.principals = d.principals()
	if err := a.check(); err != nil {
		return nil, err
	}
	root := &Principal{ARN: "arn:" + a.Partition + ":iam::" + a.ID + ":root", Kind: Root, Name: "root", Path: "/"}
	a.principals = append(a.principals, root)
	sort.Slice(a.principals, func(i, j int) bool { return a.principals[i].ARN < a.principals[j].ARN })
	for _, p := range a.principals {
		a.byARN[p.ARN] = p
	}
	return a, nil
}

// Principals returns the account's users and roles and its root user,
// sorted by ARN (none for a nil Account).
func (a *Account) Principals() []*Principal {
	if a == nil {
		return nil
	}
	return append([]*Principal(nil), a.principals...)
}

// Principal returns the principal with the given ARN.
func (a *Account) Principal(arn string) (*Principal, bool) {
	if a == nil {
		return nil, false
	}
	p, ok := a.byARN[arn]
	return p, ok
}

// Keys returns the account's KMS keys, sorted by ARN (none for a nil
// Account).
func (a *Account) Keys() []*Key {
	if a == nil {
		return nil
	}
	return append([]*Key(nil), a.keys...)
}

// Key returns the key with the given ARN or key ID.
func (a *Account) Key(arnOrID string) (*Key, bool) {
	if a == nil {
		return nil, false
	}
	for _, k := range a.keys {
		if k.ARN == arnOrID || k.ID == arnOrID {
			return k, true
		}
	}
	return nil, false
}

// jsonFiles lists dir's files matching pattern, sorted; none when dir does
// not exist.
func jsonFiles(fsys fs.FS, dir, pattern string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if isNotExist(err) {
			return nil, nil
		}
		return nil, &Error{File: dir, Reason: err.Error(), Err: err}
	}
	var out []string
	for _, e := range entries {
		if ok, _ := path.Match(pattern, e.Name()); ok {
			if e.IsDir() {
				// Skipping it would drop a page, a grants list or an
				// organization policy without a word.
				return nil, malformed(path.Join(dir, e.Name()), "", "a folder where the snapshot reads a file ("+pattern+"): save the AWS CLI's output there, or move the folder away")
			}
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// readFile reads a snapshot file of at most MaxFileSize bytes.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		if isNotExist(err) {
			return nil, &Error{File: name, Reason: "missing", Err: fs.ErrNotExist}
		}
		return nil, &Error{File: name, Reason: err.Error(), Err: err}
	}
	defer f.Close()
	// A named pipe or a device would be read without end.
	if st, err := f.Stat(); err != nil {
		return nil, &Error{File: name, Reason: err.Error(), Err: err}
	} else if !st.Mode().IsRegular() {
		return nil, malformed(name, "", "not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: name, Reason: err.Error(), Err: err}
	}
	if len(data) > MaxFileSize {
		return nil, malformed(name, "", "larger than "+strconv.Itoa(MaxFileSize>>20)+" MiB")
	}
	// The AWS CLI writes UTF-8; encoding/json would turn a stray byte
	// into U+FFFD without a word, renaming a principal or a policy value.
	if !utf8.Valid(data) {
		return nil, malformed(name, "", "not valid UTF-8 at byte offset "+strconv.Itoa(invalidUTF8At(data))+": save the AWS CLI's output as it prints it")
	}
	return data, nil
}

// invalidUTF8At returns the byte offset of data's first invalid UTF-8
// sequence.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
