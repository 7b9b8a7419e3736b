// Package glob implements the wildcard matching IAM uses for actions,
// resources and the StringLike/ArnLike condition operators.
//
// A pattern is text in which '*' matches any run of characters (including
// none and including '/' and ':') and '?' matches exactly one character.
// Matching is greedy and segment-based: the text before the first '*' must be
// a prefix, the text after the last '*' a suffix, and every piece in between
// is found at its leftmost position, which is always right (a later piece
// can only gain from an earlier end). That never backtracks and does not
// recurse. What a match costs, for a text of n characters:
//
//   - a pattern without '?' between its stars: O(n + len(pattern)), whatever
//     the text; case-folded or not, a piece longer than 32 bytes is found
//     with the two-way string search (twoway.go), a shorter one by trying
//     each start (at most 32 comparisons per character);
//   - a piece holding '?' of m characters: O(n × ⌈m/64⌉) by bit-parallel
//     matching (quest.go), one pass over the text when m ≤ 64 (a piece of
//     at most 16 bytes is found by trying each start). A piece is found
//     only in a text at least as long, so the worst case is n²/64 word
//     operations: a caller bounds it by bounding the text (request fields
//     have AWS's length limits). Matching allocates nothing, except the
//     bitmap (n/8 bytes) of a piece of more than 64 characters against a
//     text of more than 4,096 bytes.
//
// No linear-time algorithm is known for a piece with single-character
// wildcards in general; the bit-parallel bound is the standard one.
// Each fast search has an obvious twin (indexSlow, findPiece) and a fuzz
// target comparing them, besides FuzzMatch against regexp.
//
// Compiled patterns are stored in an encoded form in which the wildcards are
// the bytes Star (0x01) and Quest (0x02). Policy text can never contain those
// bytes (the policy grammar allows only tab, LF, CR and U+0020–U+00FF), so an
// encoded pattern can also carry a literal '*' or '?' — which is what the
// policy-variable escapes ${*} and ${?} produce.
package glob
