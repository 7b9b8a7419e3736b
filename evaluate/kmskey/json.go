package kmskey

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// node is one JSON value with the path that reached it. Objects keep their
// members in order and may not name a member twice.
type node struct {
	page  int
	path  string
	off   int  // byte offset of the value's first character in the file
	kind  byte // '{', '[', '"', '0' (number), 'b' (bool), 'n' (null)
	str   string
	num   json.Number
	b     bool
	keys  []string
	vals  []*node
	elems []*node
}

// maxDepth bounds nesting: AWS's outputs nest a few levels.
const maxDepth = 32

// parseValues reads every JSON value of data, one after another (the
// pages of a listing may be written to one file).
func parseValues(data []byte) ([]*node, error) {
	// encoding/json would turn a stray byte into U+FFFD without a word.
	if !utf8.Valid(data) {
		i := 0
		for r, n := utf8.DecodeRune(data); r != utf8.RuneError || n > 1; r, n = utf8.DecodeRune(data[i:]) {
			i += n
		}
		return nil, &Error{Reason: "not valid UTF-8 at byte offset " + strconv.Itoa(i), Err: ErrSyntax}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &parser{dec: dec, data: data}
	var out []*node
	for {
		n, err := p.parseNode(len(out)+1, "", 0)
		if err == io.EOF && len(out) > 0 {
			break
		}
		if err != nil {
			if err == io.EOF {
				err = &Error{Reason: "the file holds no JSON value", Err: ErrSyntax}
			}
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// parser reads JSON values from data, remembering where each starts.
type parser struct {
	dec  *json.Decoder
	data []byte
}

// start returns the offset of the next token: the decoder's position
// after the separators and spaces before it.
func (p *parser) start() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
			continue
		}
		break
	}
	return i
}

func (p *parser) parseNode(page int, path string, depth int) (*node, error) {
	dec := p.dec
	off := p.start()
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF && depth == 0 {
			return nil, io.EOF
		}
		var se *json.SyntaxError
		reason := err.Error()
		if errors.As(err, &se) {
			reason += " (byte " + strconv.FormatInt(se.Offset, 10) + ")"
		}
		return nil, &Error{Page: page, Path: path, Reason: reason, Err: ErrSyntax}
	}
	if depth > maxDepth {
		return nil, &Error{Page: page, Path: path, Reason: "nested too deep", Err: ErrInvalid}
	}
	n := &node{page: page, path: path, off: off}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = '{'
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, &Error{Page: page, Path: path, Reason: err.Error(), Err: ErrSyntax}
				}
				k, _ := kt.(string)
				for _, seen := range n.keys {
					if seen == k {
						return nil, &Error{Page: page, Path: member(path, k), Reason: "is given twice", Err: ErrInvalid}
					}
				}
				v, err := p.parseNode(page, member(path, k), depth+1)
				if err != nil {
					return nil, err
				}
				n.keys, n.vals = append(n.keys, k), append(n.vals, v)
			}
		case '[':
			n.kind = '['
			for dec.More() {
				v, err := p.parseNode(page, path+"["+strconv.Itoa(len(n.elems))+"]", depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, &Error{Page: page, Path: path, Reason: err.Error(), Err: ErrSyntax}
		}
	case string:
		n.kind, n.str = '"', t
	case json.Number:
		n.kind, n.num = '0', t
	case bool:
		n.kind, n.b = 'b', t
	case nil:
		n.kind = 'n'
	}
	return n, nil
}

