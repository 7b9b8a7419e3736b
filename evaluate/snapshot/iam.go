package snapshot

import (
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	iarn "github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/policy"
)

// page is one get-account-authorization-details page and where it came
// from: a file of the snapshot, or "AuthorizationDetails[i]" in Go.
type page struct {
	file string
	out  *iam.GetAccountAuthorizationDetailsOutput
	// more names the member that says more items follow ("IsTruncated",
	// "NextToken"), or is "" on a last page.
	more string
}

// checkLastPage refuses a dump none of whose pages is the last one: the
// API says IsTruncated on every page but the last, and the CLI prints
// NextToken when --max-items cut its output
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html,
// https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html).
// Reading it would drop the missing pages' users, roles and policies, and
// their access, without a word.
func checkLastPage(pages []page) error {
	for _, pg := range pages {
		if pg.more == "" {
			return nil
		}
	}
	if len(pages) == 0 {
		return nil
	}
	last := pages[len(pages)-1]
	return malformed(last.file, last.more, "more items follow and no page of the snapshot is the last one: save every page of get-account-authorization-details (the CLI does, without --max-items)")
}

// managed is a customer or AWS managed policy: its default version.
type managed struct {
	arn, version string
	doc          *policy.Document
	file, path   string
}

// group is an IAM group with its policies.
type group struct {
	name     string
	arn      string
	docs     []Document
	attached []string
	where    string
}

// iamData is what the pages say, before principals are assembled.
type iamData struct {
	account   string
	partition string
	policies  map[string]*managed
	groups    map[string]*group
	users     []pendingPrincipal
	roles     []pendingPrincipal
	seen      map[string]string // ARN → file and path that gave it
}

// pendingPrincipal is a user or role whose managed policies are not yet
// resolved.
type pendingPrincipal struct {
	p        *Principal
	attached []string
	boundary string
}

