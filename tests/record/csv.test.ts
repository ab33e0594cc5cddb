import { deepEqual, equal, throws } from "node:assert/strict";
import { toCsv, toJson, toTable, writeCsv, writeJson } from "../../lib/record/mod.ts";

Deno.test("toCsv quotes commas, quotes and newlines (RFC 4180); header is the column union", () => {
  const csv = toCsv([
    { run: "a,b", note: 'say "hi"', x: 1.5 },
    { run: "multi\nline", note: null, x: -2e-7, flag: true },
    { run: "cr\rhere", x: 3 },
  ]);
  equal(
    csv,
    'run,note,x,flag\n"a,b","say ""hi""",1.5,\n"multi\nline",,-2e-7,true\n"cr\rhere",,3,\n',
  );
  equal(toCsv([{ a: 1 }, { a: 2 }], { eol: "\r\n" }), "a\r\n1\r\n2\r\n");
  equal(toCsv([]), "\n");
  throws(() => toCsv([{ a: 1 }], { eol: ";" as never }), RangeError);
  throws(() => toCsv("rows" as never), TypeError);
  throws(() => toCsv([3] as never), /rows\[0\] must be an object/);
});

Deno.test("toCsv and toJson accept an arquero table", () => {
  const rows = [{ run: "a", seed: 0, step: 0, r: 1 }, { run: "b", seed: 1, step: 0, s: "x,y" }];
  const table = toTable(rows);
  equal(toCsv(table), 'run,seed,step,r,s\na,0,0,1,\nb,1,0,,"x,y"\n');
  deepEqual(JSON.parse(toJson(table)), [
    { run: "a", seed: 0, step: 0, r: 1, s: null },
    { run: "b", seed: 1, step: 0, r: null, s: "x,y" },
  ]);
  deepEqual(JSON.parse(toJson(rows, { space: 2 })), rows);
});

Deno.test("writeCsv/writeJson create folders and write the text", async () => {
  const dir = await Deno.makeTempDir({ prefix: "reprl-csv-" });
  try {
    writeCsv(`${dir}/out/t.csv`, [{ algo: "ppo", return: 200 }]);
    equal(Deno.readTextFileSync(`${dir}/out/t.csv`), "algo,return\nppo,200\n");
    writeJson(`${dir}/out/t.json`, [{ algo: "ppo" }]);
    deepEqual(JSON.parse(Deno.readTextFileSync(`${dir}/out/t.json`)), [{ algo: "ppo" }]);
    throws(() => writeCsv("", []), TypeError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
