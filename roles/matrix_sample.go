package roles

import (
	"bytes"
	"strings"
)

// sampler makes the sample resource of an action for the matrix's
// other-action requests, sample(narrowestFrom(formats, o)), without
// building every ARN the formats expand to: it walks the expansions in a
// buffer it reuses and keeps the least, which is the first of the sorted
// list sample takes. TestSamplerMatchesSampleOfNarrowest holds it to that
// twin over the whole catalog.
type sampler struct {
	o    Options
	buf  []byte // the expansion being written
	best []byte // the least expansion so far
	some bool   // best holds an expansion
}

// sample returns sample(narrowestFrom(formats, s.o)).
func (s *sampler) sample(formats []string) string {
	if len(formats) == 0 {
		return "*"
	}
	s.some = false
	for _, f := range formats {
		s.expand(f, s.buf[:0])
	}
	if string(s.best) == "*" {
		return "*"
	}
	return strings.ReplaceAll(string(s.best), "*", "example1")
}

// expand visits every expansion of rest after buf (expandFormat's, in
// another order), keeping the least in s.best.
func (s *sampler) expand(rest string, buf []byte) {
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			break
		}
		name := rest[i+2 : i+j]
		buf = append(buf, rest[:i]...)
		rest = rest[i+j+1:]
		if v, ok := placeholderValue(name, s.o, nil); ok {
			buf = append(buf, v...)
			continue
		}
		ids := placeholderIDs(name, s.o)
		if len(ids) == 0 {
			buf = append(buf, '*')
			continue
		}
		for _, id := range ids {
			s.expand(rest, append(buf, id...))
		}
		return
	}
	buf = append(buf, rest...)
	if !s.some || bytes.Compare(buf, s.best) < 0 {
		s.best = append(s.best[:0], buf...)
		s.some = true
	}
	s.buf = buf[:0]
}
