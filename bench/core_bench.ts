/**
 * Benchmarks of lib/core hot paths: `deno bench -A bench/core_bench.ts`.
 *
 * @module
 */
import { Rng } from "../lib/core/rng.ts";
import { fft, ifft } from "../lib/core/fft.ts";

const normals = new Float64Array(1_000_000);
const rng = new Rng(0);

Deno.bench("rng: 1e6 standard normals (fillNormal)", { group: "rng" }, () => {
  rng.fillNormal(normals);
});

Deno.bench("rng: 1e6 uniforms (fillUniform)", { group: "rng" }, () => {
  rng.fillUniform(normals);
});

function signal(n: number): { re: Float64Array; im: Float64Array } {
  const r = new Rng(n);
  return { re: r.fillNormal(new Float64Array(n)), im: r.fillNormal(new Float64Array(n)) };
}

const x16k = signal(2 ** 14);
const out16k = { re: new Float64Array(2 ** 14), im: new Float64Array(2 ** 14) };
const x10k = signal(10_000);

Deno.bench("fft: complex 2^14, forward", { group: "fft", baseline: true }, () => {
  fft(x16k.re, x16k.im, out16k);
});

Deno.bench("fft: complex 2^14, inverse", { group: "fft" }, () => {
  ifft(x16k.re, x16k.im, out16k);
});

Deno.bench("fft: complex 10000 (Bluestein), forward", { group: "fft" }, () => {
  fft(x10k.re, x10k.im);
});
