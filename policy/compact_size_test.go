package policy

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// writeSizeSlow is compactSize's reference twin: it writes the document
// with Compact and measures the text.
func writeSizeSlow(t testing.TB, d *Document) (jsonSize, bool) {
	b, err := d.Compact()
	if err != nil {
		return jsonSize{}, false
	}
	n := jsonSize{bytes: len(b), chars: utf8.RuneCount(b)}
	// The compact text has no whitespace between tokens, which is what
	// lets compactSize stand for Measure in every unit.
	require.Equal(t, n.chars, NonWhitespaceCharacters.Measure(b), "%s", b)
	require.Equal(t, n.chars, Characters.Measure(b), "%s", b)
	require.Equal(t, n.bytes, Bytes.Measure(b), "%s", b)
	return n, true
}

// requireSameSize checks compactSize against its twin on d.
func requireSameSize(t testing.TB, d *Document) {
	want, wantOK := writeSizeSlow(t, d)
	got, ok := compactSize(d)
	require.Equal(t, wantOK, ok, "compactSize ok = %v, Compact succeeded = %v", ok, wantOK)
	if ok {
		require.Equal(t, want, got)
		// Validate skips checkText on a document the writer takes: it
		// must have nothing to find there.
		v := validator{doc: d}
		v.checkText()
		require.Empty(t, v.findings)
	}
}

func TestCompactSizeIsTheLengthCompactWrites(t *testing.T) {
	everyForm := &Document{Version: Version2012, ID: "id-1", Statement: []Statement{
		{Sid: "A", Effect: Allow, Principal: &Principal{AWS: Strings{Values: []string{"111122223333"}, Array: true},
			Service: List("a.amazonaws.com", "b.amazonaws.com"), Federated: List("f"), CanonicalUser: List("c")},
			Action: List("kms:Encrypt"), Resource: List("*"),
			Condition: Condition{
				{Operator: "StringEquals", Entries: []ConditionEntry{
					{Key: "k1", Values: StringValues("v")},
					{Key: "k2", Values: StringValues("v"), Array: true},
					{Key: "k3", Values: []Value{{Text: "1.5e-3", Kind: NumberValue}, {Text: "true", Kind: BoolValue}, {Text: "x"}}},
					{Key: "k4"},
				}},
				{Operator: "Null"},
			}},
		{Effect: Deny, NotPrincipal: Everyone(), NotAction: List("a:b", "c:d"), NotResource: Strings{Values: []string{"r"}, Array: true}},
		{},
	}}
	tests := []struct {
		name string
		doc  *Document
	}{
		{"every element in every form is counted", everyForm},
		{"a single statement object is counted without brackets", &Document{StatementObject: true, Statement: []Statement{allow("s3:GetObject", "*")}}},
		{"a document without statements is counted", &Document{}},
		{"quotes, backslashes, LF, CR and tab are counted with their backslash",
			doc(allow("s3:GetObject", "arn:aws:s3:::b/\"q\"\\\n\r\t/x"))},
		{"Latin-1 characters are two bytes and one character", doc(allow("s3:GetObject", "arn:aws:s3:::b/café\u00ff\u0080"))},
		{"DEL is written as itself", doc(allow("s3:GetObject", "arn:aws:s3:::b/\x7f"))},
		{"a quote in the first word of a long string is counted", doc(allow("s3:GetObject", "a\"cdefghijklmnopqrstu"))},
		{"a quote between the last full word and the end is counted", doc(allow("s3:GetObject", "abcdefghijklmnopq\"rs"))},
		{"a Latin-1 character at the end of a long string is counted", doc(allow("s3:GetObject", "abcdefghijklmnopqrsé"))},
		{"a control character early in a long string is refused", doc(allow("s3:GetObject", "ab\x01defghijklmnopqrstuvw"))},
		{"strings of seven, eight and nine bytes are counted", doc(allow("s3:GetObject", "abcdefg"), allow("s3:Get", "abcdefgh"), allow("s3:Ge", "abcdefgh\n"))},
		{"a control character is refused", doc(allow("s3:GetObject", "arn:aws:s3:::b/\x00"))},
		{"a character above U+00FF is refused", doc(allow("s3:GetObject", "arn:aws:s3:::b/Ā"))},
		{"invalid UTF-8 is refused", doc(allow("s3:GetObject", "arn:aws:s3:::b/\xc3"))},
		{"a lone continuation byte is refused", doc(allow("s3:GetObject", "arn:aws:s3:::b/\x80"))},
		{"an overlong encoding is refused", doc(allow("s3:GetObject", "arn:aws:s3:::b/\xc1\x81"))},
		{"a principal both \"*\" and typed is refused", doc(with(allow("s3:GetObject", "*"), func(s *Statement) {
			s.Principal = &Principal{Wildcard: true, AWS: List("x")}
		}))},
		{"a number value that is not a JSON number is refused", doc(with(allow("s3:GetObject", "*"), func(s *Statement) {
			s.Condition = Condition{{Operator: "NumericEquals", Entries: []ConditionEntry{{Key: "k", Values: []Value{{Text: "01", Kind: NumberValue}}}}}}
		}))},
		{"a boolean value that is not true or false is refused", doc(with(allow("s3:GetObject", "*"), func(s *Statement) {
			s.Condition = Condition{{Operator: "Bool", Entries: []ConditionEntry{{Key: "k", Values: []Value{{Text: "True", Kind: BoolValue}}}}}}
		}))},
		{"a value of unknown kind is refused", doc(with(allow("s3:GetObject", "*"), func(s *Statement) {
			s.Condition = Condition{{Operator: "Bool", Entries: []ConditionEntry{{Key: "k", Values: []Value{{Text: "x", Kind: 7}}}}}}
		}))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { requireSameSize(t, tc.doc) })
	}
}

