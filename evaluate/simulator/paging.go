package simulator

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// MaxResourceArns is the most ResourceArns one call may name. The
// SimulateCustomPolicy API reference documents no such limit; this
// simulator sets one so that the work and memory of a call stay bounded
// (each action's result holds one entry per resource, and one result
// cannot be split over pages). Name more resources over several calls.
const MaxResourceArns = 1000

// maxEvaluationsPerCall bounds the (action, resource) pairs one call
// evaluates. A page holds fewer than MaxItems results when MaxItems
// actions on every resource would exceed it, with IsTruncated and a
// Marker, as the API allows ("IAM might return fewer results, even when
// there are more results available", SimulateCustomPolicy API reference,
// MaxItems).
const maxEvaluationsPerCall = 10_000

// paging is a call's checked MaxItems and Marker.
type paging struct {
	digest [digestBytes]byte
	start  int // the first action of the page
	limit  int // MaxItems
}

// readPaging checks MaxItems and Marker before any other work (aws-rules
// H.1: MaxItems 1 to 1000, default 100; Marker 1 to 320 characters).
func (s *Simulator) readPaging(in *iam.SimulateCustomPolicyInput) (paging, error) {
	p := paging{limit: defaultMaxItems}
	if in.MaxItems != nil {
		if n := *in.MaxItems; n < 1 || n > maxMaxItems {
			return p, invalidInput("MaxItems: must be between 1 and %d, got %d", maxMaxItems, n)
		}
		p.limit = int(*in.MaxItems)
	}
	p.digest = s.inputDigest(in)
	if in.Marker != nil {
		start, ok := decodeMarker(*in.Marker, p.digest, len(in.ActionNames))
		if !ok {
			return p, invalidInput("Marker: %s is not a marker this simulator returned for this input", quoteMarker(*in.Marker))
		}
		p.start = start
	}
	return p, nil
}

// end is where the page that starts at p.start ends: after MaxItems
// actions, or fewer so that at most maxEvaluationsPerCall pairs are
// evaluated (always at least one action).
func (p paging) end(actions, resources int) int {
	n := min(p.limit, max(1, maxEvaluationsPerCall/max(1, resources)))
	return min(p.start+n, actions)
}

// output is the page's response: its results, and a marker when actions
// remain.
func (p paging) output(results []types.EvaluationResult, next, actions int) *iam.SimulateCustomPolicyOutput {
	out := &iam.SimulateCustomPolicyOutput{EvaluationResults: results}
	if next < actions {
		out.IsTruncated = true
		out.Marker = encodeMarker(p.digest, next)
	}
	return out
}

// quoteMarker quotes a refused marker for the error, at most its first 64
// bytes: a marker is at most 320 characters in the API, but the input
// could hold anything.
func quoteMarker(m string) string {
	if len(m) <= 64 {
		return strconv.Quote(m)
	}
	return strconv.Quote(m[:64]) + "…"
}
