package glob

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		fold       bool
		want       bool
	}{
		{"*", "", false, true},
		{"*", "anything/at:all", false, true},
		{"", "", false, true},
		{"", "a", false, false},
		{"kms:Decrypt", "kms:Decrypt", false, true},
		{"kms:decrypt", "KMS:Decrypt", true, true},
		{"kms:decrypt", "KMS:Decrypt", false, false},
		{"kms:?ecrypt", "kms:Decrypt", false, true},
		{"kms:?ecrypt", "kms:ecrypt", false, false},
		{"kms:*CustomKeyStore*", "kms:DescribeCustomKeyStores", false, true},
		{"kms:*CustomKeyStore*", "kms:CreateKey", false, false},
		{"kms:Get*", "kms:Get", false, true},
		{"arn:aws:s3:::BUCKET/*/test/*", "arn:aws:s3:::BUCKET/1/2/test/3/object.jpg", false, true},
		{"arn:aws:s3:::BUCKET/*/test/*", "arn:aws:s3:::BUCKET//test/object.jpg", false, true},
		{"arn:aws:s3:::BUCKET/*/test/*", "arn:aws:s3:::BUCKET/1/test/", false, true},
		{"arn:aws:s3:::BUCKET/*/test/*", "arn:aws:s3:::BUCKET/test/object.jpg", false, false},
		{"arn:aws:s3:::BUCKET/*/test/*", "arn:aws:s3:::BUCKET/1-test/object.jpg", false, false},
		{"a*b*c", "abc", false, true},
		{"a*b*c", "acb", false, false},
		{"a*a", "a", false, false},
		{"a*a", "aa", false, true},
		{"?", "é", false, true},
		{"??", "é", false, false},
		{"*é", "café", false, true},
		{"caf?", "café", false, true},
		{"*?", "", false, false},
		{"ab*", "a", false, false},
	}
	for _, tt := range tests {
		var got bool
		if tt.fold {
			got = MatchFold(tt.pattern, tt.s)
		} else {
			got = Match(tt.pattern, tt.s)
		}
		if got != tt.want {
			t.Errorf("Match(%q, %q, fold=%v) = %v, want %v", tt.pattern, tt.s, tt.fold, got, tt.want)
		}
		if c := Compile(tt.pattern, tt.fold); c.Match(tt.s) != tt.want {
			t.Errorf("Compile(%q).Match(%q) = %v, want %v", tt.pattern, tt.s, !tt.want, tt.want)
		}
	}
}

func TestLiteralWildcardsMatchOnlyThemselves(t *testing.T) {
	enc := Encode(nil, "arn:aws:s3:::b/")
	enc, ok := AppendLiteral(enc, "a*b?")
	if !ok {
		t.Fatal("AppendLiteral refused plain text")
	}
	enc = Encode(enc, "/*")
	p := FromEncoded(enc, "arn:aws:s3:::b/${*}", false)
	if !p.Match("arn:aws:s3:::b/a*b?/x") {
		t.Error("literal '*' and '?' should match themselves")
	}
	if p.Match("arn:aws:s3:::b/aXXbY/x") {
		t.Error("literal '*' and '?' must not act as wildcards")
	}
	if _, ok := AppendLiteral(nil, "x\x01"); ok {
		t.Error("AppendLiteral must refuse a Star byte")
	}
}

func TestMatchIsLinear(t *testing.T) {
	pattern := strings.Repeat("*a", 16) + "*b"
	s := strings.Repeat("a", 10000)
	p := Compile(pattern, false)
	start := time.Now()
	if p.Match(s) {
		t.Fatal("pattern must not match")
	}
	// Correctness is asserted above; the timing is reported, not asserted
	// (BenchmarkPathological measures it).
	t.Logf("(*a)^16*b against 10,000 characters: %v", time.Since(start))
}

// reference builds the regexp equivalent of a glob pattern.
func reference(pattern string, fold bool) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`(?s)^`)
	if fold {
		b.WriteString(`(?i)`)
	}
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

