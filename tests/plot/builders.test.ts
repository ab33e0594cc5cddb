import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { bars } from "../../lib/plot/bars.ts";
import type { Figure } from "../../lib/plot/figure.ts";
import { heatmap } from "../../lib/plot/heatmap.ts";
import { lineWithBand } from "../../lib/plot/line.ts";
import { linearFit, scatterWithFit } from "../../lib/plot/scatter.ts";
import { tableFigure } from "../../lib/plot/table.ts";

function assertJsonRoundTrip(fig: Figure): void {
  deepStrictEqual(JSON.parse(JSON.stringify(fig)), fig);
}

function close(actual: unknown, expected: number, tol = 1e-12): void {
  ok(typeof actual === "number" && Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);
}

Deno.test("lineWithBand: band is x then reversed x along hi then reversed lo, drawn under the lines", () => {
  const fig = lineWithBand({
    series: [
      {
        name: "PPO",
        x: [0, 10, 20],
        mean: new Float64Array([1, 2, 3]),
        lo: [0.5, 1.5, 2.5],
        hi: [1.5, 2.5, 3.5],
      },
      { name: "DQN", x: [0, 10, 20], mean: [3, NaN, 1], lo: [2, 1, 0], hi: [4, 3, 2] },
    ],
    title: "Returns",
    xTitle: "step",
    yTitle: "return",
  });
  equal(fig.data.length, 4);
  deepStrictEqual(fig.data.map((t) => t.name), ["PPO band", "DQN band", "PPO", "DQN"]);
  const [band, , line, line2] = fig.data;
  equal(band.x!.length, 2 * 3);
  deepStrictEqual(band.x, [0, 10, 20, 20, 10, 0]);
  deepStrictEqual(band.y, [1.5, 2.5, 3.5, 2.5, 1.5, 0.5]);
  equal(band.fill, "toself");
  equal(band.showlegend, false);
  equal(band.hoverinfo, "skip");
  equal(band.fillcolor, "rgba(31,119,180,0.2)");
  equal(band.legendgroup, "PPO");
  deepStrictEqual(line.line, { color: "#1f77b4", width: 2 });
  deepStrictEqual(line.y, [1, 2, 3]);
  deepStrictEqual(line2.y, [3, null, 1]);
  equal((line2.line as { color: string }).color, "#ff7f0e");
  equal(fig.data[1].fillcolor, "rgba(255,127,14,0.2)");
  deepStrictEqual(fig.layout.title, { text: "Returns" });
  deepStrictEqual(fig.layout.xaxis, { title: { text: "step" } });
  assertJsonRoundTrip(fig);
});

Deno.test("lineWithBand: non-finite band points are left out; series without a band; log axes; colour override", () => {
  const fig = lineWithBand({
    series: [
      {
        name: "a",
        x: [1, 2, 3, 4],
        mean: [1, 2, 3, 4],
        lo: [0, NaN, 2, 3],
        hi: [2, 3, Infinity, 5],
        color: "#000000",
      },
      { name: "b", x: [1, 2], mean: [1, 1] },
    ],
    logX: true,
    logY: true,
    bandOpacity: 0.5,
  });
  equal(fig.data.length, 3);
  deepStrictEqual(fig.data[0].x, [1, 4, 4, 1]);
  deepStrictEqual(fig.data[0].y, [2, 5, 3, 0]);
  equal(fig.data[0].fillcolor, "rgba(0,0,0,0.5)");
  equal((fig.layout.xaxis as { type: string }).type, "log");
  equal((fig.layout.yaxis as { type: string }).type, "log");
  equal(fig.layout.title, undefined);
  assertJsonRoundTrip(fig);
});

Deno.test("lineWithBand rejects bad arguments with named errors", () => {
  const x = [0, 1];
  throws(() => lineWithBand({ series: [{ name: "a", x, mean: [1, 2], lo: [0, 1] }] }), {
    name: "TypeError",
    message: "series[0] must give both lo and hi or neither, got only lo",
  });
  throws(() => lineWithBand({ series: [{ name: "a", x, mean: [1] }] }), {
    name: "RangeError",
    message: "series[0].mean must have length 2, got length 1",
  });
  throws(
    () => lineWithBand({ series: [{ name: "a", x: [0, NaN], mean: [1, 2] }] }),
    /series\[0\]\.x\[1\] must be/,
  );
  throws(
    () => lineWithBand({ series: [{ name: "a", x, mean: [1, 2], lo: [0, 3], hi: [2, 2] }] }),
    RangeError,
  );
  throws(() => lineWithBand({ series: [], bandOpacity: 2 }), /bandOpacity must be in \[0, 1\], got 2/);
  throws(() => lineWithBand({ series: [{ name: 1, x, mean: [1, 2] }] } as never), TypeError);
  throws(() => lineWithBand({ series: [], title: 3 } as never), /title must be a string, got 3/);
});

