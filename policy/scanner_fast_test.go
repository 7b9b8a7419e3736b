package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// skipPrintableSlow is skipPrintable's reference, byte by byte: the
// first byte from i outside 0x20–0x7F, looked for in whole words of eight
// bytes; where fewer than eight are left, where they start.
func skipPrintableSlow(data []byte, i int) int {
	for i+8 <= len(data) {
		for k, c := range data[i : i+8] {
			if c < 0x20 || c >= 0x80 {
				return i + k
			}
		}
		i += 8
	}
	return i
}

func TestSkipPrintableFindsTheFirstByteThatIsNot(t *testing.T) {
	long := strings.Repeat(`{"Effect":"Allow","Action":"kms:Decrypt"}`, 3)
	for _, tc := range []struct {
		name string
		text string
	}{
		{"an empty text", ""},
		{"a text shorter than a word", `{"a":1}`},
		{"printable text of several steps", long},
		{"a newline in the third step", long[:70] + "\n" + long[71:]},
		{"a tab in the first word", "\t" + long},
		{"a Latin-1 letter near the end", long + "é"},
		{"DEL, the last printable byte", strings.Repeat("\x7f", 40)},
		{"a control byte in the last word of a step", long[:31] + "\x1f" + long[32:]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i <= len(tc.text); i++ {
				require.Equal(t, skipPrintableSlow([]byte(tc.text), i), skipPrintable([]byte(tc.text), i), "from %d", i)
			}
		})
	}
}

func FuzzSkipPrintable(f *testing.F) {
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}`), uint8(0))
	f.Add([]byte("{\n        \"Sid\": \"é\"\n}"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, at uint8) {
		i := int(at) % (len(data) + 1)
		require.Equal(t, skipPrintableSlow(data, i), skipPrintable(data, i))
	})
}

// checkTextSlow is checkText byte by byte, its reference.
func checkTextSlow(data []byte, maxChars int) *Error {
	if len(data) == 0 {
		return &Error{Reason: "empty document", Offset: 0, Err: ErrEmpty}
	}
	chars := 0
	for i := 0; i < len(data); {
		start, c := i, data[i]
		switch {
		case c >= 0x20 && c < 0x80, c == '\t', c == '\n', c == '\r':
			i++
		case (c == 0xC2 || c == 0xC3) && i+1 < len(data) && data[i+1]&0xC0 == 0x80:
			i += 2
		default:
			// The error checkText gives from here on, as checkText
			// builds it.
			return checkText(data[i:], 0).at(i)
		}
		chars++
		if maxChars > 0 && chars > maxChars {
			return &Error{Reason: checkText(data, maxChars).Reason, Offset: int64(start), Err: ErrTooLong}
		}
	}
	return nil
}

// at moves e's offset by off; nil stays nil.
func (e *Error) at(off int) *Error {
	if e == nil {
		return nil
	}
	c := *e
	c.Offset += int64(off)
	return &c
}

func FuzzCheckText(f *testing.F) {
	f.Add([]byte("{\n  \"Sid\": \"é\"\n}"), 0)
	f.Add([]byte(strings.Repeat(`{"Effect":"Allow"}`, 4)), 20)
	f.Add([]byte("{\"a\":\"\x01\"}"), 0)
	f.Add([]byte("{\"a\":\"\xff\"}"), 3)
	f.Fuzz(func(t *testing.T, data []byte, maxChars int) {
		maxChars %= 200
		require.Equal(t, checkTextSlow(data, maxChars), checkText(data, maxChars))
	})
}
