import { deepEqual, equal, match, throws } from "node:assert/strict";
import {
  appendRecords,
  dedupRecords,
  memoryRecorder,
  openRecorder,
  parseRecords,
  readRecords,
  type RecordRow,
  validateRow,
} from "../../lib/record/mod.ts";

async function withTempDir(fn: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "reprl-record-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const rows: RecordRow[] = [
  { run: "ppo/s0", seed: 0, step: 0, return: 1.25, note: 'a "quoted",\nline ✓', ok: true, extra: null },
  { run: "ppo/s0", seed: 0, step: 1, return: -3e-12, note: "", ok: false, extra: null },
  { run: "ppo/s1", seed: -7, step: 0, return: 0.1 + 0.2 },
];

Deno.test("openRecorder/readRecords round-trip rows exactly and create parent folders", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/a/b/runs.jsonl`;
    const rec = openRecorder(path);
    rec.append(rows[0]);
    rec.append(rows.slice(1));
    rec.append([]);
    deepEqual(rec.read(), rows);
    rec.close();
    rec.close();
    throws(() => rec.append(rows[0]), /closed/);
    deepEqual(readRecords(path), rows);
    equal(Deno.readTextFileSync(path).split("\n").length, 4); // 3 lines + trailing newline
    appendRecords(path, { run: "ppo/s1", seed: -7, step: 1, return: 2 }, { fsync: true });
    equal(readRecords(path).length, 4);
  });
});

Deno.test("readRecords: missing file is empty, shards concatenate in order, dedup keeps the last (run, step)", async () => {
  await withTempDir((dir) => {
    deepEqual(readRecords(`${dir}/missing.jsonl`), []);
    appendRecords(`${dir}/s0.jsonl`, [rows[0], rows[1]]);
    appendRecords(`${dir}/s1.jsonl`, [rows[2], { ...rows[0], return: 99 }]);
    const merged = readRecords([`${dir}/s0.jsonl`, `${dir}/s1.jsonl`, `${dir}/none.jsonl`]);
    deepEqual(merged, [rows[1], rows[2], { ...rows[0], return: 99 }]);
    equal(readRecords([`${dir}/s0.jsonl`, `${dir}/s1.jsonl`], { dedup: false }).length, 4);
    throws(() => readRecords(42 as unknown as string), TypeError);
    throws(() => readRecords([""]), /paths\[0\] must be a non-empty string/);
  });
});

Deno.test("a torn last line is skipped with a warning, and cut off before the next append", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/r.jsonl`;
    appendRecords(path, rows);
    Deno.writeTextFileSync(path, '{"run":"ppo/s1","seed":-7,"step":1,"ret', { append: true });
    const warnings: string[] = [];
    deepEqual(readRecords(path, { onWarning: (m) => warnings.push(m) }), rows);
    equal(warnings.length, 1);
    match(warnings[0], /r\.jsonl:4: skipped a torn or corrupt last line/);

    const opened: string[] = [];
    const rec = openRecorder(path, { onWarning: (m) => opened.push(m) });
    rec.append({ run: "ppo/s1", seed: -7, step: 1, return: 5 });
    rec.close();
    equal(opened.length, 1);
    match(opened[0], /cut off a torn last line/);
    const after: string[] = [];
    deepEqual(readRecords(path, { onWarning: (m) => after.push(m) }), [
      ...rows,
      { run: "ppo/s1", seed: -7, step: 1, return: 5 },
    ]);
    deepEqual(after, []);
  });
});

Deno.test("a complete last line without its newline is kept and terminated before appending", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/r.jsonl`;
    Deno.writeTextFileSync(path, JSON.stringify(rows[0]));
    const warnings: string[] = [];
    const rec = openRecorder(path, { onWarning: (m) => warnings.push(m) });
    rec.append(rows[1]);
    rec.close();
    deepEqual(warnings, []);
    deepEqual(readRecords(path), rows.slice(0, 2));
  });
});

Deno.test("a corrupt line in the middle throws with its line number", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/r.jsonl`;
    Deno.writeTextFileSync(
      path,
      `${JSON.stringify(rows[0])}\n\n{"run":"x","seed":0,"st\n${JSON.stringify(rows[1])}\n`,
    );
    throws(
      () => readRecords(path),
      (e: Error) => e instanceof SyntaxError && /r\.jsonl:3: corrupt/.test(e.message),
    );
    Deno.writeTextFileSync(path, `${JSON.stringify(rows[0])}\n{"run":"x","seed":1.5,"step":0}\n`);
    throws(
      () => readRecords(path),
      (e: Error) => e instanceof RangeError && /r\.jsonl:2: seed must be an integer/.test(e.message),
    );
  });
});

Deno.test("validateRow names the bad field, metric and step", () => {
  throws(
    () => validateRow({ run: "a", seed: 0, step: 3, loss: NaN }),
    (e: Error) =>
      e instanceof RangeError && /metric "loss" must be a finite number, got NaN at step 3/.test(e.message),
  );
  throws(
    () => validateRow({ run: "a", seed: 0, step: 7, q: -Infinity }),
    /metric "q" .* -Infinity at step 7/,
  );
  throws(() => validateRow({ run: "a", seed: 0, step: 0, v: [1, 2] }), TypeError);
  throws(() => validateRow({ run: "", seed: 0, step: 0 }), RangeError);
  throws(() => validateRow({ run: 3, seed: 0, step: 0 }), TypeError);
  throws(() => validateRow({ run: "a", seed: "0", step: 0 }), TypeError);
  throws(() => validateRow({ run: "a", seed: 0, step: -1 }), /step must be an integer >= 0, got -1/);
  throws(() => validateRow({ run: "a", seed: 0, step: 0.5 }), RangeError);
  throws(() => validateRow(null), TypeError);
  // canonical key order, values unchanged
  deepEqual(Object.keys(validateRow({ x: 1, step: 2, seed: 3, run: "r" })), ["run", "seed", "step", "x"]);
  const rec = memoryRecorder();
  throws(() => rec.append({ run: "a", seed: 0, step: 3, loss: NaN }), /metric "loss"/);
  equal(rec.rows.length, 0);
});

Deno.test("a batch is validated before any row is written", async () => {
  await withTempDir((dir) => {
    const path = `${dir}/r.jsonl`;
    const rec = openRecorder(path);
    throws(() => rec.append([rows[0], { run: "a", seed: 0, step: 1, x: Infinity }]), RangeError);
    rec.close();
    deepEqual(readRecords(path), []);
  });
});

Deno.test("memoryRecorder keeps appended rows; read() deduplicates", () => {
  const rec = memoryRecorder();
  equal(rec.path, null);
  rec.append(rows);
  rec.append({ ...rows[0], return: 7 });
  equal(rec.rows.length, 4);
  deepEqual(rec.read(), [rows[1], rows[2], { ...rows[0], return: 7 }]);
  rec.close();
  throws(() => rec.append(rows[0]), /closed/);
});

Deno.test("parseRecords and dedupRecords on text", () => {
  const warnings: string[] = [];
  const text = rows.map((r) => JSON.stringify(r)).join("\r\n") + "\r\n{";
  deepEqual(parseRecords(text, "mem", { onWarning: (m) => warnings.push(m) }), rows);
  match(warnings[0], /^mem:4:/);
  deepEqual(dedupRecords([rows[0], rows[0], rows[1]]), [rows[0], rows[1]]);
});
