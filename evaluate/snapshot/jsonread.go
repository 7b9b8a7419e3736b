package snapshot

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// jv is one JSON value of a snapshot file with the path that reached it, so
// that every error names the file and the element.
type jv struct {
	file string
	path string
	raw  json.RawMessage
}

// child is the path of member key below path.
func child(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// index is the path of element i below path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (v jv) errorf(reason string) *Error { return malformed(v.file, v.path, reason) }

// kind is the first byte of the value: '{', '[', '"', 'n', 't', 'f' or a
// digit.
func (v jv) kind() byte {
	b := bytes.TrimLeft(v.raw, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

func (v jv) isNull() bool { return v.kind() == 'n' }

// jobj is a JSON object whose members were read once. Member names are
// case-sensitive, as in AWS's output; a name given twice is an error, since
// a reader that kept one of them would silently read a different file than
// the one written.
type jobj struct {
	file, path string
	fields     map[string]json.RawMessage
}

// object reads v as a JSON object.
func (v jv) object() (jobj, error) {
	o := jobj{file: v.file, path: v.path, fields: map[string]json.RawMessage{}}
	dec := json.NewDecoder(bytes.NewReader(v.raw))
	tok, err := dec.Token()
	if err != nil {
		return o, v.errorf("not valid JSON: " + err.Error())
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return o, v.errorf("want a JSON object, got " + describe(tok))
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return o, v.errorf("not valid JSON: " + err.Error())
		}
		key := tok.(string) // object keys are always strings
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return o, malformed(v.file, child(v.path, key), "not valid JSON: "+err.Error())
		}
		if _, dup := o.fields[key]; dup {
			return o, malformed(v.file, child(v.path, key), "member given twice")
		}
		o.fields[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return o, v.errorf("not valid JSON: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return o, v.errorf("unexpected data after the JSON object")
	}
	return o, nil
}

// describe names the JSON type of a token for an error message.
func describe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a number"
}

// get returns member key; ok is false when it is absent or null.
func (o jobj) get(key string) (jv, bool) {
	raw, ok := o.fields[key]
	v := jv{file: o.file, path: child(o.path, key), raw: raw}
	if !ok || v.isNull() {
		return v, false
	}
	return v, true
}

// has reports whether member key is present and not null.
func (o jobj) has(key string) bool { _, ok := o.get(key); return ok }

func (v jv) str() (string, error) {
	if v.kind() != '"' {
		return "", v.errorf("want a string")
	}
	var s string
	if err := json.Unmarshal(v.raw, &s); err != nil {
		return "", v.errorf("not a valid JSON string: " + err.Error())
	}
	return s, nil
}

func (v jv) boolean() (bool, error) {
	var b bool
	if k := v.kind(); k != 't' && k != 'f' {
		return false, v.errorf("want true or false")
	}
	if err := json.Unmarshal(v.raw, &b); err != nil {
		return false, v.errorf("want true or false")
	}
	return b, nil
}

// array reads v as a JSON array of values.
func (v jv) array() ([]jv, error) {
	if v.kind() != '[' {
		return nil, v.errorf("want an array")
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(v.raw, &raws); err != nil {
		return nil, v.errorf("not valid JSON: " + err.Error())
	}
	out := make([]jv, len(raws))
	for i, r := range raws {
		out[i] = jv{file: v.file, path: index(v.path, i), raw: r}
	}
	return out, nil
}

// optString reads member key as a string; absent or null is "".
func (o jobj) optString(key string) (string, error) {
	v, ok := o.get(key)
	if !ok {
		return "", nil
	}
	return v.str()
}

// reqString reads member key, which must be a non-empty string.
func (o jobj) reqString(key string) (string, error) {
	v, ok := o.get(key)
	if !ok {
		return "", malformed(o.file, child(o.path, key), "missing")
	}
	s, err := v.str()
	if err == nil && s == "" {
		err = v.errorf("is empty")
	}
	return s, err
}

// optBool reads member key as a boolean; absent or null is false.
func (o jobj) optBool(key string) (bool, error) {
	v, ok := o.get(key)
	if !ok {
		return false, nil
	}
	return v.boolean()
}

// optArray reads member key as an array; absent or null is empty.
func (o jobj) optArray(key string) ([]jv, error) {
	v, ok := o.get(key)
	if !ok {
		return nil, nil
	}
	return v.array()
}

// optStrings reads member key as an array of strings.
func (o jobj) optStrings(key string) ([]string, error) {
	vs, err := o.optArray(key)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		s, err := v.str()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// documentText returns a policy document member as text: a JSON object as
// written (the AWS CLI decodes documents into objects), or a string as it
// is (the IAM API and the Go SDK return URL-encoded strings; get-key-policy
// and describe-policy return plain JSON text). decodeDocument reads the
// string form.
func (v jv) documentText() (string, error) {
	switch v.kind() {
	case '{':
		return string(bytes.TrimSpace(v.raw)), nil
	case '"':
		return v.str()
	}
	return "", v.errorf("want a policy document (a JSON object or a string)")
}
