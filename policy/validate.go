package policy

import "errors"

// Validate checks doc against the rules of its kind and returns what it
// found, sorted by path in document order, then by severity (most serious
// first), then by code, with duplicates removed. An empty result means no
// finding; Validate never changes doc.
//
// Validate knows the policy grammar: elements each kind allows or requires
// (aws-rules A.1 table), Version, Sid, principals, action and ARN syntax,
// condition operators and values, policy variables, and the size quota of
// the kind (aws-rules D), measured on the compact JSON of doc as Compact writes
// it. It does not know which actions and resource types exist: a Checker
// passed with WithChecker adds such findings, and Validate merges them.
//
// Paths always index statements and values ("Statement[0].Action[0]"),
// also for a single statement object or a single bare string, so that a
// path does not depend on how the document was written; the catalog
// checker names its findings the same way.
//
// A nil doc is reported as a document without statements.
func Validate(doc *Document, kind Kind, opts ...ValidateOption) []Finding {
	var cfg validateConfig
	if len(opts) > 0 {
		cfg = *newValidateConfig(opts) // only then does the configuration escape
	}
	return validate(doc, kind, &cfg, nil)
}

// ValidateErrors returns the error findings of Validate (SeverityError)
// and no other, in Validate's order: for a caller that refuses a document
// with errors and reads nothing else, such as a decision engine. It costs
// less than Validate on a document with warnings, whose messages it does
// not make.
func ValidateErrors(doc *Document, kind Kind, opts ...ValidateOption) []Finding {
	var cfg validateConfig
	if len(opts) > 0 {
		cfg = *newValidateConfig(opts)
	}
	cfg.errorsOnly = true
	return validate(doc, kind, &cfg, nil)
}

// ValidateJSON parses data with Parse and validates the document like
// Validate, except that the size quota is measured on data as submitted —
// whitespace included where AWS counts it (see SizeUnit). A parse error is
// returned as is (a *Error naming the JSON path) with no findings.
func ValidateJSON(data []byte, kind Kind, opts ...ValidateOption) ([]Finding, error) {
	doc, err := Parse(data)
	if err != nil {
		return nil, err
	}
	return validate(doc, kind, newValidateConfig(opts), data), nil
}

// validate runs the checks; text is the submitted JSON, or nil to measure
// the document's compact JSON.
func validate(doc *Document, kind Kind, cfg *validateConfig, text []byte) []Finding {
	v := &validator{doc: doc, kind: kind, errorsOnly: cfg.errorsOnly}
	if doc == nil {
		v.add(SeverityError, CodeMissingStatement, pathStatement, "the document is missing")
		return v.finish(cfg)
	}
	// The compact JSON's length serves the quota, and compactSize tells
	// whether the document can be written at all: when it can, every
	// string is made of policy characters and checkText has nothing to
	// find. The length is counted without writing the document; only a
	// document the writer refuses is written, to learn why.
	size, writable := compactSize(doc)
	v.validate(writable)
	switch {
	case text != nil:
		v.checkQuota(cfg, func(u SizeUnit) int { return u.Measure(text) })
	case writable:
		v.checkQuota(cfg, size.in)
	case cfg.quotaOn(v.kind) || !v.hasError():
		// With the quota off and errors found, the text could add
		// nothing, so it is not written.
		if text = v.compact(); text != nil {
			v.checkQuota(cfg, func(u SizeUnit) int { return u.Measure(text) })
		}
	}
	return v.finish(cfg)
}

// compact returns the compact JSON of the document, or nil when it cannot
// be written. The checks before it explain why in every case known
// (characters, principal, number and boolean values); should Compact fail
// for another reason, the failure itself becomes a finding, so that a
// document that cannot be written is never reported clean.
func (v *validator) compact() []byte {
	b, err := v.doc.Compact()
	if err == nil {
		return b
	}
	for _, f := range v.findings {
		if f.Severity == SeverityError {
			return nil
		}
	}
	path, reason := "", err.Error()
	var perr *Error
	if errors.As(err, &perr) {
		path, reason = perr.Path, perr.Reason
	}
	v.add(SeverityError, CodeInvalidDocument, path, "the document cannot be written as JSON: "+reason)
	return nil
}

