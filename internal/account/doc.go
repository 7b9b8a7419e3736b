// Package account reads 12-digit AWS account IDs quickly: request
// evaluation checks and compares the caller's and the resource's account on
// every decision.
package account
