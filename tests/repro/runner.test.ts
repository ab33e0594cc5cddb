import assert from "node:assert/strict";
import { parseShard, runExperiment, shardItems } from "../../lib/repro/mod.ts";
import type { Experiment } from "../../lib/repro/mod.ts";
import { repro } from "../../lib/repro/cli.ts";
import { readRecords } from "../../lib/record/mod.ts";

/** A coin-flip sweep: 6 seeds, 50 logged steps each; counts executions to check skipping and resuming. */
function coinExperiment(
  counter: { executed: string[] },
  abortAfter?: { runs: number; controller: AbortController },
) {
  const exp: Experiment = {
    module: "demo",
    name: "coin",
    title: "Coin flips",
    description: "Running fraction of heads.",
    runs: (scale) =>
      Array.from(
        { length: scale === "quick" ? 6 : 12 },
        (_, s) => ({ key: `seed=${s}`, seed: 100 + s, config: {} }),
      ),
    execute: (spec, ctx) => {
      counter.executed.push(spec.key);
      if (abortAfter && counter.executed.length > abortAfter.runs) {
        abortAfter.controller.abort(new Error("stop"));
      }
      let heads = 0;
      for (let t = 1; t <= 50; t++) {
        ctx.signal?.throwIfAborted();
        heads += ctx.rng.uniform() < 0.5 ? 1 : 0;
        ctx.log(t, { heads: heads / t });
      }
    },
    report: (rows) => ({
      figures: [],
      tables: [{
        title: "final",
        columns: ["run", "heads"],
        rows: rows.filter((r) => r.step === 50).map((r) => [r.run, r.heads as number]).sort(),
      }],
    }),
  };
  return exp;
}

function finalRows(rows: { run: string; step: number }[]) {
  return rows.filter((r) => r.step === 50).sort((a, b) => a.run.localeCompare(b.run));
}

Deno.test("parseShard and shardItems split a sweep into disjoint covering parts", () => {
  assert.deepEqual(parseShard("1/3"), { index: 1, count: 3 });
  assert.throws(() => parseShard("3/3"), RangeError);
  assert.throws(() => parseShard("a/b"), /shard must look like "i\/n"/);
  const items = Array.from({ length: 10 }, (_, i) => i);
  const parts = [0, 1, 2].map((index) => shardItems(items, { index, count: 3 }));
  assert.deepEqual(parts.flat().sort((a, b) => a - b), items);
  assert.deepEqual(parts[1], [1, 4, 7]);
});

Deno.test("runExperiment in memory is deterministic and reports every run", async () => {
  const a = await runExperiment(coinExperiment({ executed: [] }), { scale: "quick", showProgress: false });
  const b = await runExperiment(coinExperiment({ executed: [] }), { scale: "quick", showProgress: false });
  assert.equal(a.counts.executed, 6);
  assert.deepEqual(a.records, b.records);
  assert.equal(a.tables[0].rows.length, 6);
  assert.equal(a.records.filter((r) => r.done === true).length, 6);
});

Deno.test("an interrupted on-disk sweep resumes, skipping finished runs, and ends equal to an uninterrupted one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const controller = new AbortController();
    const first = { executed: [] as string[] };
    await assert.rejects(
      runExperiment(coinExperiment(first, { runs: 3, controller }), {
        scale: "quick",
        dir,
        signal: controller.signal,
        showProgress: false,
      }),
    );
    assert.equal(first.executed.length, 4); // three finished, the fourth stopped at its first step
    const second = { executed: [] as string[] };
    const resumed = await runExperiment(coinExperiment(second), { scale: "quick", dir, showProgress: false });
    assert.deepEqual(second.executed, ["seed=3", "seed=4", "seed=5"]);
    assert.equal(resumed.counts.skipped, 3);
    const clean = await runExperiment(coinExperiment({ executed: [] }), {
      scale: "quick",
      showProgress: false,
    });
    assert.deepEqual(finalRows(resumed.records), finalRows(clean.records));
    assert.deepEqual(resumed.tables, clean.tables);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("repro --shard over 3 shards then --merge gives the unsharded report", async () => {
  const dir = await Deno.makeTempDir();
  const catalog = { demo: [coinExperiment({ executed: [] })] };
  try {
    for (let i = 0; i < 3; i++) {
      assert.equal(
        await repro(["demo", "--out", dir, "--shard", `${i}/3`, "--scale", "quick"], catalog),
        null,
      );
    }
    const files = [...Deno.readDirSync(`${dir}/demo`)].map((e) => e.name).sort();
    assert.deepEqual(files, ["coin.scale", ...[0, 1, 2].map((i) => `coin.shard-${i}-of-3.jsonl`)]);
    const path = await repro(["demo", "--out", dir, "--merge", "--scale", "quick"], catalog);
    assert.equal(path, `${dir}/index.html`);
    const html = await Deno.readTextFile(path!);
    assert.match(html, /Runs done: 6 \/ 6/);
    const merged = readRecords([0, 1, 2].map((i) => `${dir}/demo/coin.shard-${i}-of-3.jsonl`));
    const clean = await runExperiment(coinExperiment({ executed: [] }), {
      scale: "quick",
      showProgress: false,
    });
    assert.deepEqual(finalRows(merged), finalRows(clean.records));
    const csv = await Deno.readTextFile(`${dir}/demo/coin.final.csv`);
    assert.equal(csv.trim().split("\n").length, 7);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("repro rejects unknown modules, scales and malformed shards, naming them", async () => {
  const catalog = { demo: [coinExperiment({ executed: [] })] };
  await assert.rejects(repro(["nope"], catalog), /module must be one of demo, got "nope"/);
  await assert.rejects(
    repro(["--scale", "huge"], catalog),
    /--scale must be one of "quick", "full", got "huge"/,
  );
  await assert.rejects(repro(["--shard", "5/2"], catalog), RangeError);
});

Deno.test("records of one scale are never reused for another, and REPRL_RECORDS_DIR is the default folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const counter = { executed: [] as string[] };
    await runExperiment(coinExperiment(counter), { scale: "quick", dir, showProgress: false });
    assert.equal(counter.executed.length, 6);
    assert.equal(Deno.readTextFileSync(`${dir}/demo/coin.scale`).trim(), "quick");
    await assert.rejects(
      runExperiment(coinExperiment(counter), { scale: "full", dir, showProgress: false }),
      /records at scale quick, not full/,
    );
    assert.equal(counter.executed.length, 6, "the full sweep must not start");
    Deno.env.set("REPRL_RECORDS_DIR", dir);
    try {
      const again = await runExperiment(coinExperiment(counter), { scale: "quick", showProgress: false });
      assert.deepEqual(again.counts, { executed: 0, skipped: 6, inShard: 6, total: 6 });
      assert.equal(finalRows(again.records).length, 6);
    } finally {
      Deno.env.delete("REPRL_RECORDS_DIR");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a run that logs one step twice is refused: on disk the second row would replace the first", async () => {
  const exp: Experiment = {
    module: "demo",
    name: "twice",
    title: "Twice",
    description: "Logs step 3 twice.",
    runs: () => [{ key: "only", seed: 0, config: {} }],
    execute: (_spec, ctx) => {
      ctx.log(3, { kind: "eval", score: 1 });
      ctx.log(3, { kind: "final", score: 2 });
    },
    report: () => ({ figures: [], tables: [] }),
  };
  await assert.rejects(
    () => runExperiment(exp, { scale: "quick", showProgress: false }),
    (e: unknown) => e instanceof RangeError && /demo\/twice\/only: step 3 was already logged/.test(e.message),
  );
});
