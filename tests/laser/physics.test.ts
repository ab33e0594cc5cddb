import assert from "node:assert/strict";
import {
  createLaserModel,
  fwhm,
  L1_COMPRESSOR,
  outputIntensity,
  peakIntensity,
  propagate,
  spectrumFromTables,
  syntheticSpectrum,
  transformLimited,
  wavelengthToFrequencyWidth,
} from "../../lib/laser/mod.ts";
import { denormalizeControl } from "../../lib/laser/controls.ts";

const TBP_GAUSSIAN = (2 * Math.LN2) / Math.PI; // 0.4413: FWHM_t · FWHM_ν of a Gaussian with flat phase

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

function energy(x: { re: Float64Array; im: Float64Array }): number {
  let s = 0;
  for (let k = 0; k < x.re.length; k++) s += x.re[k] ** 2 + x.im[k] ** 2;
  return s;
}

Deno.test("Gaussian spectrum with flat phase: time-bandwidth product 0.441 (seed alone and after gain narrowing)", () => {
  // The seed alone is wider than the amplified spectrum: a 4096-point grid (2.46 THz) holds its tails.
  const spectrum = syntheticSpectrum({ gridPoints: 4096 });
  const dS = wavelengthToFrequencyWidth(1.23, 1030);
  const dG = wavelengthToFrequencyWidth(11.74, 1030);
  for (const passes of [0, 50]) {
    const model = createLaserModel(spectrum, { passes });
    // Gaussian intensity spectra multiply: 1/Δ² adds, n passes of a gain of FWHM Δg narrow by n/Δg².
    const bandwidth = 1 / Math.sqrt(1 / dS ** 2 + passes / dG ** 2);
    const tbp = fwhm(transformLimited(model), model.dt) * bandwidth;
    assert.ok(relErr(tbp, TBP_GAUSSIAN) < 3e-3, `passes ${passes}: TBP ${tbp} vs ${TBP_GAUSSIAN}`);
  }
  // The default is calibrated to the paper's transform-limited FWHM of 1.58 ps.
  const model = createLaserModel(syntheticSpectrum());
  assert.ok(relErr(fwhm(transformLimited(model), model.dt) * 1e12, 1.58) < 3e-3);
});

Deno.test("pure GDD broadens a Gaussian pulse as τ0·sqrt(1 + (4 ln2 · GDD / τ0²)²)", () => {
  const model = createLaserModel(syntheticSpectrum({ gridPoints: 4096 }), {
    passes: 0,
    b: 0,
    compressor: [0, 0, 0],
    padFactor: 8,
  });
  const tau0 = fwhm(transformLimited(model), model.dt);
  for (const factor of [1, 3, 8]) {
    const gdd = (factor * tau0 * tau0) / (4 * Math.LN2);
    const expected = tau0 * Math.sqrt(1 + ((4 * Math.LN2 * gdd) / tau0 ** 2) ** 2);
    const tau = fwhm(outputIntensity(model, [gdd, 0, 0]), model.dt);
    assert.ok(relErr(tau, expected) < 3e-3, `GDD ${gdd}: ${tau} vs ${expected}`);
    // The sign of the chirp does not change the duration.
    assert.ok(relErr(fwhm(outputIntensity(model, [-gdd, 0, 0]), model.dt), expected) < 3e-3);
  }
});

Deno.test("energy is conserved through every stage without gain (Parseval)", () => {
  const model = createLaserModel(syntheticSpectrum(), { b: 2 });
  const stretcher = denormalizeControl([0.2, 0.7, 0.4]);
  const s = propagate(model, stretcher);
  const n = model.n;
  const e0 = energy(s.amplified);
  assert.ok(relErr(n * energy(s.stretchedTime), e0) < 1e-10);
  assert.ok(relErr(n * energy(s.nonlinearTime), e0) < 1e-10);
  assert.ok(relErr(energy(s.compressed), e0) < 1e-10);
  let out = 0;
  for (const v of s.intensity) out += v;
  assert.ok(relErr(model.nOut * model.nOut * out / n, e0 * model.nOut / n) < 1e-10);
  // Every stretcher setting carries the same energy, so peak ratios are intensity ratios.
  let tl = 0;
  for (const v of transformLimited(model)) tl += v;
  assert.ok(relErr(out, tl) < 1e-10);
  // The gain stage is the only one that changes energy: here it shrinks the field by g^25 ≤ 1.
  let seed = 0;
  for (const v of model.spectrum.field) seed += v * v;
  assert.ok(e0 < seed);
});

