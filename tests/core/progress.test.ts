import assert from "node:assert/strict";
import { progress, progressCallback } from "../../lib/core/progress.ts";

/** A fake clock in milliseconds. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

Deno.test("text mode prints a line per tenth of progress, with rate, ETA and info", () => {
  const lines: string[] = [];
  const c = clock();
  const bar = progress({ total: 100, label: "train", mode: "text", write: (s) => lines.push(s), now: c.now });
  for (let done = 1; done <= 100; done++) {
    c.advance(100); // 10 units per second
    bar.update(done, { loss: 1 / done, phase: "fit" });
  }
  bar.finish();
  bar.finish(); // idempotent
  assert.equal(lines.length, 11); // 0%, 10%, ..., 100%
  assert.ok(lines.every((l) => l.startsWith("train: ") && l.endsWith("\n")));
  const percents = lines.map((l) => Number(/(\d+)%/.exec(l)?.[1]));
  assert.deepEqual(percents, [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  assert.equal(lines[5], "train:  50% 50/100 10/s ETA 5s loss=0.02000 phase=fit\n");
  assert.match(lines[10], /100% 100\/100 10\/s ETA 0s loss=0\.01000 phase=fit/);
});

Deno.test("text mode finish prints the final state when updates stopped short", () => {
  const lines: string[] = [];
  const c = clock();
  const bar = progress({ total: 1000, mode: "text", write: (s) => lines.push(s), now: c.now });
  bar.update(0);
  c.advance(90_000);
  bar.update(250);
  bar.finish();
  assert.deepEqual(lines.length, 3);
  assert.equal(lines[2], " 25% 250/1.00k 2.78/s in 1m30s\n");
});

Deno.test("tty mode redraws one line with \\r, throttled to the interval, ending with a newline", () => {
  const out: string[] = [];
  const c = clock();
  const bar = progress({
    total: 10,
    label: "eval",
    mode: "tty",
    write: (s) => out.push(s),
    now: c.now,
    minIntervalMs: 100,
  });
  bar.update(1);
  bar.update(2); // same instant: throttled
  c.advance(50);
  bar.update(3); // 50 ms later: throttled
  c.advance(60);
  bar.update(4);
  bar.finish();
  assert.equal(out.length, 3);
  assert.ok(out.every((s) => s.startsWith("\reval [")));
  assert.match(out[0], /\[##-{22}\] {2}10% 1\/10/);
  assert.match(out[1], / 40% 4\/10/);
  assert.ok(out[2].endsWith("\n") && !out[1].endsWith("\n"));
});

Deno.test("silent mode draws nothing; total 0 is complete", () => {
  const out: string[] = [];
  const silent = progress({ total: 5, mode: "silent", write: (s) => out.push(s) });
  silent.update(3);
  silent.finish();
  assert.equal(out.length, 0);
  const empty = progress({ total: 0, mode: "text", write: (s) => out.push(s), now: () => 0 });
  empty.finish();
  assert.match(out[0], /^100% 0\/0 /);
});

Deno.test("progressCallback draws from onProgress reports and finishes at total", () => {
  const lines: string[] = [];
  const onProgress = progressCallback("vi", { mode: "text", write: (s) => lines.push(s), now: () => 0 });
  for (let k = 1; k <= 20; k++) onProgress({ done: k, total: 20, residual: 2 ** -k });
  assert.equal(lines.length, 11);
  assert.match(lines[10], /^vi: 100% 20\/20 .* residual=9\.537e-7\n$/);
  onProgress({ done: 1, total: 4 }); // a new job starts a new display
  assert.match(lines[11], /^vi: {2}25% 1\/4/);
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => progress({ total: -1 }), {
    name: "RangeError",
    message: /total must be in \[0, inf\), got -1/,
  });
  assert.throws(() => progress({ total: NaN }), {
    name: "RangeError",
    message: /total must be a finite number/,
  });
  assert.throws(() => progress({ total: 3, mode: "fancy" as "text" }), {
    name: "RangeError",
    message: /mode must be one of/,
  });
  assert.throws(() => progress({ total: 3, mode: "jupyter" }), {
    name: "RangeError",
    message: /Jupyter kernel/,
  });
  assert.throws(() => progress({ total: 3, write: "stderr" as unknown as () => void }), {
    name: "TypeError",
    message: /write must be a function/,
  });
  const bar = progress({ total: 3, mode: "silent" });
  assert.throws(() => bar.update(NaN), {
    name: "RangeError",
    message: /done must be a finite number, got NaN/,
  });
  assert.throws(() => bar.update(-2), { name: "RangeError", message: /done must be >= 0, got -2/ });
});
