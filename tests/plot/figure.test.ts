import { deepStrictEqual, equal, throws } from "node:assert/strict";
import {
  colorAt,
  figureTitle,
  formatNumber,
  normalizeFigure,
  PALETTE,
  toJsonSafe,
  toNullable,
  withAlpha,
} from "../../lib/plot/figure.ts";

Deno.test("colorAt cycles through the 10-colour palette", () => {
  equal(PALETTE.length, 10);
  equal(colorAt(0), "#1f77b4");
  equal(colorAt(3), "#d62728");
  equal(colorAt(13), colorAt(3));
  throws(() => colorAt(-1), RangeError);
  throws(() => colorAt(1.5), RangeError);
});

Deno.test("withAlpha converts #rrggbb and #rgb to rgba", () => {
  equal(withAlpha("#1f77b4", 0.2), "rgba(31,119,180,0.2)");
  equal(withAlpha("#fff", 1), "rgba(255,255,255,1)");
  throws(() => withAlpha("red", 0.2), /hex must be a colour/);
  throws(() => withAlpha("#000000", 1.5), /alpha must be in \[0, 1\], got 1.5/);
});

Deno.test("toNullable turns NaN/±Infinity into null and typed arrays into arrays", () => {
  deepStrictEqual(toNullable(new Float32Array([1.5, NaN, Infinity, -Infinity, -2])), [
    1.5,
    null,
    null,
    null,
    -2,
  ]);
  deepStrictEqual(toNullable([1, null, undefined]), [1, null, null]);
});

Deno.test("toJsonSafe gives a value that survives a JSON round trip unchanged", () => {
  const v = toJsonSafe({
    a: new Float64Array([1, NaN]),
    b: [Infinity, undefined, "s", true, null],
    c: { d: new Int32Array([3]), skip: undefined },
    e: new Date(0),
  });
  deepStrictEqual(v, {
    a: [1, null],
    b: [null, null, "s", true, null],
    c: { d: [3] },
    e: "1970-01-01T00:00:00.000Z",
  });
  deepStrictEqual(JSON.parse(JSON.stringify(v)), v);
  throws(() => toJsonSafe({ f: () => 1 }), {
    name: "TypeError",
    message: "value.f must be JSON-serialisable, got a function",
  });
  throws(() => toJsonSafe({ n: 1n }), TypeError);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  throws(() => toJsonSafe(cyclic), /cycle/);
  // the same object twice (not a cycle) is fine
  const shared = [1];
  deepStrictEqual(toJsonSafe({ p: shared, q: shared }), { p: [1], q: [1] });
});

Deno.test("normalizeFigure validates the shape and cleans values", () => {
  const fig = normalizeFigure({ data: [{ type: "scatter", y: [1, NaN] }], layout: { height: Infinity } });
  deepStrictEqual(fig, { data: [{ type: "scatter", y: [1, null] }], layout: { height: null } });
  throws(() => normalizeFigure({ data: "x" } as never), {
    name: "TypeError",
    message: 'fig.data must be an array, got "x"',
  });
  throws(() => normalizeFigure({ data: [1], layout: {} } as never), /fig.data\[0\] must be a trace object/);
  throws(() => normalizeFigure({ data: [], layout: [] } as never), /fig.layout must be an object/);
});

Deno.test("figureTitle reads title.text and the legacy string form", () => {
  equal(figureTitle({ data: [], layout: { title: { text: "A" } } }), "A");
  equal(figureTitle({ data: [], layout: { title: "B" } }), "B");
  equal(figureTitle({ data: [], layout: {} }), "");
});

Deno.test("formatNumber: integers as is, 4 significant digits, exponent form at the extremes", () => {
  equal(formatNumber(500), "500");
  equal(formatNumber(-3), "-3");
  equal(formatNumber(0.123456), "0.1235");
  equal(formatNumber(487.25), "487.3");
  equal(formatNumber(0.5), "0.5");
  equal(formatNumber(123456.7), "123457");
  equal(formatNumber(3.5e-7), "3.5e-7");
  equal(formatNumber(1.23456e-5, 3), "1.23e-5");
  equal(formatNumber(NaN), "NaN");
  equal(formatNumber(-Infinity), "-∞");
  throws(() => formatNumber(1, 0), /digits must be an integer in \[1, 21\], got 0/);
});
