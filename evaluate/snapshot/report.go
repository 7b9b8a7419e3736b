package snapshot

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// Access is how far a principal may perform an action.
type Access string

// The answers of WhoCan.
const (
	// Allowed: the request is allowed whatever the values of the context
	// keys the snapshot does not fix (the caller's IP address, the
	// encryption context, kms:ViaService, the time…).
	Allowed Access = "allowed"
	// Conditional: allowed for some values of those keys and not for
	// others; Row.Condition says for which.
	Conditional Access = "conditional"
	// Unknown: the snapshot does not decide it, for the reason in
	// Row.Reason (a policy missing from the snapshot, a condition the
	// prover cannot decide). Never read as allowed or as denied.
	Unknown Access = "unknown"
)

// Row is one principal's access to one action on the key.
type Row struct {
	// Principal is the principal's ARN (or service principal name).
	Principal string
	// Action is the action, such as "kms:Decrypt".
	Action string
	// Access is allowed, conditional or unknown. Principals without
	// access have no row.
	Access Access
	// Via lists what decided the access: a key policy statement naming
	// the caller; an identity policy statement together with the key
	// policy statement that lets the account's IAM policies decide; or a
	// grant. When several paths each decide, each is listed; a statement
	// that applied without completing a path is not.
	Via []Source
	// Condition is the residual condition of a conditional row: the
	// request is allowed when any one of these conditions on the keys the
	// snapshot does not fix holds. Empty otherwise, and for conditional
	// rows whose limit is not a context condition (Reason says it).
	Condition []policy.Condition
	// Reason says why a row is unknown, or notes a reading that decided
	// it.
	Reason string
}

// Source is one statement or grant that gives access.
type Source struct {
	// Policy names the document (Document.Source), or "grant" for a grant.
	Policy string
	// Statement is the statement's index, -1 for a grant.
	Statement int
	// Sid is the statement's Sid.
	Sid string
	// GrantID is the grant's ID for a grant.
	GrantID string
}

// String formats the source as `key policy Statement[1] "Sid"` or
// `grant 0c237476…`.
func (s Source) String() string {
	if s.GrantID != "" {
		return "grant " + s.GrantID
	}
	out := s.Policy + " Statement[" + strconv.Itoa(s.Statement) + "]"
	if s.Sid != "" {
		out += " (" + s.Sid + ")"
	}
	return out
}

// ExternalAccount is another account the key trusts: its principals may
// perform Actions on the key when their own IAM policies and guardrails,
// which the snapshot does not hold, allow it. "*" stands for every account
// the key policy does not name.
type ExternalAccount struct {
	Account string // the 12-digit account ID, or "*"
	Actions []string
	// Principals are the principals of the account the key policy names,
	// or the account's root ARN when it names the account.
	Principals []string
}

// GapKind classifies what the snapshot lacks.
type GapKind string

// The kinds of gap in a Report.
const (
	// GapAccountNotLoaded: an account the key policy or a grant names whose
	// IAM policies and SCPs the snapshot does not hold.
	GapAccountNotLoaded GapKind = "account-not-loaded"
	// GapMissingPolicy: a managed policy, boundary or group that a
	// principal uses and the snapshot lacks.
	GapMissingPolicy GapKind = "missing-policy"
	// GapPrincipalNotFound: a principal of the account named by the key
	// policy or a grant that the snapshot does not hold.
	GapPrincipalNotFound GapKind = "principal-not-found"
	// GapGranteeNotIAM: a grantee that is not an IAM ARN (a service
	// principal, an internal form); its access is not evaluated.
	GapGranteeNotIAM GapKind = "grantee-not-iam-arn"
	// GapGrantsNotLoaded: the snapshot has no grants file for the key.
	GapGrantsNotLoaded GapKind = "grants-not-loaded"
	// GapTagsNotLoaded: the snapshot has no tags file for the key, so
	// aws:ResourceTag keys are not fixed.
	GapTagsNotLoaded GapKind = "tags-not-loaded"
	// GapOrganizationNotLoaded: the snapshot holds no SCPs or no RCPs;
	// guardrails of the organization, if the account is in one, are not
	// checked.
	GapOrganizationNotLoaded GapKind = "organization-not-loaded"
	// GapUndecided: some answers depend on conditions the snapshot does
	// not decide; their rows are unknown.
	GapUndecided GapKind = "undecided"
	// GapUnreadablePolicy: a document that breaks the policy grammar (AWS
	// stored it); it is read fail-closed, so answers over it may miss
	// access it gives.
	GapUnreadablePolicy GapKind = "unreadable-policy"
)

