package policy

import (
	"slices"
	"strconv"
	"sync"

	"github.com/cksiam/cksiam/internal/ascii"
)

// Parse reads a policy document strictly and fails closed: anything AWS's
// grammar does not allow (aws-rules A.1), or that could be read two ways, is an
// error rather than a guess. Every error is a *Error naming the JSON path of
// the offending element, such as "Statement[2].Condition.StringEqulas".
//
// Parse rejects:
//   - text that is not UTF-8, contains a character outside tab, LF, CR and
//     U+0020–U+00FF (also when written as a \u escape), or is empty
//     (aws-rules A.1), and text longer than the safety bound of
//     DefaultMaxDocumentChars characters (see WithMaxDocumentChars);
//   - anything but one JSON object, and any data after it;
//   - element names not spelled exactly as AWS spells them ("effect"),
//     unknown elements at any level (including inside Principal, where only
//     AWS, Service, Federated and CanonicalUser exist), and a key repeated
//     in any JSON object, including operators, condition keys and principal
//     types;
//   - Action with NotAction, Principal with NotPrincipal, Resource with
//     NotResource in one statement;
//   - a statement without Effect or without Action/NotAction (required in
//     every kind of policy), and a document without Statement; whether a
//     statement needs Principal or Resource depends on the kind of policy
//     and is left to Validate;
//   - an Effect other than exactly "Allow" or "Deny";
//   - Version, Id or Sid that are not strings, and an empty Version;
//   - a Principal string other than "*";
//   - condition operators that ParseOperator does not know;
//   - condition values that are null, objects or nested lists;
//   - empty lists and empty objects anywhere but Condition: "Statement": [],
//     "Action": [], {"AWS": []}, "Principal": {}, {"StringEquals": {}},
//     {"aws:SourceIp": []}. A statement must name its actions and (outside
//     trust policies) its resources (aws-rules A.1), which an empty list does
//     not; for the other elements AWS documents no meaning for emptiness,
//     and an empty element could not be kept apart from an absent one in
//     this model, so Parse refuses them rather than guess.
//
// Condition values keep their JSON type and text (numbers are not rounded).
// An empty Sid or Id string is accepted and read as absent, so it is not
// written back; no rule of AWS gives an empty label a meaning. Likewise
// "Condition": {}, which tests nothing and which AWS accepts (the AWS Policy
// Generator writes it; IAM stores it in trust policies), is read as no
// Condition.
//
// The returned Document's strings may share memory with one copy of data;
// data itself is not retained.
//
// Parse reads every document AWS stores, whatever its size: AWS's size
// quotas limit what a customer may create, and some AWS managed policies
// exceed them (AWSSupportServiceRolePolicy has 152,297 characters), so the
// quotas are Validate's to report for each kind (see Quota). Parse's only
// size limit is a bound against memory exhaustion, well above any real
// document, which opts can change.
func Parse(data []byte, opts ...ParseOption) (*Document, error) {
	if err := checkText(data, parseConfigOf(opts).maxChars); err != nil {
		return nil, err
	}
	p := newParser(data)
	doc, err := p.document()
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// parser turns scanner tokens into a Document. Paths are built only when an
// error is reported; a statement is named by its index (-1 for the
// single-object form).
type parser struct {
	s scanner
	// The document's lists and principals, carved from shared chunks.
	strs       arena[string]
	vals       arena[Value]
	entries    arena[ConditionEntry]
	blocks     arena[ConditionBlock]
	principals arena[Principal]
	// spans, when not nil, receives each statement's byte offsets.
	spans *[][2]int
}

// newParser returns a parser of data. The first chunk of each list arena
// fits a small document (a key policy: a dozen principals' and actions'
// strings, a few conditions).
func newParser(data []byte) parser {
	return parser{
		s:          scanner{src: string(data)},
		strs:       newArena[string](16),
		vals:       newArena[Value](4),
		entries:    newArena[ConditionEntry](4),
		blocks:     newArena[ConditionBlock](2),
		principals: newArena[Principal](2),
	}
}

// fail returns an *Error of kind (one of the Err sentinels) at path.
func (p *parser) fail(kind error, path, reason string, off int) *Error {
	return &Error{Path: path, Reason: reason, Offset: int64(off), Err: kind}
}

// mismatch is fail for "must be X, found Y" at the scanner's position:
// ErrInvalidValue when Y is a JSON value of another type, else ErrSyntax.
func (p *parser) mismatch(path, reason string, off int) *Error {
	return p.fail(p.s.foundKind(), path, reason, off)
}

// wrap places a scanner error at path.
func (p *parser) wrap(path string, err *jsonError) *Error {
	return &Error{Path: path, Reason: err.reason, Offset: int64(err.offset), Err: err.kind}
}

// stmtPath is "Statement[i]", or "Statement" for the single-object form.
func stmtPath(i int) string {
	if i < 0 {
		return "Statement"
	}
	return "Statement[" + strconv.Itoa(i) + "]"
}

func pathAt(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

var (
	documentElements  = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
	principalTypes    = []string{PrincipalAWS, PrincipalService, PrincipalFederated, PrincipalCanonicalUser}
)

// Indices into documentElements.
const (
	docVersion = iota
	docID
	docStatement
)

// Indices into statementElements. From elemPrincipal to elemNotResource the
// elements come in pairs, each X at an even index just before NotX, so that
// otherForm can find an element's counterpart.
const (
	elemSid = iota
	elemEffect
	elemPrincipal
	elemNotPrincipal
	elemAction
	elemNotAction
	elemResource
	elemNotResource
	elemCondition
)

// Indices into principalTypes.
const (
	typeAWS = iota
	typeService
	typeFederated
	typeCanonicalUser
)

// hasOtherForm reports whether statement element i has a Not form (or is
// one): Principal, Action, Resource and their Not forms.
func hasOtherForm(i int) bool { return i >= elemPrincipal && i <= elemNotResource }

// otherForm returns the index of element i's counterpart (NotAction for
// Action, Action for NotAction…); i must satisfy hasOtherForm.
func otherForm(i int) int { return i ^ 1 }

// positiveForm and notForm return the indices of the pair's X and NotX.
func positiveForm(i int) int { return i &^ 1 }
func notForm(i int) int      { return i | 1 }

// elementSet records which elements of one JSON object were seen, by their
// index in the object's element list.
type elementSet uint16

func (s elementSet) has(i int) bool { return s&(1<<i) != 0 }
func (s *elementSet) add(i int)     { *s |= 1 << i }

func indexOf(names []string, k string) int {
	for i, n := range names {
		if n == k {
			return i
		}
	}
	return -1
}

// unknown reports an unknown element, pointing out a case-only misspelling.
func (p *parser) unknown(path, k string, off int, names []string, what string) *Error {
	for _, n := range names {
		if ascii.EqualFold(n, k) {
			return p.fail(ErrUnknownElement, path, "unknown "+what+"; names are case-sensitive, did you mean "+strconv.Quote(n)+"?", off)
		}
	}
	reason := "unknown " + what + "; expected one of "
	for i, n := range names {
		if i > 0 {
			reason += ", "
		}
		reason += n
	}
	return p.fail(ErrUnknownElement, path, reason, off)
}

func (p *parser) document() (*Document, *Error) {
	s := &p.s
	empty, jerr := s.objectStart("a policy document")
	if jerr != nil {
		return nil, p.wrap("", jerr)
	}
	doc := &Document{}
	var seen elementSet
	for more := !empty; more; {
		k, off, jerr := s.key()
		if jerr != nil {
			return nil, p.wrap("", jerr)
		}
		i := indexOf(documentElements, k)
		if i < 0 {
			return nil, p.unknown(k, k, off, documentElements, "element")
		}
		if seen.has(i) {
			return nil, p.fail(ErrDuplicateKey, k, "duplicate element", off)
		}
		seen.add(i)
		var err *Error
		switch i {
		case docVersion:
			doc.Version, err = p.text(func() string { return k })
			if err == nil && doc.Version == "" {
				err = p.fail(ErrInvalidValue, k, "Version must not be empty; omit it or use \"2012-10-17\"", off)
			}
		case docID:
			doc.ID, err = p.text(func() string { return k })
		case docStatement:
			err = p.statements(doc)
		}
		if err != nil {
			return nil, err
		}
		if more, jerr = s.next('}'); jerr != nil {
			return nil, p.wrap("", jerr)
		}
	}
	if s.peek() != 0 {
		return nil, p.fail(ErrSyntax, "", "unexpected data after the document", s.pos)
	}
	if !seen.has(docStatement) {
		return nil, p.fail(ErrMissingElement, "", "Statement is required", 0)
	}
	return doc, nil
}

// text reads an element that must be a string; path names it in an error.
func (p *parser) text(path func() string) (string, *Error) {
	if p.s.peek() != '"' {
		return "", p.mismatch(path(), "must be a string, found "+p.s.describe(), p.s.pos)
	}
	v, jerr := p.s.str()
	if jerr != nil {
		return "", p.wrap(path(), jerr)
	}
	return v, nil
}

func (p *parser) statements(doc *Document) *Error {
	s := &p.s
	switch s.peek() {
	case '{':
		st, err := p.statement(-1)
		if err != nil {
			return err
		}
		doc.Statement = []Statement{st}
		doc.StatementObject = true
		return nil
	case '[':
		s.pos++
		if s.peek() == ']' {
			return p.fail(ErrEmpty, "Statement", "must not be an empty list", s.pos)
		}
		// The statements are collected in a reused list and copied once
		// into a list of their number: growing the document's own list
		// would allocate and copy statements at every doubling.
		scratch := statementScratch.Get().(*[]Statement)
		defer putStatementScratch(scratch)
		for i := 0; ; i++ {
			if s.peek() != '{' {
				return p.mismatch(stmtPath(i), "a statement must be a JSON object, found "+s.describe(), s.pos)
			}
			st, err := p.statement(i)
			if err != nil {
				return err
			}
			*scratch = append(*scratch, st)
			more, jerr := s.next(']')
			if jerr != nil {
				return p.wrap("Statement", jerr)
			}
			if !more {
				doc.Statement = slices.Clone(*scratch)
				return nil
			}
		}
	}
	return p.mismatch("Statement", "must be a statement object or a list of statements, found "+s.describe(), s.pos)
}

// statementScratch holds lists Parse collects statements in.
var statementScratch = sync.Pool{New: func() any { return new([]Statement) }}

// putStatementScratch empties a list (so that the pool keeps no document's
// strings alive) and returns it to statementScratch. A list grown past
// maxStatementScratch is dropped instead.
func putStatementScratch(list *[]Statement) {
	if cap(*list) > maxStatementScratch {
		return
	}
	clear(*list)
	*list = (*list)[:0]
	statementScratch.Put(list)
}

const maxStatementScratch = 256

func (p *parser) statement(idx int) (Statement, *Error) {
	s := &p.s
	var st Statement
	start := s.pos
	s.ws()
	objStart := s.pos
	empty, jerr := s.objectStart("a statement")
	if jerr != nil {
		return st, p.wrap(stmtPath(idx), jerr)
	}
	var seen elementSet
	for more := !empty; more; {
		k, off, jerr := s.key()
		if jerr != nil {
			return st, p.wrap(stmtPath(idx), jerr)
		}
		i := indexOf(statementElements, k)
		if i < 0 {
			return st, p.unknown(stmtPath(idx)+"."+k, k, off, statementElements, "element")
		}
		if seen.has(i) {
			return st, p.fail(ErrDuplicateKey, stmtPath(idx)+"."+k, "duplicate element", off)
		}
		if hasOtherForm(i) && seen.has(otherForm(i)) {
			return st, p.fail(ErrConflictingElements, stmtPath(idx)+"."+k, statementElements[positiveForm(i)]+" and "+statementElements[notForm(i)]+" cannot both appear in a statement", off)
		}
		seen.add(i)
		var err *Error
		switch i {
		case elemSid:
			st.Sid, err = p.text(func() string { return stmtPath(idx) + ".Sid" })
		case elemEffect:
			var e string
			valueOff := s.pos
			if e, err = p.text(func() string { return stmtPath(idx) + ".Effect" }); err == nil {
				st.Effect = Effect(e)
				if !st.Effect.Valid() {
					err = p.fail(ErrInvalidValue, stmtPath(idx)+".Effect", `must be exactly "Allow" or "Deny"`, valueOff)
				}
			}
		case elemPrincipal:
			st.Principal, err = p.principal(idx, k)
		case elemNotPrincipal:
			st.NotPrincipal, err = p.principal(idx, k)
		case elemAction:
			st.Action, err = p.strings(idx, k, "")
		case elemNotAction:
			st.NotAction, err = p.strings(idx, k, "")
		case elemResource:
			st.Resource, err = p.strings(idx, k, "")
		case elemNotResource:
			st.NotResource, err = p.strings(idx, k, "")
		case elemCondition:
			st.Condition, err = p.condition(idx)
		}
		if err != nil {
			return st, err
		}
		if more, jerr = s.next('}'); jerr != nil {
			return st, p.wrap(stmtPath(idx), jerr)
		}
	}
	if !seen.has(elemEffect) {
		return st, p.fail(ErrMissingElement, stmtPath(idx), "Effect is required", start)
	}
	if !seen.has(elemAction) && !seen.has(elemNotAction) {
		return st, p.fail(ErrMissingElement, stmtPath(idx), "Action or NotAction is required", start)
	}
	if p.spans != nil {
		*p.spans = append(*p.spans, [2]int{objStart, s.pos})
	}
	return st, nil
}
