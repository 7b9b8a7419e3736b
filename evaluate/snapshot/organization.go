package snapshot

import (
	"errors"
	"io/fs"
	"regexp"

	"github.com/cksiam/cksiam/policy"
)

// Organization is the AWS Organizations organization the account belongs
// to, as `aws organizations describe-organization` run in the account
// gives it (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html).
type Organization struct {
	// ID is the organization's ID (o-…): aws:PrincipalOrgID of the
	// account's users, roles and root user, and aws:ResourceOrgID of its
	// keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
	ID string
	// ManagementAccountID is the organization's management account
	// (MasterAccountId). SCPs do not affect its users and roles, and RCPs
	// do not affect its resources
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html,
	// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
	ManagementAccountID string
}

// organizationFile is where Load finds describe-organization's output.
const organizationFile = "organizations/describe-organization.json"

// orgIDPattern is an organization ID as the Organizations API defines it.
var orgIDPattern = regexp.MustCompile(`^o-[a-z0-9]{10,32}$`)

// readOrganization reads organizations/describe-organization.json, or
// returns nil when the snapshot has none.
func readOrganization(fsys fs.FS) (*Organization, error) {
	data, err := readFile(fsys, organizationFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	root, err := jv{file: organizationFile, raw: data}.object()
	if err != nil {
		return nil, err
	}
	v, ok := root.get("Organization")
	if !ok {
		return nil, malformed(organizationFile, "Organization", "missing: save `aws organizations describe-organization` output here")
	}
	o, err := v.object()
	if err != nil {
		return nil, err
	}
	org := &Organization{}
	if org.ID, err = o.reqString("Id"); err != nil {
		return nil, err
	}
	if org.ManagementAccountID, err = o.reqString("MasterAccountId"); err != nil {
		return nil, err
	}
	return org, checkOrganization(org, organizationFile, "Organization.")
}

// checkOrganization checks an organization's IDs; prefix leads the JSON
// paths of errors.
func checkOrganization(org *Organization, file, prefix string) error {
	if !orgIDPattern.MatchString(org.ID) {
		return malformed(file, prefix+"Id", "not an organization ID (o- and 10 to 32 lower-case letters or digits): "+quote(org.ID))
	}
	if !policy.IsAccountID(org.ManagementAccountID) {
		return malformed(file, prefix+"MasterAccountId", "not a 12-digit account ID: "+quote(org.ManagementAccountID))
	}
	return nil
}

// IsManagementAccount reports whether the snapshot is of its
// organization's management account, which SCPs and RCPs do not affect.
func (a *Account) IsManagementAccount() bool {
	return a != nil && a.Organization != nil && a.Organization.ManagementAccountID == a.ID
}

// checkManagement refuses SCP or RCP levels saved for a management
// account: AWS applies none of them there, and reading them would hide
// access the account's principals have.
func (a *Account) checkManagement(orgFile string) error {
	if !a.IsManagementAccount() {
		return nil
	}
	for _, k := range []struct {
		loaded     bool
		dir, label string
	}{{a.SCPsLoaded, "organizations/scp", "SCPs"}, {a.RCPsLoaded, "organizations/rcp", "RCPs"}} {
		if k.loaded {
			where := k.dir
			if orgFile != organizationFile {
				where = k.label
			}
			return malformed(where, "", "account "+a.ID+" is its organization's management account ("+orgFile+"), which "+k.label+" do not affect: leave them out")
		}
	}
	return nil
}
