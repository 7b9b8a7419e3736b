package policy

import (
	"strconv"
	"unicode/utf8"
)

// SizeUnit says how a size quota counts a policy document.
type SizeUnit uint8

// The ways AWS measures a policy document (aws-rules D).
const (
	// NonWhitespaceCharacters counts characters, leaving out the JSON
	// whitespace between tokens (IAM: "size calculations do not include
	// white space"). Whitespace inside string values is counted: whether
	// IAM skips it too is not documented, and counting it can only make
	// Validate report an oversized policy sooner, never later.
	NonWhitespaceCharacters SizeUnit = iota + 1
	// Characters counts every character, whitespace included
	// (Organizations SCPs and RCPs, STS session policies).
	Characters
	// Bytes counts the UTF-8 bytes, whitespace included (KMS key policies).
	Bytes
)

// String returns the unit's name, e.g. "non-whitespace characters".
func (u SizeUnit) String() string {
	switch u {
	case NonWhitespaceCharacters:
		return "non-whitespace characters"
	case Characters:
		return "characters"
	case Bytes:
		return "bytes"
	}
	return "SizeUnit(" + strconv.Itoa(int(u)) + ")"
}

// Quota is a size limit on one policy document.
type Quota struct {
	// Name says which AWS quota this is, e.g. "managed policy".
	Name string
	// Limit is the largest allowed size; 0 means no limit.
	Limit int
	// Unit is how the document is measured; the zero Unit means
	// NonWhitespaceCharacters.
	Unit SizeUnit
}

// The size quotas of aws-rules D. Inline policies have no per-document limit:
// the quota applies to the total of all inline policies of one user, group
// or role, so the inline quotas here are an upper bound for a single
// document; pass the one that fits with WithQuota.
var (
	// QuotaManagedPolicy: a customer managed policy, 6,144 characters
	// without whitespace. Also the default for identity policies and
	// permissions boundaries (a boundary is a managed policy).
	QuotaManagedPolicy = Quota{Name: "managed policy", Limit: 6144, Unit: NonWhitespaceCharacters}
	// QuotaUserInline: all inline policies of one IAM user together, 2,048
	// characters without whitespace.
	QuotaUserInline = Quota{Name: "user inline policies", Limit: 2048, Unit: NonWhitespaceCharacters}
	// QuotaGroupInline: all inline policies of one IAM group together,
	// 5,120 characters without whitespace.
	QuotaGroupInline = Quota{Name: "group inline policies", Limit: 5120, Unit: NonWhitespaceCharacters}
	// QuotaRoleInline: all inline policies of one IAM role together,
	// 10,240 characters without whitespace.
	QuotaRoleInline = Quota{Name: "role inline policies", Limit: 10240, Unit: NonWhitespaceCharacters}
	// QuotaTrustPolicy: a role trust policy at the default quota, 2,048
	// characters without whitespace. The quota is adjustable (aws-rules D:
	// up to 4,096 in the 2023 guide, 8,192 reported since); pass a raised
	// one with WithQuota.
	QuotaTrustPolicy = Quota{Name: "role trust policy", Limit: 2048, Unit: NonWhitespaceCharacters}
	// QuotaSessionPolicy: the plaintext of the session policies passed to
	// AssumeRole* or GetFederationToken, 2,048 characters. The STS API
	// reference does not exclude whitespace, so it is counted. STS also
	// checks a packed binary size that cannot be computed offline
	// (PackedPolicySize).
	QuotaSessionPolicy = Quota{Name: "session policy", Limit: 2048, Unit: Characters}
	// QuotaSCP: a service control policy, 5,120 characters. The
	// Organizations SCP syntax page says "all characters in your SCP count
	// against its maximum size" (whitespace included; aws-rules D left this
	// open).
	QuotaSCP = Quota{Name: "service control policy", Limit: 5120, Unit: Characters}
	// QuotaRCP: a resource control policy, 5,120 characters, whitespace
	// included (aws-rules D).
	QuotaRCP = Quota{Name: "resource control policy", Limit: 5120, Unit: Characters}
	// QuotaKeyPolicy: a KMS key policy, 32,768 bytes. Whitespace is
	// counted: KMS does not say it is excluded (aws-rules D).
	QuotaKeyPolicy = Quota{Name: "key policy", Limit: 32768, Unit: Bytes}
)

// DefaultQuota returns the size quota Validate applies to a document of
// kind when no WithQuota option is given. Resource policies have none: the
// limit depends on the service (S3, SQS, SNS… each has its own).
func DefaultQuota(kind Kind) (Quota, bool) {
	switch kind {
	case IdentityPolicy, PermissionsBoundary:
		return QuotaManagedPolicy, true
	case TrustPolicy:
		return QuotaTrustPolicy, true
	case SessionPolicy:
		return QuotaSessionPolicy, true
	case SCP:
		return QuotaSCP, true
	case RCP:
		return QuotaRCP, true
	case KeyPolicy:
		return QuotaKeyPolicy, true
	}
	return Quota{}, false
}

// WithQuota makes Validate measure the document against q instead of the
// default quota of its kind, for example QuotaRoleInline for an inline
// policy or a raised trust-policy quota. A Quota with Limit 0 turns the
// size check off.
func WithQuota(q Quota) ValidateOption {
	if q == (Quota{}) {
		return withoutQuota // made once: callers that turn the check off on every call allocate nothing
	}
	return func(cfg *validateConfig) { cfg.quota, cfg.quotaSet = q, true }
}

var withoutQuota ValidateOption = func(cfg *validateConfig) { cfg.quota, cfg.quotaSet = Quota{}, true }

// Measure returns the size of the JSON text data in unit u. For
// NonWhitespaceCharacters (and the zero SizeUnit), the whitespace between JSON tokens (space, tab,
// LF, CR outside strings) is left out. Characters are counted as UTF-8
// runes, an invalid byte counting as one character.
func (u SizeUnit) Measure(data []byte) int {
	switch u {
	case Bytes:
		return len(data)
	case Characters:
		return utf8.RuneCount(data)
	}
	n := 0
	inString, escaped := false, false
	for i := 0; i < len(data); {
		c := data[i]
		size := 1
		if c >= utf8.RuneSelf {
			_, size = utf8.DecodeRune(data[i:])
		}
		i += size
		switch {
		case inString:
			n++
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			n++
			if c == '"' {
				inString = true
			}
		}
	}
	return n
}

// checkQuota adds a finding when the document exceeds the quota in force;
// size measures the document in a unit.
func (v *validator) checkQuota(cfg *validateConfig, size func(SizeUnit) int) {
	q, ok := cfg.quota, cfg.quotaSet
	if !ok {
		q, ok = DefaultQuota(v.kind)
	}
	if !ok || q.Limit <= 0 {
		return
	}
	if q.Unit == 0 {
		q.Unit = NonWhitespaceCharacters
	}
	if size := size(q.Unit); size > q.Limit {
		v.add(SeverityError, CodePolicySizeExceeded, "",
			"the document has "+strconv.Itoa(size)+" "+q.Unit.String()+"; the "+q.Name+
				" quota is "+strconv.Itoa(q.Limit))
	}
}
