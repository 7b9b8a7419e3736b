package evaluate

// Diagnostic codes about grants and the readings of grants (options.go).
const (
	// DiagGrantBoundaryReading: a grant applied to a caller whose
	// permissions boundary or session policy does not allow the action,
	// and the reading GrantBoundaries chose decided whether the grant is
	// limited by them.
	DiagGrantBoundaryReading = "GRANT_BOUNDARY_READING"
	// DiagGrantAccountGrantee: a grant whose grantee is the caller's
	// account was read as AccountGrantees chose.
	DiagGrantAccountGrantee = "GRANT_ACCOUNT_GRANTEE_READING"
	// DiagGrantSourceArn: a grant's SourceArn constraint was read as
	// GrantSourceArn chose.
	DiagGrantSourceArn = "GRANT_SOURCE_ARN_READING"
	// DiagGrantConstraintNotMet: a grant names the caller and the
	// operation, but the request's encryption context does not meet its
	// EncryptionContextEquals or EncryptionContextSubset constraint.
	DiagGrantConstraintNotMet = "GRANT_CONSTRAINT_NOT_MET"
	// DiagGrantNotFound: kms:RetireGrant names a grant (Request.GrantId)
	// that Policies.Grants does not hold for the key.
	DiagGrantNotFound = "GRANT_NOT_FOUND"
	// DiagRetireGrantUnnamed: kms:RetireGrant without Request.GrantId was
	// decided only as the key's account delegating through IAM policies;
	// a grant's retiring principal and grantee were not considered.
	DiagRetireGrantUnnamed = "RETIRE_GRANT_UNNAMED"
	// DiagRetireGrantKeyPolicy: the key policy allows kms:RetireGrant,
	// which is not effective in a key policy; the Allow was ignored.
	DiagRetireGrantKeyPolicy = "RETIRE_GRANT_KEY_POLICY_INEFFECTIVE"
	// DiagGrantChildUnknown: a grant allows the caller CreateGrant, but
	// only for grants within its own operations and constraints, and the
	// request does not say which grant it creates (Request.NewGrant).
	DiagGrantChildUnknown = "GRANT_CHILD_UNKNOWN"
	// DiagGrantChildTooBroad: the grant a CreateGrant request creates
	// exceeds the operations or constraints of the grant that allows the
	// caller CreateGrant.
	DiagGrantChildTooBroad = "GRANT_CHILD_TOO_BROAD"
)
