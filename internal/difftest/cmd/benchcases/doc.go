// Command benchcases times the evaluate engine on a case file and prints
// one JSON line (Figures): the number of cases and the nanoseconds per case
// of parse + Compile + Evaluate and of parse + the one-shot
// evaluate.Evaluate from the policy texts, of the one-shot
// evaluate.Evaluate and of Compile + Decide on documents parsed beforehand
// (the oracle, too, is handed parsed policy objects), and of Evaluate,
// Explain (into one reused Explanation, the reason left unjoined) and
// Decide alone on evaluators compiled beforehand (once with every pass
// over all cases, so that the evaluators are not in cache, and once in
// blocks of -block cases that stay in cache), each as wall-clock time and
// as the process's CPU time (user + system, all threads), which a shared
// machine disturbs less.
//
//	go run ./internal/difftest/cmd/benchcases -cases cases.json
//
// -rows decide,decideInCache measures only the rows named (by their JSON
// names), with -cpuprofile a profile of those alone.
package main
