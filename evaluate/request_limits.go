package evaluate

import (
	"strconv"
	"unicode/utf8"
)

// AWS's own limits on what a request can carry (IAM API reference,
// SimulateCustomPolicy and ContextEntry; KMS encryption context). Request
// fields longer than these cannot come from AWS, and refusing them bounds
// the work of one decision.
const (
	// MaxActionLength is the longest action name: 128 characters (IAM
	// ActionNameType).
	MaxActionLength = 128
	// MaxARNLength is the longest principal or resource ARN: 2,048
	// characters (IAM ResourceNameType and CallerArn).
	MaxARNLength = 2048
	// MaxContextKeyLength is the longest condition key name: 256
	// characters (IAM ContextKeyNameType).
	MaxContextKeyLength = 256
	// MaxContextValueLength is the longest context value: 8,192
	// characters, the size of a whole KMS encryption context, the largest
	// value a request supplies to a condition.
	MaxContextValueLength = 8192
)

// checkRequestLimits refuses request fields longer than AWS accepts.
func checkRequestLimits(r *Request) error {
	switch {
	case over(r.Action, MaxActionLength):
		return requestError("Action", tooLong(r.Action, MaxActionLength, "an action name"))
	case over(r.Principal, MaxARNLength):
		return requestError("Principal", tooLong(r.Principal, MaxARNLength, "a principal ARN"))
	case over(r.Resource, MaxARNLength):
		return requestError("Resource", tooLong(r.Resource, MaxARNLength, "a resource ARN"))
	case over(r.ResourceAccount, MaxARNLength):
		return requestError("ResourceAccount", tooLong(r.ResourceAccount, MaxARNLength, "an account ARN"))
	}
	return nil
}

// over reports whether s has more than limit characters. AWS counts
// characters; a string of at most limit bytes has at most limit
// characters, so only a longer one is counted.
func over(s string, limit int) bool {
	return len(s) > limit && utf8.RuneCountInString(s) > limit
}

// checkContextEntry refuses an empty key, and a key or value longer than
// AWS accepts.
func checkContextEntry(name string, vals []string) error {
	if plainContextEntry(name, vals) {
		return nil
	}
	return checkContextLimits(name, vals)
}

// plainContextEntry reports whether a context entry is the common one that
// checkContextLimits accepts without counting characters: a non-empty key
// and one value, both at most as many bytes as AWS allows characters. It
// inlines, so that readContext checks such entries without a call.
func plainContextEntry(name string, vals []string) bool {
	return uint(len(name)-1) < MaxContextKeyLength && len(vals) == 1 && len(vals[0]) <= MaxContextValueLength
}

// checkContextLimits is checkContextEntry's check of every entry.
func checkContextLimits(name string, vals []string) error {
	switch {
	case name == "":
		return requestError("Context", "has an empty key")
	case over(name, MaxContextKeyLength):
		return requestError("Context", "key "+quote(name)+" "+tooLong(name, MaxContextKeyLength, "a condition key"))
	}
	for _, v := range vals {
		if over(v, MaxContextValueLength) {
			return requestError("Context", "value of "+quote(name)+" "+tooLong(v, MaxContextValueLength, "a context value"))
		}
	}
	return nil
}

func tooLong(s string, limit int, what string) string {
	return "is " + strconv.Itoa(utf8.RuneCountInString(s)) + " characters long; " + what + " is at most " + strconv.Itoa(limit) + " characters in AWS"
}
