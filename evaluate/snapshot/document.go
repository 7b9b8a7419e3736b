package snapshot

import (
	"errors"
	"net/url"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// Document is a policy document of the snapshot with what it is, for
// explanations.
type Document struct {
	// Doc is the parsed document.
	Doc *policy.Document
	// Source names the document for people, such as
	// "arn:aws:iam::111122223333:policy/KeyUsers (v3)",
	// "arn:aws:iam::111122223333:user/alice inline policy Decrypt",
	// "key policy" or "SCP organizations/scp/1-ou/deny.json".
	Source string
	// file and path locate the document in the snapshot, for errors.
	file, path string
}

// decodeDocument turns a policy document as a snapshot holds it into JSON
// text. Text that starts with "{" is JSON already (the AWS CLI's objects,
// get-key-policy's and describe-policy's strings). Anything else is
// URL-encoded as the IAM API returns it ("Policies returned by this
// operation are URL-encoded compliant with RFC 3986",
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html)
// and is decoded with path unescaping, which leaves "+" a plus sign:
// query unescaping would turn a literal "+" into a space.
func decodeDocument(text string) (string, string) {
	t := strings.TrimLeft(text, " \t\r\n")
	if strings.HasPrefix(t, "{") {
		return text, ""
	}
	dec, err := url.PathUnescape(text)
	if err != nil {
		return "", "not a JSON object and not URL-encoded JSON: " + err.Error()
	}
	if !strings.HasPrefix(strings.TrimLeft(dec, " \t\r\n"), "{") {
		return "", "not a JSON object and not URL-encoded JSON"
	}
	return dec, ""
}

// parseDocument decodes and parses the document at file and path. A
// document error names the path inside the document after path.
func parseDocument(file, path, text string) (*policy.Document, error) {
	dec, problem := decodeDocument(text)
	if problem != "" {
		return nil, malformed(file, path, problem)
	}
	doc, err := policy.Parse([]byte(dec))
	if err != nil {
		var perr *policy.Error
		if errors.As(err, &perr) {
			p := path
			if perr.Path != "" {
				p = child(path, perr.Path)
			}
			return nil, &Error{File: file, Path: p, Reason: perr.Reason, Err: perr}
		}
		return nil, &Error{File: file, Path: path, Reason: err.Error(), Err: err}
	}
	return doc, nil
}
