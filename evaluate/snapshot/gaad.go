package snapshot

import (
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// readAuthorizationDetails reads one page of `aws iam
// get-account-authorization-details` output into the Go SDK's type. Policy
// documents are kept as text: an object as the CLI prints it, a string as
// the API returns it (URL-encoded); the account is built from the text by
// decodeDocument. Members AWS may add later are ignored; a member of the
// wrong type is an error naming its path. more names the member that says
// more items follow: "IsTruncated" (the API's page), "NextToken" (the
// CLI's output cut by --max-items), or "" for a last page.
func readAuthorizationDetails(file string, data []byte) (out *iam.GetAccountAuthorizationDetailsOutput, more string, err error) {
	out, err = readAuthorizationPage(file, data)
	if err != nil {
		return nil, "", err
	}
	root, _ := jv{file: file, raw: data}.object()
	switch {
	case out.IsTruncated:
		more = "IsTruncated"
	case root.has("NextToken"):
		more = "NextToken"
	}
	return out, more, nil
}

func readAuthorizationPage(file string, data []byte) (*iam.GetAccountAuthorizationDetailsOutput, error) {
	root, err := jv{file: file, raw: data}.object()
	if err != nil {
		return nil, err
	}
	out := &iam.GetAccountAuthorizationDetailsOutput{}
	if out.IsTruncated, err = root.optBool("IsTruncated"); err != nil {
		return nil, err
	}
	users, err := root.optArray("UserDetailList")
	if err != nil {
		return nil, err
	}
	for _, v := range users {
		u, err := readUser(v)
		if err != nil {
			return nil, err
		}
		out.UserDetailList = append(out.UserDetailList, u)
	}
	groups, err := root.optArray("GroupDetailList")
	if err != nil {
		return nil, err
	}
	for _, v := range groups {
		g, err := readGroup(v)
		if err != nil {
			return nil, err
		}
		out.GroupDetailList = append(out.GroupDetailList, g)
	}
	rs, err := root.optArray("RoleDetailList")
	if err != nil {
		return nil, err
	}
	for _, v := range rs {
		r, err := readRole(v)
		if err != nil {
			return nil, err
		}
		out.RoleDetailList = append(out.RoleDetailList, r)
	}
	ps, err := root.optArray("Policies")
	if err != nil {
		return nil, err
	}
	for _, v := range ps {
		p, err := readManagedPolicy(v)
		if err != nil {
			return nil, err
		}
		out.Policies = append(out.Policies, p)
	}
	if len(users)+len(groups)+len(rs)+len(ps) == 0 && !root.has("UserDetailList") && !root.has("RoleDetailList") && !root.has("Policies") && !root.has("GroupDetailList") {
		return nil, malformed(file, "", "not get-account-authorization-details output: no UserDetailList, GroupDetailList, RoleDetailList or Policies")
	}
	return out, nil
}

// strs reads the named string members of o into the pointers, in order:
// required ones must be present and non-empty.
func strs(o jobj, required bool, fields ...any) error {
	for i := 0; i < len(fields); i += 2 {
		key, dst := fields[i].(string), fields[i+1].(**string)
		var s string
		var err error
		if required {
			s, err = o.reqString(key)
		} else {
			s, err = o.optString(key)
		}
		if err != nil {
			return err
		}
		if s != "" || o.has(key) {
			*dst = ptr(s)
		}
	}
	return nil
}

func readUser(v jv) (iamtypes.UserDetail, error) {
	var u iamtypes.UserDetail
	o, err := v.object()
	if err != nil {
		return u, err
	}
	if err := strs(o, true, "Arn", &u.Arn, "UserName", &u.UserName); err != nil {
		return u, err
	}
	if err := strs(o, false, "Path", &u.Path, "UserId", &u.UserId); err != nil {
		return u, err
	}
	if u.UserPolicyList, err = readInline(o, "UserPolicyList"); err != nil {
		return u, err
	}
	if u.GroupList, err = o.optStrings("GroupList"); err != nil {
		return u, err
	}
	if u.AttachedManagedPolicies, err = readAttached(o); err != nil {
		return u, err
	}
	if u.PermissionsBoundary, err = readBoundary(o); err != nil {
		return u, err
	}
	u.Tags, err = readTags(o)
	return u, err
}

func readGroup(v jv) (iamtypes.GroupDetail, error) {
	var g iamtypes.GroupDetail
	o, err := v.object()
	if err != nil {
		return g, err
	}
	if err := strs(o, true, "Arn", &g.Arn, "GroupName", &g.GroupName); err != nil {
		return g, err
	}
	if err := strs(o, false, "Path", &g.Path, "GroupId", &g.GroupId); err != nil {
		return g, err
	}
	if g.GroupPolicyList, err = readInline(o, "GroupPolicyList"); err != nil {
		return g, err
	}
	g.AttachedManagedPolicies, err = readAttached(o)
	return g, err
}

func readRole(v jv) (iamtypes.RoleDetail, error) {
	var r iamtypes.RoleDetail
	o, err := v.object()
	if err != nil {
		return r, err
	}
	if err := strs(o, true, "Arn", &r.Arn, "RoleName", &r.RoleName); err != nil {
		return r, err
	}
	if err := strs(o, false, "Path", &r.Path, "RoleId", &r.RoleId); err != nil {
		return r, err
	}
	if t, ok := o.get("AssumeRolePolicyDocument"); ok {
		s, err := t.documentText()
		if err != nil {
			return r, err
		}
		r.AssumeRolePolicyDocument = &s
	}
	if r.RolePolicyList, err = readInline(o, "RolePolicyList"); err != nil {
		return r, err
	}
	if r.AttachedManagedPolicies, err = readAttached(o); err != nil {
		return r, err
	}
	if r.PermissionsBoundary, err = readBoundary(o); err != nil {
		return r, err
	}
	r.Tags, err = readTags(o)
	return r, err
}

func readManagedPolicy(v jv) (iamtypes.ManagedPolicyDetail, error) {
	var p iamtypes.ManagedPolicyDetail
	o, err := v.object()
	if err != nil {
		return p, err
	}
	if err := strs(o, true, "Arn", &p.Arn, "PolicyName", &p.PolicyName); err != nil {
		return p, err
	}
	if err := strs(o, false, "Path", &p.Path, "PolicyId", &p.PolicyId, "DefaultVersionId", &p.DefaultVersionId); err != nil {
		return p, err
	}
	vs, err := o.optArray("PolicyVersionList")
	if err != nil {
		return p, err
	}
	for _, v := range vs {
		vo, err := v.object()
		if err != nil {
			return p, err
		}
		var pv iamtypes.PolicyVersion
		if err := strs(vo, false, "VersionId", &pv.VersionId); err != nil {
			return p, err
		}
		if pv.IsDefaultVersion, err = vo.optBool("IsDefaultVersion"); err != nil {
			return p, err
		}
		if d, ok := vo.get("Document"); ok {
			s, err := d.documentText()
			if err != nil {
				return p, err
			}
			pv.Document = &s
		}
		p.PolicyVersionList = append(p.PolicyVersionList, pv)
	}
	return p, nil
}

// readInline reads UserPolicyList, GroupPolicyList or RolePolicyList.
func readInline(o jobj, key string) ([]iamtypes.PolicyDetail, error) {
	vs, err := o.optArray(key)
	if err != nil {
		return nil, err
	}
	out := make([]iamtypes.PolicyDetail, 0, len(vs))
	for _, v := range vs {
		po, err := v.object()
		if err != nil {
			return nil, err
		}
		var d iamtypes.PolicyDetail
		if err := strs(po, true, "PolicyName", &d.PolicyName); err != nil {
			return nil, err
		}
		dv, ok := po.get("PolicyDocument")
		if !ok {
			return nil, malformed(po.file, child(po.path, "PolicyDocument"), "missing")
		}
		s, err := dv.documentText()
		if err != nil {
			return nil, err
		}
		d.PolicyDocument = &s
		out = append(out, d)
	}
	return out, nil
}

func readAttached(o jobj) ([]iamtypes.AttachedPolicy, error) {
	vs, err := o.optArray("AttachedManagedPolicies")
	if err != nil {
		return nil, err
	}
	out := make([]iamtypes.AttachedPolicy, 0, len(vs))
	for _, v := range vs {
		ao, err := v.object()
		if err != nil {
			return nil, err
		}
		var a iamtypes.AttachedPolicy
		if err := strs(ao, true, "PolicyArn", &a.PolicyArn); err != nil {
			return nil, err
		}
		if err := strs(ao, false, "PolicyName", &a.PolicyName); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func readBoundary(o jobj) (*iamtypes.AttachedPermissionsBoundary, error) {
	v, ok := o.get("PermissionsBoundary")
	if !ok {
		return nil, nil
	}
	bo, err := v.object()
	if err != nil {
		return nil, err
	}
	b := &iamtypes.AttachedPermissionsBoundary{}
	if err := strs(bo, true, "PermissionsBoundaryArn", &b.PermissionsBoundaryArn); err != nil {
		return nil, err
	}
	t, err := bo.optString("PermissionsBoundaryType")
	b.PermissionsBoundaryType = iamtypes.PermissionsBoundaryAttachmentType(t)
	return b, err
}

func readTags(o jobj) ([]iamtypes.Tag, error) {
	vs, err := o.optArray("Tags")
	if err != nil {
		return nil, err
	}
	out := make([]iamtypes.Tag, 0, len(vs))
	for _, v := range vs {
		to, err := v.object()
		if err != nil {
			return nil, err
		}
		var t iamtypes.Tag
		if err := strs(to, true, "Key", &t.Key); err != nil {
			return nil, err
		}
		if err := strs(to, false, "Value", &t.Value); err != nil {
			return nil, err
		}
		if t.Value == nil {
			t.Value = ptr("")
		}
		out = append(out, t)
	}
	return out, nil
}

// ptr returns a pointer to a copy of s, as the SDK's types hold strings.
func ptr(s string) *string { return &s }