func member(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func (n *node) fail(reason string) *Error {
	return &Error{Page: n.page, Path: n.path, Reason: reason, Err: ErrInvalid}
}

// get returns member k of an object, nil when absent.
func (n *node) get(k string) *node {
	for i, key := range n.keys {
		if key == k {
			return n.vals[i]
		}
	}
	return nil
}

func (n *node) object(what string) error {
	if n.kind != '{' {
		return n.fail("is not an object: expected " + what)
	}
	return nil
}

// only refuses members other than known.
func (n *node) only(known ...string) error {
next:
	for i, k := range n.keys {
		for _, want := range known {
			if k == want {
				continue next
			}
		}
		return n.vals[i].fail("is not a member this reader knows; it refuses rather than ignore what could change the answer")
	}
	return nil
}

// optString reads member k as a string; absent or null gives nil.
func (n *node) optString(k string) (*string, error) {
	v := n.get(k)
	if v == nil || v.kind == 'n' {
		return nil, nil
	}
	if v.kind != '"' {
		return nil, v.fail("is not a string")
	}
	s := v.str
	return &s, nil
}

// reqString reads member k as a non-empty string.
func (n *node) reqString(k string) (string, error) {
	s, err := n.optString(k)
	if err != nil {
		return "", err
	}
	if s == nil || *s == "" {
		return "", &Error{Page: n.page, Path: member(n.path, k), Reason: "is missing or empty", Err: ErrInvalid}
	}
	return *s, nil
}

// optBool reads member k as a boolean; absent or null gives nil.
func (n *node) optBool(k string) (*bool, error) {
	v := n.get(k)
	if v == nil || v.kind == 'n' {
		return nil, nil
	}
	if v.kind != 'b' {
		return nil, v.fail("is not true or false")
	}
	b := v.b
	return &b, nil
}

// optArray reads member k as an array; absent or null gives nil.
func (n *node) optArray(k string) ([]*node, error) {
	v := n.get(k)
	if v == nil || v.kind == 'n' {
		return nil, nil
	}
	if v.kind != '[' {
		return nil, v.fail("is not an array")
	}
	return v.elems, nil
}

// optStringMap reads member k as an object of strings; absent or null
// gives nil.
func (n *node) optStringMap(k string) (map[string]string, error) {
	v := n.get(k)
	if v == nil || v.kind == 'n' {
		return nil, nil
	}
	if v.kind != '{' {
		return nil, v.fail("is not an object of strings")
	}
	m := make(map[string]string, len(v.keys))
	for i, key := range v.keys {
		if v.vals[i].kind != '"' {
			return nil, v.vals[i].fail("is not a string")
		}
		m[key] = v.vals[i].str
	}
	return m, nil
}

// optTime reads member k as the AWS CLI prints a timestamp: seconds since
// the epoch (1568565290.0) or, with cli_timestamp_format = iso8601, an
// RFC 3339 string. Absent or null gives nil.
func (n *node) optTime(k string) (*time.Time, error) {
	v := n.get(k)
	switch {
	case v == nil || v.kind == 'n':
		return nil, nil
	case v.kind == '"':
		t, err := time.Parse(time.RFC3339Nano, v.str)
		if err != nil {
			return nil, v.fail("is not an RFC 3339 time: " + strconv.Quote(v.str))
		}
		return &t, nil
	case v.kind == '0':
		f, err := v.num.Float64()
		if err != nil || f < 0 || f > 1e11 {
			return nil, v.fail("is not a time in seconds since the epoch: " + v.num.String())
		}
		sec := int64(f)
		t := time.Unix(sec, int64((f-float64(sec))*1e9+0.5)).UTC()
		return &t, nil
	}
	return nil, v.fail("is not a time")
}

// more names the member of a listing page that says more results
// follow, or is "": Truncated true (the API's page), a NextMarker (the
// API's marker for the next page) or a NextToken (what the AWS CLI prints
// when --max-items cut its output).
func (n *node) more() (string, error) {
	b, err := n.optBool("Truncated")
	if err != nil {
		return "", err
	}
	if b != nil && *b {
		return "Truncated", nil
	}
	for _, k := range []string{"NextMarker", "NextToken"} {
		v, err := n.optString(k)
		if err != nil {
			return "", err
		}
		if v != nil && *v != "" {
			return k, nil
		}
	}
	return "", nil
}

// paging reads a listing page's paging members (a wrong type is an error
// on any page) and refuses a last page that says more results follow:
// what (grants, tags) would be missing.
func (n *node) paging(what string, last bool) error {
	k, err := n.more()
	if err != nil || k == "" || !last {
		return err
	}
	return &Error{Page: n.page, Path: k, Reason: "the listing goes on (" + k + "): fetch every page, or " + what + " would be missing", Err: ErrTruncated}
}
