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

// sample returns the sample resource of a, made once per scope.
func (b *builder) sample(a serviceAction) string {
	if a.scope < len(b.samples) && b.samples[a.scope] != "" {
		return b.samples[a.scope]
	}
	if a.scope >= len(b.samples) {
		b.samples = append(b.samples, make([]string, a.scope+1-len(b.samples))...)
	}
	res := b.sampler.sample(a.formats)
	b.samples[a.scope] = res
	return res
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
	return exampleIDs(s.best)
}

// exampleIDs returns strings.ReplaceAll(string(b), "*", "example1"),
// made in one allocation.
func exampleIDs(b []byte) string {
	n := bytes.Count(b, []byte("*"))
	if n == 0 {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b) + n*(len("example1")-1))
	for {
		i := bytes.IndexByte(b, '*')
		if i < 0 {
			break
		}
		out.Write(b[:i])
		out.WriteString("example1")
		b = b[i+1:]
	}
	out.Write(b)
	return out.String()
}

// expand visits every expansion of rest after buf (expandFormat's, in
// another order), keeping the least in s.best.
func (s *sampler) expand(rest string, buf []byte) {
	for {
		lit, name, after, ok := cutPlaceholder(rest)
		if !ok {
			break
		}
		buf = append(buf, lit...)
		rest = after
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
