// Package glob implements the wildcard matching IAM uses for actions,
// resources and the StringLike/ArnLike condition operators.
//
// A pattern is text in which '*' matches any run of characters (including
// none and including '/' and ':') and '?' matches exactly one character.
// Matching is greedy and segment-based: the text before the first '*' must be
// a prefix, the text after the last '*' a suffix, and every piece in between
// is found at its leftmost position. That never backtracks, so a match costs
// O(len(text) × len(longest piece)) at worst and is linear in practice, with
// no allocation and no recursion.
//
// Compiled patterns are stored in an encoded form in which the wildcards are
// the bytes Star (0x01) and Quest (0x02). Policy text can never contain those
// bytes (the policy grammar allows only tab, LF, CR and U+0020–U+00FF), so an
// encoded pattern can also carry a literal '*' or '?' — which is what the
// policy-variable escapes ${*} and ${?} produce.
package glob
