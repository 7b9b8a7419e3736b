package policy

// Principal is the Principal or NotPrincipal element of a statement.
//
// The string form "*" (Wildcard) is kept distinct from {"AWS": "*"}: they
// grant the same access (aws-rules A.4) but are different documents.
type Principal struct {
	// Wildcard is the bare string form "Principal": "*".
	Wildcard bool
	// AWS holds account IDs, account root ARNs, IAM user and role ARNs,
	// assumed-role and federated-user session ARNs, or "*".
	AWS Strings
	// Service holds service principals such as "cks.kms.amazonaws.com".
	Service Strings
	// Federated holds identity providers (SAML provider ARNs, OIDC hosts).
	Federated Strings
	// CanonicalUser holds S3 canonical user IDs.
	CanonicalUser Strings
}

// The principal types, in the order they are written.
const (
	PrincipalAWS           = "AWS"
	PrincipalService       = "Service"
	PrincipalFederated     = "Federated"
	PrincipalCanonicalUser = "CanonicalUser"
)

// Everyone returns the principal "*".
func Everyone() *Principal { return &Principal{Wildcard: true} }

// AWSPrincipal returns {"AWS": ids} for account IDs or IAM ARNs.
func AWSPrincipal(ids ...string) *Principal { return &Principal{AWS: List(ids...)} }

// ServicePrincipal returns {"Service": names}.
func ServicePrincipal(names ...string) *Principal { return &Principal{Service: List(names...)} }

// Types returns the principal's typed entries in writing order, skipping
// absent ones. It is empty for the wildcard form.
func (p *Principal) Types() []PrincipalEntry {
	if p == nil {
		return nil
	}
	var out []PrincipalEntry
	for _, e := range p.entries() {
		if e.Values.Present() {
			out = append(out, e)
		}
	}
	return out
}

// entries returns the four principal types in writing order, present or
// not, without allocating.
func (p *Principal) entries() [4]PrincipalEntry {
	return [4]PrincipalEntry{
		{PrincipalAWS, p.AWS},
		{PrincipalService, p.Service},
		{PrincipalFederated, p.Federated},
		{PrincipalCanonicalUser, p.CanonicalUser},
	}
}

// typeCount returns how many principal types p has (what len(p.Types())
// would be, without allocating).
func (p *Principal) typeCount() int {
	n := 0
	for _, e := range p.entries() {
		if e.Values.Present() {
			n++
		}
	}
	return n
}

// PrincipalEntry is one principal type and its values.
type PrincipalEntry struct {
	Type   string  // PrincipalAWS, PrincipalService, PrincipalFederated or PrincipalCanonicalUser
	Values Strings // the principals of that type, as written
}
