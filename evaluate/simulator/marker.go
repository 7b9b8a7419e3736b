package simulator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// A marker is opaque to callers and tied to the input it was returned
// for: it holds a version, a digest of every input member that decides
// the results (all but Marker and MaxItems) and of the Simulator's
// options, and the index of the next action, base64url-encoded. A marker
// is accepted only when it decodes exactly (no other spelling of the same
// bytes), its digest is the current input's, and its index is one this
// input can continue from. It is not a secret: it keeps honest callers
// from mixing pages of different simulations, and strangers' text from
// being read as a place.

const (
	markerVersion = 1
	digestBytes   = 16
	markerBytes   = 1 + digestBytes + 8
)

// inputDigest is the digest a marker carries: SHA-256 of the members of
// in that decide the results, each length-prefixed so that no two inputs
// share an encoding, truncated to 16 bytes.
func (s *Simulator) inputDigest(in *iam.SimulateCustomPolicyInput) [digestBytes]byte {
	h := sha256.New()
	w := digestWriter{h: h}
	w.flag(s.newerActions)
	w.list(in.PolicyInputList)
	w.list(in.PermissionsBoundaryPolicyInputList)
	w.count(len(in.OrderedOrganizationPolicyInputList))
	for _, level := range in.OrderedOrganizationPolicyInputList {
		w.list(level.ServiceControlPolicyInputList)
	}
	w.list(in.ActionNames)
	w.list(in.ResourceArns)
	w.optional(in.ResourcePolicy)
	w.optional(in.ResourceOwner)
	w.optional(in.CallerArn)
	w.count(len(in.ContextEntries))
	for _, e := range in.ContextEntries {
		w.optional(e.ContextKeyName)
		w.text(string(e.ContextKeyType))
		w.list(e.ContextKeyValues)
	}
	w.optional(in.ResourceHandlingOption)
	var d [digestBytes]byte
	copy(d[:], h.Sum(nil))
	return d
}

// digestWriter feeds typed values to a hash, each with its length or
// presence, so that the encoding is unambiguous.
type digestWriter struct {
	h   hash.Hash
	buf [binary.MaxVarintLen64]byte
}

func (w *digestWriter) count(n int) {
	w.h.Write(binary.AppendUvarint(w.buf[:0], uint64(n)))
}

func (w *digestWriter) text(s string) {
	w.count(len(s))
	w.h.Write([]byte(s))
}

func (w *digestWriter) list(l []string) {
	w.count(len(l))
	for _, s := range l {
		w.text(s)
	}
}

func (w *digestWriter) flag(b bool) {
	if b {
		w.count(1)
	} else {
		w.count(0)
	}
}

func (w *digestWriter) optional(p *string) {
	w.flag(p != nil)
	if p != nil {
		w.text(*p)
	}
}

// encodeMarker is the marker for continuing at action index next.
func encodeMarker(digest [digestBytes]byte, next int) *string {
	var b [markerBytes]byte
	b[0] = markerVersion
	copy(b[1:], digest[:])
	binary.BigEndian.PutUint64(b[1+digestBytes:], uint64(next))
	return aws.String(base64.RawURLEncoding.EncodeToString(b[:]))
}

// decodeMarker returns the action index a marker continues at, when it is
// one this input could have been given: exactly encoded, of this digest,
// and within (0, actions).
func decodeMarker(m string, digest [digestBytes]byte, actions int) (int, bool) {
	if actions < 2 || len(m) != base64.RawURLEncoding.EncodedLen(markerBytes) {
		return 0, false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(m)
	if err != nil || len(b) != markerBytes || b[0] != markerVersion || [digestBytes]byte(b[1:1+digestBytes]) != digest {
		return 0, false
	}
	next := binary.BigEndian.Uint64(b[1+digestBytes:])
	if next == 0 || next >= uint64(actions) {
		return 0, false
	}
	return int(next), true
}
