package simulator

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
)

// contextFromEntries turns SimulateCustomPolicy's typed ContextEntries into
// an evaluate.Context, checking each value against its declared type (aws-rules H.1):
// values are always strings on the wire; a single-valued type takes at most
// one value; an entry with no value is ignored (aws-rules H.3); a key may
// appear once.
func contextFromEntries(entries []types.ContextEntry) (evaluate.Context, error) {
	if len(entries) == 0 {
		return nil, nil
	}
	ctx := make(evaluate.Context, len(entries))
	seen := make(map[string]bool, len(entries))
	for i, e := range entries {
		where := "ContextEntries." + strconv.Itoa(i+1)
		name := aws.ToString(e.ContextKeyName)
		if n := utf8.RuneCountInString(name); n < minContextKeyChars || n > maxContextKeyChars {
			return nil, invalidInput("%s.ContextKeyName: %q must have %d to %d characters", where, name, minContextKeyChars, maxContextKeyChars)
		}
		if !strings.Contains(name, ":") {
			return nil, invalidInput("%s.ContextKeyName: %q is not a full key name such as aws:SourceIp", where, name)
		}
		// Key names compare ignoring ASCII case only, as the engine reads
		// them (evaluate.Context.Check): "aws:É" and "aws:é" are two keys.
		lower := ascii.ToLower(name)
		if seen[lower] {
			return nil, invalidInput("%s.ContextKeyName: %q is given twice", where, name)
		}
		seen[lower] = true
		typ := e.ContextKeyType
		if typ == "" {
			return nil, invalidInput("%s.ContextKeyType: required for %q", where, name)
		}
		base, list, ok := contextType(typ)
		if !ok {
			return nil, invalidInput("%s.ContextKeyType: %q is not one of string, stringList, numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList", where, typ)
		}
		if len(e.ContextKeyValues) == 0 {
			// The simulator ignores a context key given no value
			// (aws-rules H.3): the key stays missing, single-valued type or list.
			continue
		}
		if !list && len(e.ContextKeyValues) != 1 {
			return nil, invalidInput("%s.ContextKeyValues: type %s takes exactly one value, got %d", where, typ, len(e.ContextKeyValues))
		}
		for j, v := range e.ContextKeyValues {
			if reason := contextValueProblem(base, v); reason != "" {
				return nil, invalidInput("%s.ContextKeyValues.%d: %q %s (type %s)", where, j+1, v, reason, typ)
			}
		}
		ctx[name] = append([]string(nil), e.ContextKeyValues...)
	}
	return ctx, nil
}

// contextType splits a ContextKeyType into its base type and whether it is
// a list.
func contextType(t types.ContextKeyTypeEnum) (base string, list bool, ok bool) {
	s := string(t)
	if b, found := strings.CutSuffix(s, "List"); found {
		s, list = b, true
	}
	switch s {
	case "string", "numeric", "boolean", "ip", "binary", "date":
		return s, list, true
	}
	return "", false, false
}

// contextValueProblem checks one value against its base type with the
// engine's readers (evaluate.CheckContextValue), so a value the simulator
// accepts is one the engine can compare; it returns why not, or "".
func contextValueProblem(base, v string) string {
	var e *evaluate.Error
	if err := evaluate.CheckContextValue(base, v); errors.As(err, &e) {
		return e.Reason
	} else if err != nil {
		return err.Error()
	}
	return ""
}
