package glob

import (
	"strconv"
	"strings"
	"testing"
)

// The pathological families: inputs of 10^3 to 10^6 characters that a
// naive piece search costs pattern × input on. Each pattern fails only at
// its last character, against a text of one repeated letter, so every
// candidate start is read nearly to the end of the piece.
var linearSizes = []int{1_000, 10_000, 100_000, 1_000_000}

// linearFamily is one pathological family: the pattern and the text for
// an input length n.
type linearFamily struct {
	name    string
	fold    bool
	pattern func(n int) string
	text    func(n int) string
}

func linearFamilies() []linearFamily {
	as := func(n int) string { return strings.Repeat("a", n) }
	return []linearFamily{
		// A case-folded action whose middle piece is an eighth of the
		// request action (the 130k-character Deny against a 1 MiB action).
		{name: "FoldActionPiece", fold: true,
			pattern: func(n int) string { return "s3:*" + strings.Repeat("a", n/8) + "b*" },
			text:    func(n int) string { return "S3:" + strings.Repeat("A", n) }},
		// A case-sensitive literal middle piece an eighth of the input.
		{name: "LiteralPiece",
			pattern: func(n int) string { return "*" + strings.Repeat("a", n/8) + "b*" },
			text:    as},
		// A middle piece holding '?' of 63 characters (one machine word).
		{name: "QuestPiece63",
			pattern: func(n int) string { return "*" + strings.Repeat("a?", 31) + "b*" },
			text:    as},
		// A middle piece holding '?' an eighth of the input.
		{name: "QuestPieceEighth",
			pattern: func(n int) string { return "*" + strings.Repeat("a?", n/16) + "b*" },
			text:    as},
		// The same, case-folded (an action pattern such as kms:*a?a?…b*).
		{name: "FoldQuestPieceEighth", fold: true,
			pattern: func(n int) string { return "s3:*" + strings.Repeat("a?", n/16) + "b*" },
			text:    func(n int) string { return "S3:" + strings.Repeat("A", n) }},
	}
}

// BenchmarkLinear reports ns/op and ns per input character for each
// pathological family and input length; per-character cost that stays
// flat as n grows is linear matching.
func BenchmarkLinear(b *testing.B) {
	for _, fam := range linearFamilies() {
		for _, n := range linearSizes {
			b.Run(fam.name+"/n="+strconv.Itoa(n), func(b *testing.B) {
				p, s := Compile(fam.pattern(n), fam.fold), fam.text(n)
				if p.Match(s) {
					b.Fatal("the family's pattern must not match")
				}
				b.ReportAllocs()
				for b.Loop() {
					p.Match(s)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s)), "ns/char")
			})
		}
	}
}