// Gap is one entry of the completeness report.
type Gap struct {
	Kind GapKind // what kind of gap, such as GapMissingPolicy
	// Subject is what is missing: an account ID, a policy ARN, a grant ID,
	// a principal.
	Subject string
	// Detail says what it affects.
	Detail string
}

// Report is WhoCan's answer.
type Report struct {
	// Resource is the key ARN.
	Resource string
	// Actions are the actions asked about, sorted.
	Actions []string
	// Access holds a row per principal and action with some access,
	// sorted by action, then principal.
	Access []Row
	// ExternalAccounts are the other accounts the key trusts, sorted.
	ExternalAccounts []ExternalAccount
	// Incomplete is the completeness report, sorted by kind and subject.
	Incomplete []Gap
}

// MarshalJSON writes the report as
//
//	{"resource": "arn…", "access": [{"principal": "arn…", "action": "kms:Decrypt",
//	  "access": "allowed", "via": "key policy Statement[1] (…)", "condition": {…}}],
//	 "externalAccounts": [{"account": "444455556666", "actions": ["kms:Decrypt"]}],
//	 "incomplete": [{"kind": "missing-policy", "subject": "arn…", "detail": "…"}]}
//
// "condition" appears on conditional rows with a residual condition (any
// one of the listed conditions allows), "reason" on rows that have one
// (why a row is unknown or conditional, or a reading that decided it);
// lists are never null.
func (r *Report) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	type row struct {
		Principal string            `json:"principal"`
		Action    string            `json:"action"`
		Access    Access            `json:"access"`
		Via       string            `json:"via"`
		Condition []json.RawMessage `json:"condition,omitempty"`
		Reason    string            `json:"reason,omitempty"`
	}
	type ext struct {
		Account    string   `json:"account"`
		Actions    []string `json:"actions"`
		Principals []string `json:"principals,omitempty"`
	}
	type gap struct {
		Kind    GapKind `json:"kind"`
		Subject string  `json:"subject"`
		Detail  string  `json:"detail"`
	}
	out := struct {
		Resource         string `json:"resource"`
		Access           []row  `json:"access"`
		ExternalAccounts []ext  `json:"externalAccounts"`
		Incomplete       []gap  `json:"incomplete"`
	}{Resource: r.Resource, Access: []row{}, ExternalAccounts: []ext{}, Incomplete: []gap{}}
	for _, a := range r.Access {
		w := row{Principal: a.Principal, Action: a.Action, Access: a.Access, Via: a.ViaString(), Reason: a.Reason}
		for _, c := range a.Condition {
			b, err := json.Marshal(c)
			if err != nil {
				return nil, err
			}
			w.Condition = append(w.Condition, b)
		}
		out.Access = append(out.Access, w)
	}
	for _, e := range r.ExternalAccounts {
		out.ExternalAccounts = append(out.ExternalAccounts, ext(e))
	}
	for _, g := range r.Incomplete {
		out.Incomplete = append(out.Incomplete, gap(g))
	}
	return json.Marshal(out)
}

// ViaString joins the row's sources with " + ".
func (r Row) ViaString() string {
	parts := make([]string, len(r.Via))
	for i, s := range r.Via {
		parts[i] = s.String()
	}
	return strings.Join(parts, " + ")
}
