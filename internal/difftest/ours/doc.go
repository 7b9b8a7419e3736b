// Package ours runs difftest cases through this module's evaluate engine:
// it parses each case's policy texts with policy.Parse, compiles them with
// evaluate.Compile and decides the request, so that difftest.Compare can
// set the decisions beside the oracle's.
//
//	res := ours.Decide(&c) // difftest.Result with the engine's decision
package ours