Deno.test("linearFit: slope, intercept and Pearson r of a known dataset", () => {
  // Sxx = 10, Sxy = 6, Syy = 6: slope 0.6, intercept 4 − 0.6·3 = 2.2, r = 6/√60 = √0.6.
  const f = linearFit([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
  close(f.slope, 0.6);
  close(f.intercept, 2.2);
  close(f.r, Math.sqrt(0.6));
  equal(f.n, 5);
  deepStrictEqual(linearFit([0, 1, 2, 3], [1, 3, 5, 7]), { slope: 2, intercept: 1, r: 1, n: 4 });
  close(linearFit([0, 1, 2], [5, 3, 1]).r, -1);
  // pairs with a non-finite coordinate are skipped
  deepStrictEqual(linearFit([0, 1, NaN, 2, 3], [1, 3, 100, Infinity, 7]), {
    slope: 2,
    intercept: 1,
    r: 1,
    n: 3,
  });
  ok(Number.isNaN(linearFit([0, 1, 2], [4, 4, 4]).r));
  equal(linearFit([0, 1, 2], [4, 4, 4]).slope, 0);
  throws(() => linearFit([1, 1, 1], [1, 2, 3]), /x must take at least 2 distinct values/);
  throws(() => linearFit([1], [1]), {
    name: "RangeError",
    message: "x and y must have at least 2 finite pairs for a linear fit, got 1",
  });
  throws(() => linearFit([1, 2], [1]), /y must have length 2, got length 1/);
});

Deno.test("linearFit agrees with the textbook one-pass formulas on random data", () => {
  const rng = new Rng(7);
  const n = 200;
  const x = Array.from({ length: n }, () => rng.normal() * 3 + 1);
  const y = x.map((v) => 0.5 * v - 2 + rng.normal());
  let sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
    sxy += x[i] * y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  const f = linearFit(x, y);
  close(f.slope, slope, 1e-9);
  close(f.intercept, (sy - slope * sx) / n, 1e-9);
  close(f.r, r, 1e-9);
  ok(f.r > 0.7 && f.r < 1);
});

Deno.test("scatterWithFit: fit line spans the x-range, legend and meta carry slope and r", () => {
  const fig = scatterWithFit({
    x: [1, 2, 3, 4, 5, NaN],
    y: new Float64Array([2, 4, 5, 4, 5, 1]),
    text: ["a", "b", "c", "d", "e", "f"],
    title: "Predicted vs measured",
  });
  equal(fig.data.length, 2);
  const [points, line] = fig.data;
  equal(points.mode, "markers");
  deepStrictEqual(points.x, [1, 2, 3, 4, 5, null]);
  deepStrictEqual(points.text, ["a", "b", "c", "d", "e", "f"]);
  deepStrictEqual(line.x, [1, 5]);
  close(line.y![0], 2.8);
  close(line.y![1], 5.2);
  const meta = line.meta as { slope: number; intercept: number; r: number; n: number };
  close(meta.slope, 0.6);
  close(meta.r, Math.sqrt(0.6));
  equal(meta.n, 5);
  equal(line.name, "fit: y = 0.6x + 2.2 (r = 0.7746, n = 5)");
  assertJsonRoundTrip(fig);
  equal(scatterWithFit({ x: [0, 1], y: [1, -1] }).data[1].name, "fit: y = -2x + 1 (r = -1, n = 2)");
  equal(scatterWithFit({ x: [0, 1], y: [-1, -1] }).data[1].name, "fit: y = 0x - 1 (r = undefined, n = 2)");
  equal((scatterWithFit({ x: [0, 1], y: [-1, -1] }).data[1].meta as { r: unknown }).r, null);
  equal(scatterWithFit({ x: [0, 1], y: [1, 2], fit: "none" }).data.length, 1);
  throws(
    () => scatterWithFit({ x: [0, 1], y: [1, 2], fit: "cubic" } as never),
    /fit must be one of "linear", "none", got "cubic"/,
  );
  throws(() => scatterWithFit({ x: [0, 1], y: [1, 2], text: ["a"] }), /text must have length 2/);
});

Deno.test("heatmap: NaN and Infinity cells become null, annotations blank there", () => {
  const fig = heatmap({
    z: [[0, 1.23456, NaN], new Float64Array([Infinity, -2, 3])],
    x: ["a", "b", "c"],
    y: [0, 1],
    annotate: true,
    reverseY: true,
    zmin: -2,
    zmax: 3,
    colorbarTitle: "V",
    title: "Value",
  });
  const t = fig.data[0];
  equal(t.type, "heatmap");
  deepStrictEqual(t.z, [[0, 1.23456, null], [null, -2, 3]]);
  deepStrictEqual(t.text, [["0", "1.23", ""], ["", "-2", "3"]]);
  equal(t.texttemplate, "%{text}");
  equal(t.hoverongaps, false);
  equal(t.colorscale, "Viridis");
  equal(t.zmin, -2);
  deepStrictEqual(t.colorbar, { title: { text: "V" } });
  equal((fig.layout.yaxis as { autorange: string }).autorange, "reversed");
  assertJsonRoundTrip(fig);
  const plain = heatmap({ z: [[1]], colorscale: [[0, "#ffffff"], [1, "#000000"]] });
  equal(plain.data[0].text, undefined);
  deepStrictEqual(plain.data[0].colorscale, [[0, "#ffffff"], [1, "#000000"]]);
});

Deno.test("heatmap rejects bad arguments with named errors", () => {
  throws(() => heatmap({ z: [[1, 2], [3]] }), {
    name: "RangeError",
    message: "z[1] must have length 2, got length 1",
  });
  throws(() => heatmap({ z: [] }), /z must have at least 1 row/);
  throws(() => heatmap({ z: [[1, 2]], x: ["a"] }), /x must have length 2, got length 1/);
  throws(() => heatmap({ z: [[1, 2]], zmin: 2, zmax: 1 }), /zmin must be < zmax/);
  throws(() => heatmap({ z: [["a"]] } as never), /z\[0\]\[0\] must be a number, got "a"/);
  throws(() => heatmap({ z: [[1]], colorscale: [[0, 1]] } as never), TypeError);
  throws(() => heatmap({ z: [[1]], digits: 0 }), /digits must be an integer in \[1, 21\]/);
});

Deno.test("bars: grouped traces, error bars as distances from the interval ends", () => {
  const fig = bars({
    categories: ["CartPole", "Pendulum"],
    series: [
      { name: "PPO", values: [480, -200], errorLo: [470, -230], errorHi: [490, -180] },
      { name: "SAC", values: [NaN, -150] },
    ],
    title: "Final return",
    yTitle: "return",
  });
  equal(fig.layout.barmode, "group");
  equal(fig.data.length, 2);
  const [ppo, sac] = fig.data;
  equal(ppo.type, "bar");
  deepStrictEqual(ppo.x, ["CartPole", "Pendulum"]);
  deepStrictEqual(ppo.error_y, {
    type: "data",
    symmetric: false,
    array: [10, 20],
    arrayminus: [10, 30],
    visible: true,
  });
  deepStrictEqual(ppo.marker, { color: "#1f77b4" });
  deepStrictEqual(sac.y, [null, -150]);
  equal(sac.error_y, undefined);
  deepStrictEqual(sac.marker, { color: "#ff7f0e" });
  assertJsonRoundTrip(fig);
  throws(
    () => bars({ categories: ["a"], series: [{ name: "s", values: [5], errorLo: [4], errorHi: [1] }] }),
    {
      name: "RangeError",
      message: "series[0].errorHi[0] must be >= values[0] (it is the interval's end), got 1 < 5",
    },
  );
  throws(
    () => bars({ categories: ["a", "b"], series: [{ name: "s", values: [1] }] }),
    /series\[0\]\.values must have length 2/,
  );
  throws(() => bars({ categories: ["a"], series: [{ name: "s", values: [1], errorLo: [0] }] }), TypeError);
});

Deno.test("tableFigure: column-major formatted cells, numeric columns right-aligned", () => {
  const fig = tableFigure({
    columns: ["task", "paper", "ours"],
    rows: [["CartPole", 500, 487.25], ["Acrobot", null, -81.123456]],
    title: "Final return",
  });
  const t = fig.data[0];
  equal(t.type, "table");
  deepStrictEqual((t.header as { values: string[] }).values, ["task", "paper", "ours"]);
  const cells = t.cells as { values: string[][]; align: string[] };
  deepStrictEqual(cells.values, [["CartPole", "Acrobot"], ["500", ""], ["487.3", "-81.12"]]);
  deepStrictEqual(cells.align, ["left", "right", "right"]);
  equal(fig.layout.height, 70 + 28 * 3);
  assertJsonRoundTrip(fig);
  throws(() => tableFigure({ columns: ["a", "b"], rows: [[1]] }), {
    name: "RangeError",
    message: "rows[0] must have length 2, got length 1",
  });
  throws(
    () => tableFigure({ columns: ["a"], rows: [[{}]] } as never),
    /rows\[0\]\[0\] must be a string, number, boolean or null/,
  );
  throws(() => tableFigure({ columns: [1], rows: [] } as never), /columns\[0\] must be a string, got 1/);
});
