package policy

// Position is a place in a policy's text.
type Position struct {
	// Offset is the byte offset from the start of the text.
	Offset int
	// Line is the 1-based line number.
	Line int
	// Column is the 1-based column, counted in characters.
	Column int
}

// Span is the text one statement occupies: Start is the position of its
// opening '{' and End the position just after its closing '}'. (The IAM
// policy simulator reports EndPosition the same way; its StartPosition
// counts from just after the preceding '[', '{' or '}' — see the evaluate
// package's simulator.)
type Span struct {
	Start, End Position
}

// ParseWithSpans is Parse that also reports where each statement is in
// data, one Span per statement in document order.
func ParseWithSpans(data []byte, opts ...ParseOption) (*Document, []Span, error) {
	if err := checkText(data, parseConfigOf(opts).maxChars); err != nil {
		return nil, nil, err
	}
	var offsets [][2]int
	p := newParser(data)
	p.spans = &offsets
	doc, perr := p.document()
	if perr != nil {
		return nil, nil, perr
	}
	spans := make([]Span, len(offsets))
	for i, o := range offsets {
		spans[i] = Span{Start: positionAt(data, o[0]), End: positionAt(data, o[1])}
	}
	return doc, spans, nil
}

// positionAt converts a byte offset of data into a Position.
func positionAt(data []byte, off int) Position {
	pos := Position{Offset: off, Line: 1, Column: 1}
	for i := 0; i < off && i < len(data); i++ {
		switch c := data[i]; {
		case c == '\n':
			pos.Line++
			pos.Column = 1
		case c&0xC0 == 0x80:
			// A UTF-8 continuation byte belongs to the character before.
		default:
			pos.Column++
		}
	}
	return pos
}
