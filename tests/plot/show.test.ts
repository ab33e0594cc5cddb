import { deepStrictEqual, equal, ok, rejects, throws } from "node:assert/strict";
import type { Figure } from "../../lib/plot/figure.ts";
import { heatmap } from "../../lib/plot/heatmap.ts";
import { lineWithBand } from "../../lib/plot/line.ts";
import {
  figureSummary,
  inJupyter,
  mimeBundle,
  show,
  showTable,
  tableBundle,
  textTable,
} from "../../lib/plot/show.ts";

const fig = lineWithBand({
  series: [{ name: "PPO", x: [0, 1, 2], mean: [1, 2, 3], lo: [0, 1, 2], hi: [2, 3, 4] }],
  title: "Returns",
});
const PLOTLY_HEADER = "plotly.js v3.3.1";

async function captureLog(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  try {
    await fn();
  } finally {
    console.log = orig;
  }
  return lines;
}

// Must stay the first test in this file: it checks the process-wide "plotly.js already embedded" flag.
Deno.test("mimeBundle: three keys; plotly.js inlined in the first bundle only, unless forced", async () => {
  // show() outside the kernel builds no bundle, so it does not consume the first-bundle inlining
  await captureLog(() => show(fig));
  const first = await mimeBundle(fig);
  deepStrictEqual(Object.keys(first).sort(), ["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  ok(first["text/html"].includes(PLOTLY_HEADER));
  ok(first["text/html"].length > 1_000_000);
  ok(first["text/html"].indexOf(PLOTLY_HEADER) < first["text/html"].indexOf('<div id="reprl-plot-'));
  const second = await mimeBundle(fig);
  ok(!second["text/html"].includes(PLOTLY_HEADER));
  ok(second["text/html"].length < 10_000);
  ok(second["text/html"].includes("window.Plotly"));
  ok((await mimeBundle(fig, { includePlotly: true }))["text/html"].includes(PLOTLY_HEADER));
  ok(!(await mimeBundle(fig, { includePlotly: false }))["text/html"].includes(PLOTLY_HEADER));
});

Deno.test("mimeBundle: plotly JSON is { data, layout, config } and survives a JSON round trip", async () => {
  const bundle = await mimeBundle({
    data: [{ type: "scatter", y: new Float64Array([1, NaN]) as never }],
    layout: {},
  });
  const payload = bundle["application/vnd.plotly.v1+json"];
  deepStrictEqual(Object.keys(payload), ["data", "layout", "config"]);
  deepStrictEqual(JSON.parse(JSON.stringify(payload)), payload);
  deepStrictEqual(payload.data, [{ type: "scatter", y: [1, null] }]);
  deepStrictEqual(payload.config, { responsive: true, displaylogo: false });
  const full = (await mimeBundle(fig))["application/vnd.plotly.v1+json"];
  deepStrictEqual(full.data, fig.data);
  deepStrictEqual(full.layout, fig.layout);
  equal(bundle["text/plain"], "Figure: 1 trace");
  await rejects(() => mimeBundle(fig, { includePlotly: "yes" as never }), {
    name: "TypeError",
    message: 'includePlotly must be a boolean, got "yes"',
  });
});

Deno.test("figureSummary names the trace count and title", () => {
  equal(figureSummary(fig), 'Figure: 2 traces, "Returns"');
  equal(figureSummary(heatmap({ z: [[1]] })), "Figure: 1 trace");
  throws(() => figureSummary(null as unknown as Figure), TypeError);
});

Deno.test("show and showTable outside the kernel print text and do not throw", async () => {
  equal(inJupyter(), false);
  deepStrictEqual(await captureLog(() => show(fig)), ['Figure: 2 traces, "Returns"']);
  const lines = await captureLog(() =>
    showTable({ columns: ["task", "ours"], rows: [["CartPole", 487.25]] })
  );
  deepStrictEqual(lines, ["task       ours\n--------  -----\nCartPole  487.3"]);
});

Deno.test("textTable aligns columns and tableBundle carries html and text", () => {
  const table = {
    columns: ["task", "paper", "ours"],
    rows: [["CartPole", 500, 487.25], ["A<B", null, -3]],
    caption: "Final",
  };
  equal(
    textTable(table),
    [
      "Final",
      "task      paper   ours",
      "--------  -----  -----",
      "CartPole    500  487.3",
      "A<B                 -3",
    ].join("\n"),
  );
  const b = tableBundle(table);
  deepStrictEqual(Object.keys(b), ["text/html", "text/plain"]);
  ok(b["text/html"].includes("<td>A&lt;B</td>"));
  throws(() => textTable({ columns: ["a"], rows: [[1, 2]] }), RangeError);
});
