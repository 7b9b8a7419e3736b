package prove

import (
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy/catalog"
)

// Option changes how a question is answered.
type Option func(*options)

type options struct {
	budget  int
	catalog *catalog.Catalog
	noCat   bool
	engine  []evaluate.Option
	// searchOnly skips the proof from the statements (cover.go), for
	// tests that compare it with the search.
	searchOnly bool
}

// DefaultBudget is the number of automaton states and search steps a
// question may use before it is answered Unknown with ReasonBudgetExceeded.
const DefaultBudget = 200000

// Budget sets the state budget (DefaultBudget when n <= 0).
func Budget(n int) Option { return func(o *options) { o.budget = n } }

// Catalog sets the action catalog whose knowledge limits the requests
// considered (which resource types an action takes, which condition keys
// it carries). The default is catalog.Default().
func Catalog(c *catalog.Catalog) Option { return func(o *options) { o.catalog = c } }

// WithoutCatalog considers every request the evaluator accepts: any
// resource for any action, any condition key with any action. Answers are
// then about a larger set of requests, so Proved is stronger and Refuted
// more frequent (AWS's own checks work this way).
func WithoutCatalog() Option { return func(o *options) { o.noCat = true } }

// EvaluateOptions passes options to the evaluator where a question
// compiles policies once for many requests (CompileOpen): readings such as
// evaluate.LooseDocuments or evaluate.GrantBoundaries, and
// evaluate.WithCompileCache.
func EvaluateOptions(opts ...evaluate.Option) Option {
	return func(o *options) { o.engine = append(o.engine, opts...) }
}

func readOptions(opts []Option) options {
	o := options{budget: DefaultBudget}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if o.budget <= 0 {
		o.budget = DefaultBudget
	}
	if o.catalog == nil {
		o.catalog = catalog.Default()
	}
	return o
}

// budget counts what a question spends.
type budget struct {
	total int
	used  int
}

// states is the most subsets one automaton construction may visit.
func (b *budget) states() int {
	left := b.total - b.used
	if left < 1 {
		return 1
	}
	return left
}

// spend records n units; it reports false once the budget is exhausted.
func (b *budget) spend(n int) bool {
	b.used += n
	return b.used <= b.total
}
