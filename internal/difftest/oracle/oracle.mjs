// Runs difftest cases through the npm package @cloud-copilot/iam-simulate,
// used only as an external test oracle (it is AGPL: it is installed at test
// time into a temporary folder and never copied into this repository).
//
// Usage: node oracle.mjs <oracle-install-prefix> <cases.json> <decisions.json> [--time]
//
// With --time it first runs every case once to warm up the JIT, then runs
// them ORACLE_PASSES more times (default 3) and prints, on stderr, one JSON
// line with the number of cases, the seconds the fastest pass spent in the
// oracle's runSimulation and the least CPU time (user + system, all
// threads) a pass used (the machine may be shared: the minimum is the least
// disturbed figure).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [prefix, casesPath, outPath, flag] = process.argv.slice(2);
if (!prefix || !casesPath || !outPath) {
  console.error('usage: node oracle.mjs <oracle-install-prefix> <cases.json> <decisions.json> [--time]');
  process.exit(2);
}
const require = createRequire(join(prefix, 'node_modules') + '/');
const sim = require('@cloud-copilot/iam-simulate');

const decisions = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
};

// simulation turns one case into the oracle's input format.
function simulation(c) {
  const multi = new Set(c.request.multiValued || []);
  const ctx = {};
  for (const [k, v] of Object.entries(c.request.context || {})) {
    ctx[k] = multi.has(k) ? v : v[0];
  }
  const p = c.policies;
  const levels = (ls, kind) => (ls || []).map((docs, i) => ({
    orgIdentifier: `${kind}-level-${i + 1}`,
    policies: (docs || []).map((d, j) => ({ name: `${kind}-${i + 1}-${j + 1}`, policy: JSON.parse(d) })),
  }));
  const s = {
    request: {
      principal: c.request.principal,
      action: c.request.action,
      // The oracle needs the owner; when the case leaves it to the ARN,
      // it is the ARN's account field.
      resource: { resource: c.request.resource, accountId: c.request.resourceAccount || c.request.resource.split(':')[4] },
      contextVariables: ctx,
    },
    identityPolicies: (p.identity || []).map((d, i) => ({ name: `identity-${i + 1}`, policy: JSON.parse(d) })),
    serviceControlPolicies: levels(p.scps, 'scp'),
    resourceControlPolicies: levels(p.rcps, 'rcp'),
  };
  if (p.boundary) s.permissionBoundaryPolicies = [{ name: 'boundary', policy: JSON.parse(p.boundary) }];
  if (p.session) s.sessionPolicy = JSON.parse(p.session);
  if (p.resource) s.resourcePolicy = JSON.parse(p.resource);
  return s;
}

const cases = JSON.parse(readFileSync(casesPath, 'utf8'));
const sims = cases.map(simulation);
let best = Infinity;
let bestCPU = Infinity;
if (flag === '--time') {
  const passes = Number(process.env.ORACLE_PASSES || 3);
  for (let pass = 0; pass <= passes; pass++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const s of sims) {
      try { await sim.runSimulation(s, {}); } catch { /* decided below */ }
    }
    const c = process.cpuUsage(c0);
    if (pass > 0) {
      best = Math.min(best, (performance.now() - t0) / 1000);
      bestCPU = Math.min(bestCPU, (c.user + c.system) / 1e6);
    }
  }
}
const out = [];
let spent = 0;
for (let i = 0; i < cases.length; i++) {
  const t0 = performance.now();
  let r;
  try {
    r = await sim.runSimulation(sims[i], {});
  } catch (e) {
    out.push({ id: cases[i].id, decision: 'error', detail: String(e && e.message || e) });
    continue;
  }
  spent += performance.now() - t0;
  if (r.resultType === 'error') {
    out.push({ id: cases[i].id, decision: 'error', detail: JSON.stringify(r.errors) });
    continue;
  }
  const res = { id: cases[i].id, decision: decisions[r.overallResult] || 'error' };
  const notes = [];
  if (r.resultType === 'wildcard') notes.push('wildcard simulation');
  const ignored = r.result?.ignoredContextKeys || [];
  if (ignored.length > 0) notes.push('ignored context keys: ' + ignored.join(','));
  if (!decisions[r.overallResult]) notes.push('unknown result ' + r.overallResult);
  if (notes.length > 0) res.detail = notes.join('; ');
  out.push(res);
}
writeFileSync(outPath, JSON.stringify(out, null, 1) + '\n');
if (flag === '--time') {
  console.error(JSON.stringify({ cases: cases.length, seconds: Math.min(best, spent / 1000), cpuSeconds: bestCPU }));
}
