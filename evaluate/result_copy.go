package evaluate

// ownLists gives r's lists, views of a trace, storage of their own, each
// of exactly its length (a later call reusing the trace changes none of
// them).
func ownLists(r *Result) {
	r.Statements, r.Verdicts = clone(r.Statements), clone(r.Verdicts)
	r.MissingContextKeys, r.Diagnostics = clone(r.MissingContextKeys), clone(r.Diagnostics)
}

// clone is slices.Clone for a list that is nil when empty, allocating
// exactly its length with make: without append's growth arithmetic, which
// made a quarter of Evaluate's copying.
func clone[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	c := make([]T, len(list))
	copy(c, list)
	return c
}