// hasError reports whether an error finding has been made.
func (v *validator) hasError() bool {
	for _, f := range v.findings {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// quotaOn reports whether a size quota applies to documents of kind.
func (cfg *validateConfig) quotaOn(kind Kind) bool {
	if cfg.quotaSet {
		return cfg.quota.Limit > 0
	}
	q, ok := DefaultQuota(kind)
	return ok && q.Limit > 0
}

func newValidateConfig(opts []ValidateOption) *validateConfig {
	cfg := &validateConfig{}
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	return cfg
}

// validator collects the findings of one Validate call.
type validator struct {
	doc      *Document
	kind     Kind
	findings []Finding
	// errorsOnly drops every finding but errors (ValidateErrors); the
	// checks of warnings whose message costs something to make ask warns
	// first.
	errorsOnly bool
}

func (v *validator) add(sev Severity, code, path, msg string) {
	if v.errorsOnly && sev != SeverityError {
		return
	}
	v.findings = append(v.findings, Finding{Severity: sev, Code: code, Path: path, Message: msg})
}

// warns reports whether findings other than errors are kept.
func (v *validator) warns() bool { return !v.errorsOnly }

// finish runs the checkers and returns the sorted, de-duplicated findings.
func (v *validator) finish(cfg *validateConfig) []Finding {
	for _, c := range cfg.checkers {
		if c != nil {
			for _, f := range c.Check(v.doc, v.kind) {
				v.add(f.Severity, f.Code, f.Path, f.Message)
			}
		}
	}
	return sortFindings(v.doc, v.findings)
}

// validate runs every grammar check on a non-nil document. writable says
// that Compact would write it, so that its text needs no check.
func (v *validator) validate(writable bool) {
	if !v.kind.known() {
		v.add(SeverityError, CodeUnknownKind, "", v.kind.String()+" is not a policy kind; only kind-independent checks ran")
	}
	if !writable {
		v.checkText()
	}
	v.checkVersion()
	if v.doc.ID != "" && v.kind.identityBased() && v.warns() {
		v.add(SeverityWarning, CodeIDNotAllowed, pathID,
			"the Id element must not appear in "+v.kind.withArticle()+"; remove it")
	}
	if len(v.doc.Statement) == 0 {
		v.add(SeverityError, CodeMissingStatement, pathStatement, "the document has no statement")
	}
	v.checkSids()
	for i := range v.doc.Statement {
		v.checkStatement(i, &v.doc.Statement[i])
	}
}

func (v *validator) checkVersion() {
	required := v.kind.requiresVersion2012()
	switch v.doc.Version {
	case Version2012:
	case "":
		sev := SeverityWarning
		msg := `the document has no Version: it is read as "2008-10-17", where policy variables are literal text; add "Version": "2012-10-17"`
		if required {
			sev = SeverityError
			msg = v.kind.withArticle() + ` must have "Version": "2012-10-17"`
		}
		v.add(sev, CodeMissingVersion, "", msg)
	case Version2008:
		sev := SeverityWarning
		msg := `Version "2008-10-17" has no policy variables; use "2012-10-17"`
		if required {
			sev = SeverityError
			msg = v.kind.withArticle() + ` must have "Version": "2012-10-17"`
		}
		v.add(sev, CodeOldVersion, pathVersion, msg)
	default:
		v.add(SeverityError, CodeUnknownVersion, pathVersion,
			"Version "+quoteShort(v.doc.Version)+` is not a policy language version; use "2012-10-17"`)
	}
}

// The fixed parts of finding paths.
const (
	pathVersion   = "Version"
	pathID        = "Id"
	pathStatement = "Statement"
)

// known reports whether k is one of the defined kinds.
func (k Kind) known() bool { return k >= IdentityPolicy && k <= RCP }

// identityBased reports whether documents of kind k are identity-based in
// the grammar's sense: attached to (or passed for) a principal, so without
// Principal and Id (aws-rules A.1 table).
func (k Kind) identityBased() bool {
	return k == IdentityPolicy || k == PermissionsBoundary || k == SessionPolicy
}

// requiresVersion2012 reports whether AWS refuses documents of kind k
// without "Version": "2012-10-17": KMS key policies (aws-rules A.2) and
// Organizations policies (SCP and RCP syntax pages: "Every SCP/RCP must
// include a Version element with the value 2012-10-17").
func (k Kind) requiresVersion2012() bool { return k == KeyPolicy || k == SCP || k == RCP }

// describe names the kind in prose, e.g. "identity policy".
func (k Kind) describe() string {
	switch k {
	case IdentityPolicy:
		return "identity policy"
	case ResourcePolicy:
		return "resource policy"
	case KeyPolicy:
		return "key policy"
	case TrustPolicy:
		return "role trust policy"
	case PermissionsBoundary:
		return "permissions boundary"
	case SessionPolicy:
		return "session policy"
	case SCP:
		return "service control policy"
	case RCP:
		return "resource control policy"
	}
	return "policy of unknown kind"
}

// withArticle returns describe with "a" or "an" before it.
func (k Kind) withArticle() string {
	d := k.describe()
	switch d[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + d
	}
	return "a " + d
}
