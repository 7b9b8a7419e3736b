package catalog

// The codes of the findings Check reports. They are stable: filter on
// them and use them in golden tests.
const (
	// CodeUnknownService (error): an action names a service prefix that
	// does not exist.
	CodeUnknownService = "UNKNOWN_SERVICE"
	// CodeUnknownAction (error): a known service has no such action.
	CodeUnknownAction = "UNKNOWN_ACTION"
	// CodeActionMatchesNothing (error): an action wildcard matches no
	// action at all.
	CodeActionMatchesNothing = "ACTION_WILDCARD_MATCHES_NOTHING"
	// CodeWildcardOnlyActionWithARN (error): an Allow statement names
	// only ARNs in Resource, but the action (or every action the
	// wildcard matches) accepts only "Resource": "*", so the statement
	// can never grant it.
	CodeWildcardOnlyActionWithARN = "WILDCARD_ONLY_ACTION_WITH_ARN"
	// CodeResourceMatchesNoType (warning): a Resource ARN is of no
	// resource type any action of the statement takes.
	CodeResourceMatchesNoType = "RESOURCE_MATCHES_NO_RESOURCE_TYPE"
	// CodeUnsupportedConditionKey (warning): no action of the statement
	// supports the condition key, so a request for those actions never
	// carries it.
	CodeUnsupportedConditionKey = "UNSUPPORTED_CONDITION_KEY"
	// CodeUnknownGlobalConditionKey (warning): an "aws:" key that is not
	// a global condition key.
	CodeUnknownGlobalConditionKey = "UNKNOWN_GLOBAL_CONDITION_KEY"
	// CodeOperatorTypeMismatch (warning): the operator compares another
	// type of value than the key holds (NumericEquals on a String key).
	CodeOperatorTypeMismatch = "CONDITION_OPERATOR_TYPE_MISMATCH"
	// CodeSetOperatorOnSingleValuedKey (warning): ForAllValues or
	// ForAnyValue on a key that carries one value (aws-rules B.10).
	CodeSetOperatorOnSingleValuedKey = "SET_OPERATOR_ON_SINGLE_VALUED_KEY"
	// CodePlainOperatorOnMultivaluedKey (warning): an operator without
	// ForAllValues or ForAnyValue on a key that carries a set of values.
	CodePlainOperatorOnMultivaluedKey = "PLAIN_OPERATOR_ON_MULTIVALUED_KEY"
	// CodeForAllValuesWithoutNullGuard (security warning): ForAllValues in
	// an Allow statement is true when the key is absent, so without a
	// Null check of the same key the statement also allows requests that
	// carry no value at all (aws-rules B.10).
	CodeForAllValuesWithoutNullGuard = "FOR_ALL_VALUES_WITHOUT_NULL_GUARD"
)