func FuzzMatch(f *testing.F) {
	f.Add("kms:*Key*", "kms:CreateKey", false)
	f.Add("arn:aws:s3:::b/*/t/*", "arn:aws:s3:::b/1/t/x", false)
	f.Add("a?c*", "abcd", true)
	f.Add("*a*a*b", "aaaaab", false)
	f.Add("?é*", "xéy", false)
	f.Add("", "", false)
	// Pieces long enough for the two-way and the bit-parallel searches.
	f.Add("s3:*"+strings.Repeat("a", 40)+"b*", "S3:"+strings.Repeat("A", 100)+"B", true)
	f.Add("*"+strings.Repeat("a?", 40)+"b*", strings.Repeat("a", 100)+"b", false)
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		if !isASCII(pattern) || !isASCII(s) && fold {
			// Case folding here is ASCII only, like IAM action names; the
			// regexp reference folds Unicode.
			if fold {
				return
			}
		}
		if !validUTF8(pattern) || !validUTF8(s) {
			return
		}
		want := reference(pattern, fold).MatchString(s)
		var got bool
		if fold {
			got = MatchFold(pattern, s)
		} else {
			got = Match(pattern, s)
		}
		if got != want {
			t.Fatalf("Match(%q, %q, fold=%v) = %v, regexp says %v", pattern, s, fold, got, want)
		}
		if c := Compile(pattern, fold); c.Match(s) != want {
			t.Fatalf("Compile(%q, %v).Match(%q) = %v, regexp says %v", pattern, fold, s, !want, want)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func validUTF8(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s && !strings.ContainsAny(s, "\x01\x02")
}

func BenchmarkMatchLiteral(b *testing.B) {
	p := Compile("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", false)
	s := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	b.ReportAllocs()
	for b.Loop() {
		p.Match(s)
	}
}

func BenchmarkMatchWildcard(b *testing.B) {
	p := Compile("arn:aws:kms:*:111122223333:key/*", false)
	s := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	b.ReportAllocs()
	for b.Loop() {
		p.Match(s)
	}
}

func BenchmarkMatchActionFold(b *testing.B) {
	p := Compile("kms:*CustomKeyStore*", true)
	b.ReportAllocs()
	for b.Loop() {
		p.Match("KMS:DescribeCustomKeyStores")
	}
}

func BenchmarkPathological(b *testing.B) {
	p := Compile(strings.Repeat("*a", 16)+"*b", false)
	s := strings.Repeat("a", 10000)
	b.ReportAllocs()
	for b.Loop() {
		p.Match(s)
	}
}

// FuzzCompileKeepsPlainPatterns holds Compile, which keeps a plain
// pattern as written, to its reference compileEncoded: the same matches,
// literal and match-all flags and spelling, for any pattern (with Star or
// Quest bytes and upper-case letters too) and any text.
func FuzzCompileKeepsPlainPatterns(f *testing.F) {
	f.Add("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/k", false)
	f.Add("kms:*CustomKeyStore*", "kms:CreateCustomKeyStore", true)
	f.Add("KMS:Decrypt", "kms:decrypt", true)
	f.Add("a?c*", "abcd", false)
	f.Add("*", "", false)
	f.Add("a\x01b", "axxb", false)
	f.Add("a\x02b", "a?b", true)
	f.Add("*"+strings.Repeat("a?", 40)+"b*", strings.Repeat("a", 100)+"b", false)
	f.Fuzz(func(t *testing.T, pattern, s string, fold bool) {
		got, want := Compile(pattern, fold), compileEncoded(pattern, fold)
		if got.Match(s) != want.Match(s) {
			t.Fatalf("Compile(%q, %v).Match(%q) = %v, the encoded pattern's %v", pattern, fold, s, got.Match(s), want.Match(s))
		}
		if got.IsLiteral() != want.IsLiteral() || got.MatchesAll() != want.MatchesAll() || got.String() != want.String() {
			t.Fatalf("Compile(%q, %v): literal %v, all %v, %q; the encoded pattern's %v, %v, %q", pattern, fold,
				got.IsLiteral(), got.MatchesAll(), got.String(), want.IsLiteral(), want.MatchesAll(), want.String())
		}
	})
}

func TestCompileKeepsAPlainPatternAsWritten(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		fold    bool
		plain   bool
	}{
		{"a resource pattern is kept", "arn:aws:kms:*:111122223333:key/*", false, true},
		{"a lower-case action pattern is kept when folding", "kms:*key*", true, true},
		{"an upper-case letter is lowered when folding", "kms:*Key*", true, false},
		{"an upper-case letter is kept when matching exactly", "kms:*Key*", false, true},
		{"a Star byte is encoded", "a\x01b", false, false},
		{"a Quest byte is encoded", "a\x02b", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p := Compile(tt.pattern, tt.fold); p.plain != tt.plain {
				t.Fatalf("Compile(%q, %v) kept as written: %v, want %v", tt.pattern, tt.fold, p.plain, tt.plain)
			}
			allocs := testing.AllocsPerRun(10, func() { sink = Compile(tt.pattern, tt.fold) })
			if (allocs == 0) != tt.plain {
				t.Fatalf("Compile(%q, %v) allocates %v times; kept as written: %v", tt.pattern, tt.fold, allocs, tt.plain)
			}
		})
	}
}

// sink keeps a compiled pattern alive for the allocation count.
var sink Pattern
