package catalog

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"github.com/cksiam/cksiam/internal/ascii"
	"io"
	"strings"
)

// ErrFormat is wrapped by the error Load returns for data that is not a
// catalog file.
var ErrFormat = errors.New("catalog: malformed catalog data")

// Load reads a catalog in the format the package embeds (a gzip'd text
// file written by the generator in internal/cataloggen). Most programs
// use Default; Load serves those who generate a newer file themselves.
func Load(r io.Reader) (*Catalog, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: the reader is nil", ErrFormat)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	var buf bytes.Buffer
	buf.Grow(2 << 20)
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return parse(buf.String())
}

// parser turns the text into a Catalog. Every string of the catalog is a
// substring of the text (names) or of its lower-cased copy (map keys), and
// structs come from a few large slices, so loading allocates little.
type parser struct {
	c        *Catalog
	text     string
	lower    string
	line     int
	services []Service
	actions  []Action
	keys     []ConditionKey
	types    []ResourceType
	keyPtrs  []*ConditionKey // arena for the key lists
	refs     []ResourceRef   // arena for the resource lists
	cur      *Service
}

func parse(text string) (*Catalog, error) {
	p := &parser{text: text, lower: ascii.ToLower(text), c: &Catalog{globals: newGlobals()}}
	p.services = make([]Service, 0, strings.Count(text, "\nS "))
	p.actions = make([]Action, 0, strings.Count(text, "\nA "))
	p.keys = make([]ConditionKey, 0, strings.Count(text, "\nK "))
	p.types = make([]ResourceType, 0, strings.Count(text, "\nR "))
	p.c.services = make([]*Service, 0, cap(p.services))
	p.c.actions = make([]*Action, 0, cap(p.actions))
	p.c.serviceByLower = make(map[string]*Service, cap(p.services))
	p.c.actionByLower = make(map[string]*Action, cap(p.actions))
	if err := p.run(); err != nil {
		return nil, err
	}
	p.c.index()
	return p.c, nil
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrFormat, p.line, fmt.Sprintf(format, args...))
}

func (p *parser) run() error {
	pos := 0
	for pos < len(p.text) {
		end := strings.IndexByte(p.text[pos:], '\n')
		if end < 0 {
			return p.errorf("no final newline")
		}
		start := pos
		pos += end + 1
		p.line++
		line := p.text[start : start+end]
		var err error
		switch {
		case p.line == 1:
			if line != "cksiam-catalog 1" {
				err = p.errorf("not a catalog file of format 1")
			}
		case p.line == 2:
			src, ok := strings.CutPrefix(line, "source ")
			i := strings.LastIndexByte(src, ' ')
			if !ok || i < 0 {
				err = p.errorf("no source line")
				break
			}
			p.c.source, p.c.version = src, src[i+1:]
		case len(line) < 2 || line[1] != ' ':
			err = p.errorf("not a record")
		case line[0] == 'S':
			err = p.service(line[2:], start+2)
		case p.cur == nil:
			err = p.errorf("record before the first service")
		case line[0] == 'K':
			err = p.key(line[2:])
		case line[0] == 'R':
			err = p.resourceType(line[2:])
		case line[0] == 'A':
			err = p.action(line[2:], start+2)
		default:
			err = p.errorf("unknown record %q", line[0])
		}
		if err != nil {
			return err
		}
	}
	if p.line < 2 {
		return p.errorf("no header")
	}
	return nil
}

func (p *parser) service(rec string, at int) error {
	prefix, name, ok := strings.Cut(rec, "\t")
	if !ok || prefix == "" {
		return p.errorf("service record needs a prefix and a name")
	}
	lp := p.lower[at : at+len(prefix)]
	if _, dup := p.c.serviceByLower[lp]; dup {
		return p.errorf("service %q twice", prefix)
	}
	p.services = append(p.services, Service{Prefix: prefix, Name: name, catalog: p.c})
	p.cur = &p.services[len(p.services)-1]
	p.c.services = append(p.c.services, p.cur)
	p.c.serviceByLower[lp] = p.cur
	return nil
}

func (p *parser) key(rec string) error {
	name, typ, ok := strings.Cut(rec, "\t")
	if !ok || name == "" || typ == "" {
		return p.errorf("condition key record needs a name and a type")
	}
	if len(p.cur.ResourceTypes) > 0 || len(p.cur.Actions) > 0 {
		return p.errorf("condition key after resource types or actions")
	}
	p.keys = append(p.keys, ConditionKey{Name: name, Type: KeyType(typ), owner: p.cur.Prefix})
	k := &p.keys[len(p.keys)-1]
	if strings.Contains(name, "${") || strings.IndexByte(name, '<') >= 0 {
		k.compile()
	}
	p.cur.ConditionKeys = append(p.cur.ConditionKeys, k)
	return nil
}

