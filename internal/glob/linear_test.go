package glob

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// squeeze maps s onto a small alphabet (a, b, A, é, ?) when small is set:
// periodic pieces and texts, where the fast searches' shortcuts matter,
// are rare among random bytes.
func squeeze(s string, small bool) string {
	if !small {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString([]string{"a", "b", "A", "é", "?"}[s[i]%5])
	}
	return b.String()
}

func TestIndexTwoWay(t *testing.T) {
	tests := []struct {
		name, s, piece string
		fold           bool
		want           int
	}{
		{name: "an empty piece is found at the start", s: "abc", piece: "", want: 0},
		{name: "a piece longer than the text is not found", s: "ab", piece: "abc", want: -1},
		{name: "a periodic piece is found after a near miss", s: "aaaabaaaaab", piece: "aaaaab", want: 5},
		{name: "a non-periodic piece is found at the end", s: "abcabdabcabe", piece: "abcabe", want: 6},
		{name: "case is ignored with fold", s: "xxKMS:DECRYPT", piece: "kms:decrypt", fold: true, want: 2},
		{name: "case matters without fold", s: "xxKMS:DECRYPT", piece: "kms:decrypt", want: -1},
		{name: "a piece that only fails on its last byte is not found", s: strings.Repeat("a", 500), piece: strings.Repeat("a", 100) + "b", want: -1},
		{name: "a non-ASCII piece is found", s: "résumé", piece: "sumé", want: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := indexTwoWay(tt.s, tt.piece, tt.fold); got != tt.want {
				t.Errorf("indexTwoWay(%q, %q, %v) = %d, want %d", tt.s, tt.piece, tt.fold, got, tt.want)
			}
			if got := indexSlow(tt.s, tt.piece, tt.fold); got != tt.want {
				t.Errorf("indexSlow(%q, %q, %v) = %d, want %d", tt.s, tt.piece, tt.fold, got, tt.want)
			}
		})
	}
}

func TestIndexQuest(t *testing.T) {
	rep := strings.Repeat
	tests := []struct {
		name, piece, s string
		pos            int
		fold           bool
		want           int // where the match ends; -1 when there is none
	}{
		{name: "a quest matches one ASCII character", piece: "a?c", s: "xxabcx", want: 5},
		{name: "a quest matches one two-byte character", piece: "a?c", s: "xxaéc", want: 6},
		{name: "a quest does not match two characters", piece: "a?c", s: "abbc", want: -1},
		{name: "the search starts at pos", piece: "a?", s: "abab", pos: 1, want: 4},
		{name: "a 64-character piece (one block) is found", piece: rep("a?", 32), s: rep("a", 70), want: 64},
		{name: "a 65-character piece (two blocks) is found", piece: rep("a?", 32) + "b", s: rep("a", 70) + "b", want: 71},
		{name: "a piece of three blocks fails on its last character", piece: rep("a?", 80) + "b", s: rep("a", 1000), want: -1},
		{name: "a piece of three blocks is found at its leftmost place", piece: rep("?", 100) + "b" + rep("?", 60), s: rep("a", 150) + "b" + rep("a", 200), want: 211},
		{name: "a long piece with non-ASCII characters is found", piece: rep("é?", 40), s: "x" + rep("éa", 40), want: 1 + 40*3},
		{name: "case is ignored with fold", piece: rep("A?", 20) + "B", s: rep("a", 50) + "b", fold: true, want: 51},
		{name: "case matters without fold", piece: rep("A?", 20) + "B", s: rep("a", 50) + "b", want: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			end, ok := indexQuest(tt.piece, tt.s, tt.pos, tt.fold, '?')
			if !ok {
				end = -1
			}
			if end != tt.want {
				t.Errorf("indexQuest(%q, %q, %d) = %d, want %d", tt.piece, tt.s, tt.pos, end, tt.want)
			}
			slow, ok := findPiece(tt.piece, tt.s, tt.pos, tt.fold, '?')
			if !ok {
				slow = -1
			}
			if slow != tt.want {
				t.Errorf("findPiece(%q, %q, %d) = %d, want %d", tt.piece, tt.s, tt.pos, slow, tt.want)
			}
		})
	}
}

// FuzzIndexTwoWay checks the two-way search against trying every start.
func FuzzIndexTwoWay(f *testing.F) {
	f.Add("aaaabaaaaab", "aaaaab", false, false)
	f.Add("abcabdabcabe", "abcabe", false, false)
	f.Add("xxKMS:DECRYPT", "kms:decrypt", true, false)
	f.Add("\x00\x01\x02\x03\x00\x01\x00\x00\x01", "\x00\x01\x00", false, true)
	f.Fuzz(func(t *testing.T, s, piece string, fold, small bool) {
		s, piece = squeeze(s, small), squeeze(piece, small)
		if got, want := indexTwoWay(s, piece, fold), indexSlow(s, piece, fold); got != want {
			t.Fatalf("indexTwoWay(%q, %q, %v) = %d, trying every start gives %d", s, piece, fold, got, want)
		}
	})
}

// FuzzIndexQuest checks the bit-parallel search of pieces holding quests
// against trying every start, on valid UTF-8 (where both read characters
// alike). repeat lengthens the piece past one or two 64-character words.
func FuzzIndexQuest(f *testing.F) {
	f.Add("a?c", "xxabcx", uint8(0), uint8(1), false, false)
	f.Add("a?", "aaaaab", uint8(0), uint8(40), false, true)
	f.Add("?é", "aébéc", uint8(1), uint8(70), true, false)
	f.Fuzz(func(t *testing.T, piece, s string, pos, repeat uint8, fold, small bool) {
		piece = strings.Repeat(squeeze(piece, small), int(repeat)%150+1)
		s = strings.Repeat(squeeze(s, small), int(repeat)%7+1)
		if piece == "" || strings.IndexByte(piece, '*') >= 0 || !utf8.ValidString(piece) || !utf8.ValidString(s) {
			return
		}
		p := int(pos) % (len(s) + 1)
		for p > 0 && p < len(s) && !utf8.RuneStart(s[p]) {
			p--
		}
		end, ok := indexQuest(piece, s, p, fold, '?')
		wantEnd, wantOK := findPiece(piece, s, p, fold, '?')
		if ok != wantOK || ok && end != wantEnd {
			t.Fatalf("indexQuest(%q, %q, %d, %v) = %d, %v; trying every start gives %d, %v", piece, s, p, fold, end, ok, wantEnd, wantOK)
		}
	})
}
