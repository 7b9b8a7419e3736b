package evaluate

import "github.com/cksiam/cksiam/policy"

// Document returns the document ref points into: Identity[i], Resource,
// Boundary, Session, SCPs[level][i] or RCPs[level][i]. It returns nil when
// p has no such document, as for a ref made from other policies.
func (p Policies) Document(ref StatementRef) *policy.Document {
	switch ref.PolicyType {
	case TypeIdentity:
		if ref.PolicyIndex >= 0 && ref.PolicyIndex < len(p.Identity) {
			return p.Identity[ref.PolicyIndex]
		}
	case TypeResource:
		return p.Resource
	case TypeBoundary:
		return p.Boundary
	case TypeSession:
		return p.Session
	case TypeSCP:
		return nthDocument(p.SCPs, ref.Level, ref.PolicyIndex)
	case TypeRCP:
		return nthDocument(p.RCPs, ref.Level, ref.PolicyIndex)
	}
	return nil
}

// Statement returns the statement ref names in p (a Result's
// Statements and Verdicts name statements by StatementRef), and false when
// p has no such statement.
func (p Policies) Statement(ref StatementRef) (*policy.Statement, bool) {
	d := p.Document(ref)
	if d == nil || ref.StatementIndex < 0 || ref.StatementIndex >= len(d.Statement) {
		return nil, false
	}
	return &d.Statement[ref.StatementIndex], true
}

func nthDocument(levels [][]*policy.Document, level, i int) *policy.Document {
	if level < 0 || level >= len(levels) || i < 0 || i >= len(levels[level]) {
		return nil
	}
	return levels[level][i]
}
