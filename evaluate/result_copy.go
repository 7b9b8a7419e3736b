package evaluate

// resultLists is the storage Evaluate copies a Result's lists into when
// they are as short as most decisions make them: one allocation instead of
// one per list. Each list is carved with its own capacity, so appending to
// one never writes into another.
type resultLists struct {
	refs     [3]StatementRef
	verdicts [4]PolicyVerdict
	missing  [2]string
	diags    [1]Diagnostic
}

// ownLists gives r's lists, views of a trace, storage of their own: one
// resultLists when every list fits in it, else a copy per list.
func ownLists(r *Result) {
	if len(r.Statements) == 0 && len(r.Verdicts) == 0 && len(r.MissingContextKeys) == 0 && len(r.Diagnostics) == 0 {
		return
	}
	var b *resultLists
	if len(r.Statements) <= len(b.refs) && len(r.Verdicts) <= len(b.verdicts) &&
		len(r.MissingContextKeys) <= len(b.missing) && len(r.Diagnostics) <= len(b.diags) {
		b = new(resultLists)
		r.Statements = carve(b.refs[:], r.Statements)
		r.Verdicts = carve(b.verdicts[:], r.Verdicts)
		r.MissingContextKeys = carve(b.missing[:], r.MissingContextKeys)
		r.Diagnostics = carve(b.diags[:], r.Diagnostics)
		return
	}
	r.Statements, r.Verdicts = clone(r.Statements), clone(r.Verdicts)
	r.MissingContextKeys, r.Diagnostics = clone(r.MissingContextKeys), clone(r.Diagnostics)
}

// carve copies list into the start of dst, which holds it, and returns the
// copy with its own length as capacity; an empty list stays nil.
func carve[T any](dst, list []T) []T {
	if len(list) == 0 {
		return nil
	}
	n := copy(dst, list)
	return dst[:n:n]
}

// clone is slices.Clone for a list that is nil when empty, allocating
// exactly its length.
func clone[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	c := make([]T, len(list))
	copy(c, list)
	return c
}
