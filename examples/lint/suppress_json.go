package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// decodeSuppressions reads the suppressions file's JSON. Its errors name
// the element at fault by JSON path ("suppressions[2].reason: want a
// string") or the line and column of a syntax error, never Go's types.
func decodeSuppressions(data []byte) ([]*suppression, error) {
	if err := syntaxCheck(data); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return nil, errors.New("want a JSON object")
	}
	if k, dup := duplicateMember(data); dup {
		return nil, fmt.Errorf("%s: given twice", k)
	}
	for k := range top {
		if k != "suppressions" {
			return nil, fmt.Errorf("%s: unknown member; the file holds only \"suppressions\"", k)
		}
	}
	raw, ok := top["suppressions"]
	if !ok {
		return nil, errors.New(`no "suppressions" list`)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return nil, errors.New("suppressions: want a list")
	}
	fields := []string{"code", "path", "file", "reason"}
	out := make([]*suppression, 0, len(items))
	for i, item := range items {
		where := fmt.Sprintf("suppressions[%d]", i)
		var members map[string]json.RawMessage
		if err := json.Unmarshal(item, &members); err != nil || members == nil {
			return nil, fmt.Errorf("%s: want an object", where)
		}
		if k, dup := duplicateMember(item); dup {
			return nil, fmt.Errorf("%s.%s: given twice", where, k)
		}
		keys := make([]string, 0, len(members))
		for k := range members {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e := &suppression{}
		for _, k := range keys {
			if !slices.Contains(fields, k) {
				return nil, fmt.Errorf("%s.%s: unknown member; want %s", where, k, strings.Join(fields, ", "))
			}
			var v string
			if err := json.Unmarshal(members[k], &v); err != nil || bytes.Equal(bytes.TrimSpace(members[k]), []byte("null")) {
				return nil, fmt.Errorf("%s.%s: want a string", where, k)
			}
			switch k {
			case "code":
				e.Code = v
			case "path":
				e.Path = &v
			case "file":
				e.File = v
			case "reason":
				e.Reason = v
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// syntaxCheck reports where data stops being one JSON value, as a line and
// column.
func syntaxCheck(data []byte) error {
	if !utf8.Valid(data) {
		// encoding/json would read a stray byte as U+FFFD, unseen.
		i := 0
		for r, n := utf8.DecodeRune(data); r != utf8.RuneError || n > 1; r, n = utf8.DecodeRune(data[i:]) {
			i += n
		}
		return fmt.Errorf("%s: not valid UTF-8", lineCol(data, int64(i)))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		off := dec.InputOffset()
		if _, err := dec.Token(); err != io.EOF {
			return fmt.Errorf("%s: text after the JSON object", lineCol(data, off+int64(leadingSpace(data[off:]))))
		}
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%s: not valid JSON: %s", lineCol(data, max(se.Offset-1, 0)), strings.TrimPrefix(se.Error(), "json: "))
	case len(bytes.TrimSpace(data)) == 0:
		return errors.New("the file is empty")
	default:
		return fmt.Errorf("%s: the JSON ends early", lineCol(data, int64(len(data))))
	}
}

// duplicateMember reports the first member name given twice in the JSON
// object obj (already known to be valid JSON), which encoding/json would
// silently read as its last value.
func duplicateMember(obj []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		k, _ := t.(string)
		if seen[k] {
			return k, true
		}
		seen[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

// leadingSpace counts the JSON white space at the start of b.
func leadingSpace(b []byte) int {
	return len(b) - len(bytes.TrimLeft(b, " \t\r\n"))
}

// lineCol names the byte of data at index off (or the end of data) as
// "line L, column C" (1-based, columns in bytes).
func lineCol(data []byte, off int64) string {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d", line, col)
}
