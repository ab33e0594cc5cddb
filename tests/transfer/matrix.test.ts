import assert from "node:assert/strict";
import {
  checkTransferMatrix,
  cumulativeSteps,
  generalizedPerformance,
  independentPerformance,
  matrixFromCsv,
  normalizeMatrix,
  oracleTransferPerformance,
  parseTransferCsv,
  syntheticTransferMatrix,
  transferMatrixToCsv,
} from "../../lib/transfer/mod.ts";
import { assertClose } from "../tabular/fixtures.ts";

const M = {
  contexts: [0, 1, 2],
  values: [[1, 0.6, 0.1], [0.5, 0.9, 0.5], [0.2, 0.7, 0.8]],
  steps: [100, 200, 300],
};

Deno.test("generalised performance: mean over targets of the best trained source so far", () => {
  // k=1 (source 1): (0.5+0.9+0.5)/3; k=2 (+0): max per column (1, 0.9, 0.5); k=3 (+2): (1, 0.9, 0.8)
  assertClose(generalizedPerformance(M, [1, 0, 2]), [1.9 / 3, 2.4 / 3, 2.7 / 3], 1e-15);
  assertClose([independentPerformance(M), oracleTransferPerformance(M)], [2.7 / 3, 2.7 / 3], 1e-15);
  assert.deepEqual(cumulativeSteps(M, [2, 0]), [300, 400]);
  assert.deepEqual(cumulativeSteps({ contexts: [0, 1], values: [[1, 0], [0, 1]] }, [1, 0]), [1, 2]);
  assert.throws(() => generalizedPerformance(M, [3]), /sources\[0\]/);
});

Deno.test("normalisation uses fixed bounds (no clipping) as the official import_data", () => {
  const n = normalizeMatrix({ contexts: [0, 1], values: [[500, 250], [-100, 0]] }, 0, 500);
  assert.deepEqual(n.values, [[1, 0.5], [-0.2, 0]]);
  assert.throws(() => normalizeMatrix(M, 1, 1), /upper must be > lower/);
});

Deno.test("transfer CSV round-trips and a partial build parses and names its missing sources", () => {
  const text = transferMatrixToCsv(M);
  assert.deepEqual(matrixFromCsv(parseTransferCsv(text)), M);
  const partial = text.split("\n").filter((_, i) => i !== 2).join("\n"); // drop source 1
  const parsed = parseTransferCsv(partial);
  assert.equal(parsed.rows.size, 2);
  assert.throws(() => matrixFromCsv(parsed), /lacks sources 1/);
  assert.throws(() => parseTransferCsv("a,b\n"), /header must start with source,context,steps/);
  assert.throws(
    () => parseTransferCsv("source,context,steps,t0\n0,1,2\n"),
    /line 2 must hold 4 finite numbers/,
  );
});

Deno.test("matrix validation names the offending field", () => {
  assert.throws(() => checkTransferMatrix({ contexts: [0, 1], values: [[1, 2]] }), /must have 2 rows/);
  assert.throws(
    () => checkTransferMatrix({ contexts: [0, 1], values: [[1, 2], [1]] }),
    /values\[1\] must have 2 columns/,
  );
  assert.throws(() => checkTransferMatrix({ contexts: [0, 1], values: [[1, NaN], [1, 2]] }), /values\[0\]/);
});

Deno.test("synthetic matrix: J = f(x) − θ|x − y| clipped at 0, seeded noise", () => {
  const m = syntheticTransferMatrix({ n: 5, slope: 1 });
  assertClose(m.values[0], [1, 0.75, 0.5, 0.25, 0], 1e-15);
  assertClose(m.values[2], [0.5, 0.75, 1, 0.75, 0.5], 1e-15);
  const steep = syntheticTransferMatrix({ n: 5, slope: 3 });
  assert.equal(Math.min(...steep.values.flat()), 0);
  const a = syntheticTransferMatrix({ n: 6, noise: 0.1, shape: "smooth", rng: 3 });
  assert.deepEqual(syntheticTransferMatrix({ n: 6, noise: 0.1, shape: "smooth", rng: 3 }), a);
  assert.notDeepEqual(syntheticTransferMatrix({ n: 6, noise: 0.1, shape: "smooth", rng: 4 }), a);
  // smooth f lies in [0.6, 1] on the diagonal when noiseless
  const s = syntheticTransferMatrix({ n: 20, shape: "smooth", rng: 1 });
  const diag = s.values.map((r, i) => r[i]);
  assertClose([Math.min(...diag), Math.max(...diag)], [0.6, 1], 1e-12);
  assert.throws(() => syntheticTransferMatrix({ n: 1 }), /n must be an integer >= 2/);
});
