import { deepEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import {
  checkpointFileName,
  memoryRecorder,
  openRecorder,
  readRecords,
  type Recorder,
  resumableRun,
  type ResumableRunOptions,
  runStatus,
  type StepMetrics,
} from "../../lib/record/mod.ts";

interface Walk {
  rng: Rng;
  x: number;
}

const STEPS = 10;

/** A random walk whose metrics all come from the Rng in its state, so resuming must restore the Rng exactly. */
function walk(
  recorder: string | Recorder,
  over: Partial<ResumableRunOptions<Walk>> = {},
): ResumableRunOptions<Walk> {
  return {
    recorder,
    run: "walk/seed=5",
    seed: 5,
    steps: STEPS,
    init: (seed) => ({ rng: new Rng(seed), x: 0 }),
    step: (s, t): StepMetrics => {
      s.x += s.rng.normal(); // normal() caches a spare draw: the saved state must carry it
      return {
        x: s.x,
        u: s.rng.uniform(),
        parity: t % 2 === 0 ? "even" : "odd",
        big: s.x > 0,
        gap: t === 3 ? null : t,
      };
    },
    save: (s) => ({ rng: s.rng.getState(), x: s.x }),
    load: (json) => {
      const j = json as { rng: number[]; x: number };
      return { rng: Rng.fromState(j.rng), x: j.x };
    },
    ...over,
  };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "reprl-resume-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("an uninterrupted run logs every step, marks the last done and removes its checkpoint", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/runs.jsonl`;
    const progress: number[] = [];
    const res = await resumableRun(walk(path, { onProgress: (p) => progress.push(p.step) }));
    equal(res.resumedFrom, null);
    equal(res.alreadyDone, false);
    deepEqual(res.rows.map((r) => r.step), [...Array(STEPS).keys()]);
    deepEqual(progress, [...Array(STEPS).keys()]);
    deepEqual(readRecords(path), res.rows);
    equal(res.rows[STEPS - 1].done, true);
    equal(res.rows.filter((r) => "done" in r).length, 1);
    throws(() => Deno.statSync(`${path}.ckpt/${checkpointFileName("walk/seed=5")}`), Deno.errors.NotFound);
    // same seed, same records
    const again = await resumableRun(walk(memoryRecorder()));
    deepEqual(again.rows, res.rows);
  });
});

Deno.test("abort inside step k, resume in a fresh call: records equal an uninterrupted run's", async () => {
  await withTempDir(async (dir) => {
    const reference = (await resumableRun(walk(`${dir}/ref.jsonl`))).rows;

    const path = `${dir}/runs.jsonl`;
    const k = 4;
    const controller = new AbortController();
    const base = walk(path);
    const reason = new Error("stopped by the user");
    await rejects(
      resumableRun({
        ...base,
        signal: controller.signal,
        step: (s, t) => {
          if (t === k) controller.abort(reason);
          return base.step(s, t);
        },
      }),
      (e) => e === reason,
    );
    deepEqual(readRecords(path), reference.slice(0, k + 1)); // step k's row was flushed before throwing
    const ckpt = JSON.parse(Deno.readTextFileSync(`${path}.ckpt/${checkpointFileName("walk/seed=5")}`));
    equal(ckpt.step, k);

    let initCalls = 0;
    const resumed = await resumableRun(walk(path, {
      init: (seed) => {
        initCalls++;
        return { rng: new Rng(seed), x: 0 };
      },
    }));
    equal(initCalls, 0);
    equal(resumed.resumedFrom, k + 1);
    deepEqual(resumed.rows, reference);
    deepEqual(readRecords(path), reference);
  });
});

Deno.test("a crash between checkpoints plus a torn last line: resume re-logs the lost steps identically", async () => {
  await withTempDir(async (dir) => {
    const reference = (await resumableRun(walk(`${dir}/ref.jsonl`, { checkpointEvery: 3 }))).rows;
    const path = `${dir}/runs.jsonl`;
    const base = walk(path, { checkpointEvery: 3 });
    await rejects(
      resumableRun({
        ...base,
        step: (s, t) => {
          if (t === 7) throw new Error("simulated crash");
          return base.step(s, t);
        },
      }),
      /simulated crash/,
    );
    // rows 0..6 logged, checkpoints after steps 2 and 5; then the process dies mid-write
    Deno.writeTextFileSync(path, '{"run":"walk/seed=5","seed":5,"step":7,"x":0.1', { append: true });
    equal(readRecords(path, { onWarning: () => {} }).length, 7);

    const warnings: string[] = [];
    const recorder = openRecorder(path, { onWarning: (m) => warnings.push(m) });
    const resumed = await resumableRun({ ...base, recorder });
    recorder.close();
    equal(warnings.length, 1);
    equal(resumed.resumedFrom, 6);
    deepEqual(resumed.rows, reference);
    deepEqual(readRecords(path), reference);
    equal(readRecords(path, { dedup: false }).length, STEPS + 1); // step 6 logged twice, the last copy wins
  });
});

