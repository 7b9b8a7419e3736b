package policy

// DefaultMaxDocumentChars is the longest document Parse reads unless told
// otherwise: 1,048,576 characters, about seven times the longest AWS
// managed policy (AWSSupportServiceRolePolicy, 152,297 characters) and
// eight times IAM's API limit on any policy input (131,072 characters,
// aws-rules D). It is not an AWS rule but a bound on the memory one call
// may use; AWS's quotas are Validate's to check (see Quota).
const DefaultMaxDocumentChars = 1 << 20

// ParseOption configures Parse and ParseWithSpans; a nil one is ignored.
type ParseOption func(*parseConfig)

type parseConfig struct {
	maxChars int
}

// WithMaxDocumentChars sets the longest document, in characters, that
// Parse reads; a longer one is an *Error matching ErrTooLong. n <= 0
// removes the bound, for a caller that has bounded its input itself.
// Parsing takes time and memory linear in the document's length.
func WithMaxDocumentChars(n int) ParseOption {
	return func(c *parseConfig) { c.maxChars = n }
}

func parseConfigOf(opts []ParseOption) parseConfig {
	if len(opts) == 0 {
		return parseConfig{maxChars: DefaultMaxDocumentChars}
	}
	return *configured(opts) // only then does the configuration escape
}

func configured(opts []ParseOption) *parseConfig {
	c := &parseConfig{maxChars: DefaultMaxDocumentChars}
	for _, o := range opts {
		if o != nil { // a nil option sets nothing, as Validate's and Compile's
			o(c)
		}
	}
	return c
}