func TestCompactSizeAgreesOnEveryGoldenAndCorpusDocument(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	more, err := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.json"))
	require.NoError(t, err)
	files = append(files, more...)
	require.NotEmpty(t, files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		d, err := Parse(data)
		require.NoError(t, err, file)
		requireSameSize(t, d)
	}
}

// FuzzCompactSize builds documents from arbitrary strings, value kinds and
// forms, and checks compactSize against writing the document.
func FuzzCompactSize(f *testing.F) {
	f.Add("2012-10-17", "Sid1", "Allow", "kms:Encrypt", keyARN, "StringEquals", "aws:PrincipalTag/team", "blue", uint8(0), uint8(0))
	f.Add("", "a\"b", "Deny", "s3:*", "arn:aws:s3:::b/\té\\", "NumericLessThan", "n", "1e3", uint8(1), uint8(0xff))
	f.Add("x", "\x00", "", ":", "\xff", "Bool", "", "True", uint8(2), uint8(0x55))
	f.Add("\u00ff", "Ā", "Allow", "*", "\xc3", "", "k", "01", uint8(1), uint8(0xaa))
	f.Fuzz(func(t *testing.T, version, sid, effect, action, resource, op, key, val string, kind, flags uint8) {
		bit := func(i uint) bool { return flags&(1<<i) != 0 }
		v := Value{Text: val, Kind: ValueKind(kind % 4)}
		st := Statement{Sid: sid, Effect: Effect(effect),
			Action:   Strings{Values: []string{action}, Array: bit(0)},
			Resource: List(resource, action),
			Condition: Condition{{Operator: op, Entries: []ConditionEntry{
				{Key: key, Values: []Value{v}, Array: bit(1)},
				{Key: val, Values: []Value{v, {Text: key}}},
			}}},
		}
		if bit(2) {
			st.Principal = &Principal{Wildcard: bit(3)}
			if bit(4) {
				st.Principal.AWS = List(resource)
			}
			if bit(5) {
				st.Principal.Federated = List(key, val)
			}
		}
		d := &Document{Version: version, ID: key, Statement: []Statement{st}, StatementObject: bit(6)}
		if bit(7) {
			d.Statement = append(d.Statement, Statement{})
		}
		requireSameSize(t, d)
	})
}

// specialBytesSlow is specialBytes's reference, byte by byte.
func specialBytesSlow(x uint64) uint64 {
	var m uint64
	for i := range 8 {
		c := byte(x >> (8 * i))
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			m |= 0x80 << (8 * i)
		}
	}
	return m
}

// wordWith is a little-endian word of eight fill bytes with c at byte pos.
func wordWith(fill byte, pos int, c byte) uint64 {
	var x uint64
	for i := range 8 {
		b := fill
		if i == pos {
			b = c
		}
		x |= uint64(b) << (8 * i)
	}
	return x
}

func TestSpecialBytesMarksWhatTheWriterDoesNotCopy(t *testing.T) {
	for c := range 256 {
		for _, pos := range []int{0, 3, 7} {
			for _, fill := range []byte{'a', 0x1f, 0x20, 0x7f, 0x80, '"'} {
				x := wordWith(fill, pos, byte(c))
				require.Equal(t, specialBytesSlow(x), specialBytes(x), "%#016x", x)
			}
		}
	}
}

func FuzzSpecialBytes(f *testing.F) {
	f.Add(uint64(0x4142434445464748))
	f.Add(uint64(0x2200_5c1f_2080_7f20))
	f.Fuzz(func(t *testing.T, x uint64) {
		if got, want := specialBytes(x), specialBytesSlow(x); got != want {
			t.Fatalf("specialBytes(%#016x) = %#016x, want %#016x", x, got, want)
		}
		if got, want := controlBytes(x), controlBytesSlow(x); got != want {
			t.Fatalf("controlBytes(%#016x) = %#016x, want %#016x", x, got, want)
		}
	})
}

// controlBytesSlow is controlBytes's reference, byte by byte.
func controlBytesSlow(x uint64) uint64 {
	var m uint64
	for i := range 8 {
		if byte(x>>(8*i)) < 0x20 {
			m |= 0x80 << (8 * i)
		}
	}
	return m
}

func TestControlBytesMarksExactlyTheBytesBelow0x20(t *testing.T) {
	for c := range 256 {
		for _, fill := range []byte{'a', 0x00, 0x1f, 0x20, 0x9f, 0xff} {
			for _, pos := range []int{0, 4, 7} {
				x := wordWith(fill, pos, byte(c))
				require.Equal(t, controlBytesSlow(x), controlBytes(x), "%#016x", x)
			}
		}
	}
}