Deno.test("a done run is skipped: neither init nor step is called", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/runs.jsonl`;
    const first = await resumableRun(walk(path));
    const fail = (): never => {
      throw new Error("must not run");
    };
    const second = await resumableRun(walk(path, { init: fail, step: fail, load: fail }));
    equal(second.alreadyDone, true);
    equal(second.resumedFrom, null);
    deepEqual(second.rows, first.rows);
    equal(readRecords(path).length, STEPS);
  });
});

Deno.test("memoryRecorder: stop with a signal and resume in the same session", async () => {
  const recorder = memoryRecorder();
  const controller = new AbortController();
  controller.abort(new Error("early"));
  await rejects(resumableRun(walk(recorder, { signal: controller.signal })), /early/);
  equal(recorder.rows.length, 0);

  const stop = new AbortController();
  let seen = 0;
  await rejects(
    resumableRun(walk(recorder, { signal: stop.signal, onProgress: () => ++seen === 2 && stop.abort() })),
    (e: Error) => e.name === "AbortError",
  );
  equal(recorder.rows.length, 2);
  const res = await resumableRun(walk(recorder));
  equal(res.resumedFrom, 2);
  deepEqual(res.rows, (await resumableRun(walk(memoryRecorder()))).rows);
});

Deno.test("without a checkpoint a partial run starts over; rows beyond steps and seed clashes throw", async () => {
  const recorder = memoryRecorder();
  const base = walk(recorder, { checkpointEvery: 100 });
  await rejects(
    resumableRun({
      ...base,
      step: (s, t) => {
        if (t === 3) throw new Error("crash");
        return base.step(s, t);
      },
    }),
    /crash/,
  );
  const res = await resumableRun(base);
  equal(res.resumedFrom, null);
  deepEqual(res.rows, (await resumableRun(walk(memoryRecorder()))).rows);

  await rejects(resumableRun(walk(recorder, { seed: 6 })), /already recorded with seed 5, got seed 6/);
  const partial = memoryRecorder();
  partial.append({ run: "walk/seed=5", seed: 5, step: 12, x: 0 });
  await rejects(resumableRun(walk(partial)), /rows up to step 12 but steps is 10/);
});

Deno.test("runStatus groups rows by run", () => {
  const status = runStatus([
    { run: "a", seed: 0, step: 0, r: 1 },
    { run: "b", seed: 1, step: 0, r: 0 },
    { run: "a", seed: 0, step: 1, r: 2, done: true },
    { run: "b", seed: 1, step: 4, r: 0 },
  ]);
  deepEqual([...status.keys()], ["a", "b"]);
  const a = status.get("a")!;
  deepEqual([a.seed, a.lastStep, a.done, a.rows.length], [0, 1, true, 2]);
  const b = status.get("b")!;
  deepEqual([b.seed, b.lastStep, b.done, b.rows.length], [1, 4, false, 2]);
  equal(runStatus([]).size, 0);
  throws(() => runStatus([{ run: "a", seed: 0, step: 0 }, { run: "a", seed: 1, step: 1 }]), RangeError);
  throws(() => runStatus("rows" as never), TypeError);
});

Deno.test("resumableRun validates its arguments and the step's metrics", async () => {
  const rec = memoryRecorder();
  await rejects(resumableRun(walk(rec, { steps: 0 })), /steps must be an integer >= 1, got 0/);
  await rejects(resumableRun(walk(rec, { seed: 1.5 })), RangeError);
  await rejects(resumableRun(walk(rec, { run: "" })), TypeError);
  await rejects(resumableRun(walk(rec, { checkpointEvery: 0 })), /checkpointEvery/);
  await rejects(resumableRun(walk(rec, { step: 3 as never })), /step must be a function/);
  await rejects(resumableRun(walk({} as Recorder)), /recorder must be a path or a Recorder/);
  await rejects(
    resumableRun(walk(rec, { run: "nan", step: (_s, t) => ({ loss: t === 3 ? NaN : 1 }) })),
    (e: Error) => e instanceof RangeError && /metric "loss" .* NaN at step 3/.test(e.message),
  );
  equal(runStatus(rec.read()).get("nan")?.lastStep, 2); // steps before the blow-up were kept
  await rejects(resumableRun(walk(rec, { run: "r", step: () => ({ done: false }) })), /reserved key "done"/);
  await rejects(resumableRun(walk(rec, { run: "u", step: () => 5 as never })), TypeError);
  await rejects(resumableRun(walk(rec, { run: "s", save: () => undefined })), /save must return/);
  ok(true);
});

Deno.test("checkpoint file names are safe for any run name", () => {
  equal(checkpointFileName("ppo/cartpole/seed=0"), "ppo%2Fcartpole%2Fseed%3D0.json");
  equal(checkpointFileName(".."), "%2E%2E.json");
  match(checkpointFileName("a*b c"), /^a%2Ab%20c\.json$/);
});
