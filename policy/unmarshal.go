package policy

// UnmarshalJSON parses data with Parse, so that a Document inside a larger
// JSON value (a configuration file, an API response) is read just as
// strictly. JSON null is an error like any other non-object: a policy that
// is missing must not quietly become an empty one.
func (d *Document) UnmarshalJSON(data []byte) error {
	doc, err := Parse(data)
	if err != nil {
		return err
	}
	*d = *doc
	return nil
}
