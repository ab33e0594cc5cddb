import assert from "node:assert/strict";
import { fft, fftfreq, fftshift, ifft, ifftshift, rfft, rfftfreq } from "../../lib/core/fft.ts";
import { Rng } from "../../lib/core/rng.ts";

/** O(n²) DFT with exact angle reduction, the reference. */
function naiveDft(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  inverse = false,
): { re: number[]; im: number[] } {
  const n = re.length;
  const sign = inverse ? 1 : -1;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
    }
    outRe.push(inverse ? sr / n : sr);
    outIm.push(inverse ? si / n : si);
  }
  return { re: outRe, im: outIm };
}

function norm(re: ArrayLike<number>, im: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < re.length; i++) s += re[i] ** 2 + im[i] ** 2;
  return Math.sqrt(s);
}

/** ‖a − b‖ / ‖b‖ over complex vectors. */
function relError(
  a: { re: ArrayLike<number>; im: ArrayLike<number> },
  b: { re: ArrayLike<number>; im: ArrayLike<number> },
): number {
  const dr = Array.from(a.re, (v, i) => v - b.re[i]);
  const di = Array.from(a.im, (v, i) => v - b.im[i]);
  return norm(dr, di) / Math.max(norm(b.re, b.im), 1e-300);
}

function randomSignal(n: number, seed: number): { re: Float64Array; im: Float64Array } {
  const rng = new Rng(seed);
  return { re: rng.fillNormal(new Float64Array(n)), im: rng.fillNormal(new Float64Array(n)) };
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 100, 128, 243, 256, 1000, 1024];

Deno.test("fft matches the naive DFT to 1e-9 (power-of-two and other sizes)", () => {
  for (const n of SIZES) {
    const x = randomSignal(n, n);
    const got = fft(x.re, x.im);
    assert.equal(got.re.length, n);
    const err = relError(got, naiveDft(x.re, x.im));
    assert.ok(err < 1e-9, `n=${n}: relative error ${err}`);
  }
});

Deno.test("ifft matches the naive inverse DFT and inverts fft", () => {
  for (const n of SIZES) {
    const x = randomSignal(n, 1000 + n);
    assert.ok(relError(ifft(x.re, x.im), naiveDft(x.re, x.im, true)) < 1e-9, `n=${n}`);
    const spectrum = fft(x.re, x.im);
    const back = ifft(spectrum.re, spectrum.im);
    assert.ok(relError(back, x) < 1e-12, `round trip n=${n}`);
  }
  // A large non-power-of-two round trip (Bluestein pads to 2^15).
  const x = randomSignal(10_007, 3);
  const s = fft(x.re, x.im);
  assert.ok(relError(ifft(s.re, s.im), x) < 1e-11);
  // Parseval: ‖X‖² = n‖x‖².
  const ratio = norm(s.re, s.im) ** 2 / (10_007 * norm(x.re, x.im) ** 2);
  assert.ok(Math.abs(ratio - 1) < 1e-11);
});

Deno.test("fft of known signals", () => {
  const impulse = fft([1, 0, 0, 0, 0, 0]); // size 6: Bluestein, so equal up to rounding
  assert.ok(impulse.re.every((v) => Math.abs(v - 1) < 1e-14) && impulse.im.every((v) => Math.abs(v) < 1e-14));
  const impulse8 = fft([1, 0, 0, 0, 0, 0, 0, 0]); // radix-2 path: exact
  assert.deepEqual(Array.from(impulse8.re), [1, 1, 1, 1, 1, 1, 1, 1]);
  // A pure tone exp(2πi·3j/n) puts all its energy in bin 3.
  for (const n of [16, 20]) {
    const re = Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * 3 * j) / n));
    const im = Array.from({ length: n }, (_, j) => Math.sin((2 * Math.PI * 3 * j) / n));
    const tone = fft(re, im);
    for (let k = 0; k < n; k++) {
      const expected = k === 3 ? n : 0;
      assert.ok(Math.abs(tone.re[k] - expected) < 1e-10 && Math.abs(tone.im[k]) < 1e-10, `n=${n} k=${k}`);
    }
  }
  const r = rfft([1, 2, 3, 4]);
  assert.deepEqual(Array.from(r.re), [10, -2, -2]);
  assert.deepEqual(Array.from(r.im), [0, 2, 0]);
  const odd = rfft([1, 2, 3, 4, 5]);
  assert.equal(odd.re.length, 3);
  const full = fft([1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(odd.re), Array.from(full.re.slice(0, 3)));
});

Deno.test("fft writes into out, which may alias the input", () => {
  const x = randomSignal(12, 9);
  const expected = fft(x.re, x.im);
  const out = { re: x.re, im: x.im };
  const got = fft(x.re, x.im, out);
  assert.equal(got, out);
  assert.ok(relError(got, expected) === 0);
});

Deno.test("fftshift, ifftshift, fftfreq, rfftfreq follow numpy", () => {
  assert.deepEqual(Array.from(fftshift([0, 1, 2, -2, -1])), [-2, -1, 0, 1, 2]);
  assert.deepEqual(Array.from(fftshift([0, 1, 2, 3, -4, -3, -2, -1])), [-4, -3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(Array.from(ifftshift([-2, -1, 0, 1, 2])), [0, 1, 2, -2, -1]);
  for (const n of [1, 4, 5, 8, 9]) {
    const x = Array.from({ length: n }, (_, i) => i);
    assert.deepEqual(Array.from(ifftshift(fftshift(x))), x);
  }
  assert.deepEqual(Array.from(fftfreq(4, 0.5)), [0, 0.5, -1, -0.5]);
  assert.deepEqual(Array.from(fftfreq(5)), [0, 0.2, 0.4, -0.4, -0.2]);
  assert.deepEqual(Array.from(rfftfreq(5)), [0, 0.2, 0.4]);
  assert.deepEqual(Array.from(rfftfreq(4, 0.5)), [0, 0.5, 1]);
  assert.deepEqual(Array.from(fftshift(fftfreq(6))), Array.from([-3, -2, -1, 0, 1, 2], (v) => v / 6));
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => fft([]), { name: "RangeError", message: /re must have at least 1 element/ });
  assert.throws(() => fft([1, 2], [1]), {
    name: "RangeError",
    message: /im must have length 2, got length 1/,
  });
  assert.throws(() => fft([1, NaN]), {
    name: "RangeError",
    message: /re\[1\] must be a finite number, got NaN/,
  });
  assert.throws(() => ifft([1, 2], [0, Infinity]), { name: "RangeError", message: /im\[1\].*Infinity/ });
  assert.throws(() => fft("abc" as unknown as number[]), {
    name: "TypeError",
    message: /re must be an array/,
  });
  assert.throws(() => fft([1, 2], undefined, { re: new Float64Array(3), im: new Float64Array(2) }), {
    name: "RangeError",
    message: /out.re must have length 2/,
  });
  assert.throws(() => fftfreq(0), { name: "RangeError", message: /n must be an integer >= 1, got 0/ });
  assert.throws(() => fftfreq(4, 0), { name: "RangeError", message: /d must be in \(0, inf\), got 0/ });
});