// readIAM builds the IAM part of the account from the pages.
func readIAM(pages []page) (*iamData, error) {
	if err := checkLastPage(pages); err != nil {
		return nil, err
	}
	d := &iamData{policies: map[string]*managed{}, groups: map[string]*group{}, seen: map[string]string{}}
	// Managed policies first: principals refer to them.
	for _, pg := range pages {
		for i, mp := range pg.out.Policies {
			if err := d.addPolicy(pg.file, index("Policies", i), mp); err != nil {
				return nil, err
			}
		}
	}
	for _, pg := range pages {
		for i, g := range pg.out.GroupDetailList {
			if err := d.addGroup(pg.file, index("GroupDetailList", i), g); err != nil {
				return nil, err
			}
		}
		for i, u := range pg.out.UserDetailList {
			if err := d.addUser(pg.file, index("UserDetailList", i), u); err != nil {
				return nil, err
			}
		}
		for i, r := range pg.out.RoleDetailList {
			if err := d.addRole(pg.file, index("RoleDetailList", i), r); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// claim checks an ARN of kind want ("user", "role", "group", "policy") in
// the snapshot's account, given once.
func (d *iamData) claim(file, path, arn, want string) error {
	a, err := policy.ParseARN(arn)
	if err != nil || a.Service != "iam" || !strings.HasPrefix(a.Resource, want+"/") {
		return malformed(file, path, "not an IAM "+want+" ARN: "+quote(arn))
	}
	// What the engine would refuse as a request's principal is refused
	// here, naming the file: else WhoCan fails on the whole key.
	switch {
	case !iarn.KnownPartition(a.Partition):
		return malformed(file, path, "partition "+quote(a.Partition)+" in "+quote(arn)+" is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso…, in lower case)")
	case d.partition != "" && a.Partition != d.partition:
		return malformed(file, path, "partition "+a.Partition+" in "+quote(arn)+", but the snapshot's ARNs are in "+d.partition+": load one account per snapshot")
	case strings.ContainsAny(arn, "*?"):
		return malformed(file, path, "a wildcard in "+quote(arn)+": the ARN of an IAM "+want+" holds none")
	case a.Resource[strings.LastIndexByte(a.Resource, '/')+1:] == "":
		return malformed(file, path, "no name at the end of "+quote(arn))
	}
	if d.partition == "" {
		d.partition = a.Partition
	}
	if a.Account != "aws" { // AWS managed policies live in account "aws".
		if !policy.IsAccountID(a.Account) {
			return malformed(file, path, "no 12-digit account ID in "+quote(arn))
		}
		if d.account == "" {
			d.account = a.Account
		} else if a.Account != d.account {
			return malformed(file, path, "account "+a.Account+" in "+quote(arn)+", but the snapshot is of account "+d.account+": load one account per snapshot")
		}
	}
	if prev, dup := d.seen[arn]; dup {
		return malformed(file, path, quote(arn)+" given twice (also at "+prev+")")
	}
	d.seen[arn] = file + ": " + path
	return nil
}

func (d *iamData) addPolicy(file, path string, mp iamtypes.ManagedPolicyDetail) error {
	arn := deref(mp.Arn)
	if err := d.claim(file, child(path, "Arn"), arn, "policy"); err != nil {
		return err
	}
	def := -1
	for i, v := range mp.PolicyVersionList {
		if v.IsDefaultVersion {
			if def >= 0 {
				return malformed(file, index(child(path, "PolicyVersionList"), i), "a second default version")
			}
			def = i
		}
	}
	if def < 0 {
		return malformed(file, child(path, "PolicyVersionList"), "no version has IsDefaultVersion true: the policy's permissions are unknown")
	}
	v := mp.PolicyVersionList[def]
	vpath := index(child(path, "PolicyVersionList"), def)
	if id := deref(mp.DefaultVersionId); id != "" && deref(v.VersionId) != "" && id != deref(v.VersionId) {
		return malformed(file, child(vpath, "VersionId"), "the default version is "+quote(deref(v.VersionId))+" but DefaultVersionId is "+quote(id))
	}
	if v.Document == nil {
		return malformed(file, child(vpath, "Document"), "missing")
	}
	doc, err := parseDocument(file, child(vpath, "Document"), *v.Document)
	if err != nil {
		return err
	}
	d.policies[arn] = &managed{arn: arn, version: deref(v.VersionId), doc: doc, file: file, path: child(vpath, "Document")}
	return nil
}

func (d *iamData) addGroup(file, path string, g iamtypes.GroupDetail) error {
	arn := deref(g.Arn)
	if err := d.claim(file, child(path, "Arn"), arn, "group"); err != nil {
		return err
	}
	name := deref(g.GroupName)
	// Group names are unique in an account whatever their path, and users
	// name their groups by name only.
	key := strings.ToLower(name)
	if _, dup := d.groups[key]; dup {
		return malformed(file, child(path, "GroupName"), "group "+quote(name)+" given twice")
	}
	gr := &group{name: name, arn: arn, where: file + ": " + path}
	docs, err := inline(file, child(path, "GroupPolicyList"), arn, g.GroupPolicyList)
	if err != nil {
		return err
	}
	gr.docs = docs
	for _, a := range g.AttachedManagedPolicies {
		gr.attached = append(gr.attached, deref(a.PolicyArn))
	}
	d.groups[key] = gr
	return nil
}

func (d *iamData) addUser(file, path string, u iamtypes.UserDetail) error {
	arn := deref(u.Arn)
	if err := d.claim(file, child(path, "Arn"), arn, "user"); err != nil {
		return err
	}
	p := &Principal{ARN: arn, Kind: User, Name: deref(u.UserName), Path: pathOr(u.Path), Groups: u.GroupList}
	docs, err := inline(file, child(path, "UserPolicyList"), arn, u.UserPolicyList)
	if err != nil {
		return err
	}
	p.Identity = docs
	p.Tags = tags(u.Tags)
	pp := pendingPrincipal{p: p, boundary: boundaryARN(u.PermissionsBoundary)}
	for _, a := range u.AttachedManagedPolicies {
		pp.attached = append(pp.attached, deref(a.PolicyArn))
	}
	d.users = append(d.users, pp)
	return nil
}

func (d *iamData) addRole(file, path string, r iamtypes.RoleDetail) error {
	arn := deref(r.Arn)
	if err := d.claim(file, child(path, "Arn"), arn, "role"); err != nil {
		return err
	}
	p := &Principal{ARN: arn, Kind: Role, Name: deref(r.RoleName), Path: pathOr(r.Path)}
	p.ServiceLinked = isServiceLinked(p.Path)
	if r.AssumeRolePolicyDocument != nil {
		// Read so that a malformed trust policy is reported; who may
		// assume the role is not part of the key's access.
		if _, err := parseDocument(file, child(path, "AssumeRolePolicyDocument"), *r.AssumeRolePolicyDocument); err != nil {
			return err
		}
	}
	docs, err := inline(file, child(path, "RolePolicyList"), arn, r.RolePolicyList)
	if err != nil {
		return err
	}
	p.Identity = docs
	p.Tags = tags(r.Tags)
	pp := pendingPrincipal{p: p, boundary: boundaryARN(r.PermissionsBoundary)}
	for _, a := range r.AttachedManagedPolicies {
		pp.attached = append(pp.attached, deref(a.PolicyArn))
	}
	d.roles = append(d.roles, pp)
	return nil
}

func pathOr(p *string) string {
	if p == nil || *p == "" {
		return "/"
	}
	return *p
}

func boundaryARN(b *iamtypes.AttachedPermissionsBoundary) string {
	if b == nil {
		return ""
	}
	return deref(b.PermissionsBoundaryArn)
}

func tags(ts []iamtypes.Tag) map[string]string {
	if len(ts) == 0 {
		return nil
	}
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[deref(t.Key)] = deref(t.Value)
	}
	return m
}

// inline parses a principal's or group's inline policies.
func inline(file, path, owner string, list []iamtypes.PolicyDetail) ([]Document, error) {
	var out []Document
	for i, pd := range list {
		p := index(path, i)
		if pd.PolicyDocument == nil {
			return nil, malformed(file, child(p, "PolicyDocument"), "missing")
		}
		doc, err := parseDocument(file, child(p, "PolicyDocument"), *pd.PolicyDocument)
		if err != nil {
			return nil, err
		}
		out = append(out, Document{Doc: doc, Source: owner + " inline policy " + deref(pd.PolicyName), file: file, path: child(p, "PolicyDocument")})
	}
	return out, nil
}

// managedDoc returns an attached managed policy as a Document, or false
// when the snapshot lacks it.
func (d *iamData) managedDoc(arn string) (Document, bool) {
	m, ok := d.policies[arn]
	if !ok {
		return Document{}, false
	}
	src := arn
	if m.version != "" {
		src += " (" + m.version + ")"
	}
	return Document{Doc: m.doc, Source: src, file: m.file, path: m.path}, true
}

// principals resolves managed policies, boundaries and groups, and returns
// the users and roles sorted by ARN.
func (d *iamData) principals() []*Principal {
	var out []*Principal
	resolve := func(p *Principal, attached []string) {
		for _, a := range attached {
			if doc, ok := d.managedDoc(a); ok {
				p.Identity = append(p.Identity, doc)
			} else {
				p.Missing = append(p.Missing, a)
			}
		}
	}
	for _, pp := range append(append([]pendingPrincipal(nil), d.users...), d.roles...) {
		p := pp.p
		resolve(p, pp.attached)
		for _, g := range p.Groups {
			gr, ok := d.groups[strings.ToLower(g)]
			if !ok {
				p.Missing = append(p.Missing, "group/"+g)
				continue
			}
			p.Identity = append(p.Identity, gr.docs...)
			resolve(p, gr.attached)
		}
		if pp.boundary != "" {
			p.BoundaryARN = pp.boundary
			if doc, ok := d.managedDoc(pp.boundary); ok {
				p.Boundary = &doc
			} else {
				p.Missing = append(p.Missing, pp.boundary)
			}
		}
		p.Missing = sortedUnique(p.Missing)
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

func sortedUnique(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}

func quote(s string) string { return "\"" + s + "\"" }