Deno.test("B = 0 and stretcher = −compressor gives exactly the transform-limited pulse", () => {
  const model = createLaserModel(syntheticSpectrum());
  const matched = L1_COMPRESSOR.map((x) => -x);
  const out = outputIntensity(model, matched, undefined, { b: 0 });
  const tl = transformLimited(model);
  const peak = Math.max(...tl);
  let worst = 0;
  for (let j = 0; j < tl.length; j++) worst = Math.max(worst, Math.abs(out[j] - tl[j]) / peak);
  assert.ok(worst < 1e-9, `max deviation ${worst}`);
  // With the B-integral on, the same setting is no longer transform-limited.
  const nonlinear = outputIntensity(model, matched);
  assert.ok(Math.max(...nonlinear) / peak < 0.7);
});

Deno.test("the chain matches an independent numpy implementation (bench/peers/laser.py)", () => {
  // Values printed by `python3 bench/peers/laser.py check` on the same grid (2048 × 0.6 GHz, pad 4), B = 2.
  const model = createLaserModel(syntheticSpectrum());
  const tlPeak = Math.max(...transformLimited(model));
  const cases: [number[], number, number][] = [
    [[0.5, 0.5, 0.5], 2.076309538, 0.6202039046],
    [[0, 0, 0], 12.4298138923, 0.09983505],
    [[1, 1, 1], 12.1039872519, 0.1053764631],
  ];
  for (const [psi, fwhmPs, ratio] of cases) {
    const I = outputIntensity(model, denormalizeControl(psi));
    assert.ok(relErr(fwhm(I, model.dt) * 1e12, fwhmPs) < 1e-8, `${psi}`);
    assert.ok(relErr(Math.max(...I) / tlPeak, ratio) < 1e-8, `${psi}`);
  }
});

Deno.test("fwhm interpolates linearly and takes the outermost crossings; peak intensity of a square pulse", () => {
  assert.ok(Math.abs(fwhm([0, 0.25, 1, 0.25, 0], 1) - 4 / 3) < 1e-12);
  assert.equal(fwhm([0, 1, 0.2, 1, 0], 2), 2 * (3.5 - 0.5));
  // ∫ I/max dt = 10 samples · dt for a flat top (the trapezoid drops half of the two zero ends).
  const square = new Float64Array(20);
  square.fill(1, 5, 15);
  const dt = 1e-12;
  const expected = (2 * 0.22) / (Math.PI * 0.012 ** 2 * 10 * dt);
  assert.ok(relErr(peakIntensity(square, dt), expected) < 1e-12);
  assert.throws(() => peakIntensity(square, dt, { energy: -1 }), RangeError);
});

Deno.test("a measured spectrum CSV loads onto the grid; bad options throw", () => {
  const rows = ["wavelength_nm,intensity"];
  for (let i = 0; i <= 400; i++) {
    const l = 1025 + i * 0.025;
    rows.push(`${l.toFixed(3)},${Math.exp(-4 * Math.LN2 * ((l - 1030) / 1.23) ** 2)}`);
  }
  const measured = spectrumFromTables(rows.join("\n"));
  assert.ok(relErr(measured.centralFrequency, 299_792_458 / 1030e-9) < 1e-5);
  const a = createLaserModel(measured);
  const b = createLaserModel(syntheticSpectrum());
  // A Gaussian table reproduces the synthetic default (up to the wavelength→frequency asymmetry).
  assert.ok(relErr(fwhm(transformLimited(a), a.dt), fwhm(transformLimited(b), b.dt)) < 1e-2);
  assert.throws(() => spectrumFromTables("1030,1\n"), RangeError);
  assert.throws(() => createLaserModel(syntheticSpectrum(), { padFactor: 3 }), RangeError);
  assert.throws(() => createLaserModel(syntheticSpectrum(), { b: -1 }), RangeError);
  assert.throws(() => outputIntensity(b, [1, 2, 3], new Float64Array(3)), RangeError);
});
