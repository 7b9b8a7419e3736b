// Package value reads the values of IAM condition operators — numbers,
// dates, IP blocks, booleans and base64 — once, in one place, for every
// reader of a policy: policy.Validate decides whether a value is valid with
// these parsers, the evaluator compares requests with the values they
// return, and a prover reasons about the sets they describe. A value that
// one of them reads, all of them read the same way; a value one of them
// refuses, all of them refuse.
//
// The main calls parse one value and compare it:
//
//	limit, err := value.ParseNumber("10")          // NumericLessThan's value
//	got, _ := value.ParseNumber("9.5")              // the request's s3:max-keys
//	allowed := err == nil && value.Less.Holds(got.Compare(limit))
//
// Every value type is small, immutable and comparable: Number (an exact
// decimal), Date (an exact instant), Prefix (a masked IPv4 or IPv6 block),
// Binary (base64 text) and bool. Parsing and comparing do not allocate, so
// an evaluator can read request values on its hot path.
//
// # Readings
//
// Numbers are digits with an optional leading "-" and an optional fraction
// ("10", "-2.5"); "+5", ".5", "5." and exponents are refused, because AWS
// documents integers and decimals only (aws-rules B.4).
//
// Dates are the W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime)
// — YYYY, YYYY-MM, YYYY-MM-DD, and YYYY-MM-DDThh:mm with optional seconds and
// fraction and a required zone "Z" or "±hh:mm" — or whole epoch seconds, the
// two forms the IAM User Guide allows
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date).
// A date without a time is the start of that period in UTC.
//
// Four digits ("2020") are both a year and epoch seconds, and AWS does not
// say which it reads; eight digits that form a calendar date ("20200101")
// are epoch seconds by the letter of the documentation but almost surely a
// date to their writer. Such a value has two readings (DateReading), and a
// comparison with it is True only if it holds under both, False only if it
// fails under both, and Unknown otherwise (Relate). A caller that must fail
// closed — an evaluator, a prover — lets an Allow apply only on True and a
// Deny apply unless False, so the ambiguity can never grant access;
// policy.Validate reports every such value with a warning (aws-rules I.7).
//
// IP values are an address or CIDR block as net/netip reads them, without a
// zone or spaces; a bare address is /32 (IPv4, as AWS documents) or /128
// (IPv6, the project's reading). Booleans are "true" and "false" in lower
// case. Binary values are standard padded base64.
//
// # Reasoning about sets
//
// Numbers and Dates are dense: between any two there is a third (Between),
// and beyond any there is another (Above, Below). Interval and Set build
// the values a comparison admits (SetOf(Less, v) is (-∞, v)) and combine
// them exactly, with open and closed ends; Witness picks a member, so a
// prover can answer "which request value would be allowed?". IPSet does the
// same for IpAddress blocks.
//
// Comments cite the AWS rules the code follows as "aws-rules C.2": section
// C.2 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package value