func (p *parser) resourceType(rec string) error {
	f := fields(rec)
	if f[0] == "" || f[1] == "" || f[3] != "" {
		return p.errorf("resource type record needs a name, an ARN format and keys")
	}
	if len(p.cur.Actions) > 0 {
		return p.errorf("resource type after actions")
	}
	keys, err := p.keyList(f[2], ',')
	if err != nil {
		return err
	}
	p.types = append(p.types, ResourceType{Service: p.cur, Name: f[0], ARN: f[1], ConditionKeys: keys})
	p.cur.ResourceTypes = append(p.cur.ResourceTypes, &p.types[len(p.types)-1])
	return nil
}

func (p *parser) action(rec string, at int) error {
	f := fields(rec)
	full, levelText := f[0], f[1]
	n := len(p.cur.Prefix)
	ok := len(full) > n+1 && full[n] == ':' && full[:n] == p.cur.Prefix
	if !ok || len(levelText) != 1 || levelFromLetter(levelText[0]) == 0 {
		return p.errorf("action record needs prefix:Name of the current service and a level")
	}
	lf := p.lower[at : at+len(full)]
	if _, dup := p.c.actionByLower[lf]; dup {
		return p.errorf("action %q twice", full)
	}
	if n := len(p.cur.Actions); n > 0 && p.cur.Actions[n-1].full >= full {
		return p.errorf("actions out of order at %q", full)
	}
	resources, err := p.resourceList(f[2])
	if err != nil {
		return err
	}
	keys, err := p.keyList(f[3], ',')
	if err != nil {
		return err
	}
	p.actions = append(p.actions, Action{
		Service: p.cur, Name: full[n+1:], Level: levelFromLetter(levelText[0]),
		Resources: resources, ConditionKeys: keys, full: full, lowerFull: lf,
	})
	a := &p.actions[len(p.actions)-1]
	p.cur.Actions = append(p.cur.Actions, a)
	p.c.actions = append(p.c.actions, a)
	p.c.actionByLower[lf] = a
	return nil
}

// resourceList parses "1*,3:4.7" into references to the current service's
// resource types.
func (p *parser) resourceList(s string) ([]ResourceRef, error) {
	if s == "" {
		return nil, nil
	}
	n := strings.Count(s, ",") + 1
	if cap(p.refs)-len(p.refs) < n {
		p.refs = make([]ResourceRef, 0, max(4096, n))
	}
	start := len(p.refs)
	for s != "" {
		var item string
		item, s, _ = strings.Cut(s, ",")
		item, keyText, _ := strings.Cut(item, ":")
		item, required := strings.CutSuffix(item, "*")
		i, ok := atoi(item)
		if !ok || i >= len(p.cur.ResourceTypes) {
			return nil, p.errorf("bad resource type reference %q", item)
		}
		keys, err := p.keyList(keyText, '.')
		if err != nil {
			return nil, err
		}
		p.refs = append(p.refs, ResourceRef{Type: p.cur.ResourceTypes[i], Required: required, ConditionKeys: keys})
	}
	return p.refs[start:len(p.refs):len(p.refs)], nil
}

// keyList parses a sep-separated list of the current service's key numbers.
func (p *parser) keyList(s string, sep byte) ([]*ConditionKey, error) {
	if s == "" {
		return nil, nil
	}
	n := strings.Count(s, string(sep)) + 1
	if cap(p.keyPtrs)-len(p.keyPtrs) < n {
		p.keyPtrs = make([]*ConditionKey, 0, max(16384, n))
	}
	start := len(p.keyPtrs)
	for s != "" {
		var item string
		if j := strings.IndexByte(s, sep); j >= 0 {
			item, s = s[:j], s[j+1:]
		} else {
			item, s = s, ""
		}
		i, ok := atoi(item)
		if !ok || i >= len(p.cur.ConditionKeys) {
			return nil, p.errorf("bad condition key reference %q", item)
		}
		p.keyPtrs = append(p.keyPtrs, p.cur.ConditionKeys[i])
	}
	return p.keyPtrs[start:len(p.keyPtrs):len(p.keyPtrs)], nil
}

// fields splits a record at tabs into exactly four fields; a fifth or
// later field is joined into the fourth so that callers can reject it.
func fields(rec string) [4]string {
	var f [4]string
	for i := 0; i < 3; i++ {
		j := strings.IndexByte(rec, '\t')
		if j < 0 {
			f[i] = rec
			return f
		}
		f[i], rec = rec[:j], rec[j+1:]
	}
	f[3] = rec
	return f
}

func atoi(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
