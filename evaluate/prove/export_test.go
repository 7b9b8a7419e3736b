package prove

// SearchOnly answers NoNewAccess by the search even where the statements
// prove it (cover.go), so that benchmarks can measure the search.
var SearchOnly Option = func(o *options) { o.searchOnly = true }
