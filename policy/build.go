package policy

// NewDocument returns a "2012-10-17" document holding statements, the
// usual start of a policy built in Go:
//
//	doc := policy.NewDocument(policy.Statement{
//		Effect:   policy.Allow,
//		Action:   policy.List("kms:DescribeCustomKeyStores"),
//		Resource: policy.List("*"),
//	})
func NewDocument(statements ...Statement) *Document {
	return &Document{Version: Version2012, Statement: statements}
}

// FederatedPrincipal returns {"Federated": providers} for SAML provider
// ARNs, OIDC provider ARNs or web identity providers such as
// "cognito-identity.amazonaws.com".
func FederatedPrincipal(providers ...string) *Principal {
	return &Principal{Federated: List(providers...)}
}

// CanonicalUserPrincipal returns {"CanonicalUser": ids} for S3 canonical
// user IDs.
func CanonicalUserPrincipal(ids ...string) *Principal {
	return &Principal{CanonicalUser: List(ids...)}
}
