import assert from "node:assert/strict";
import {
  checkFinite,
  checkFiniteArray,
  checkFunction,
  checkInRange,
  checkInteger,
  checkLength,
  checkNumericHealth,
  checkOneOf,
  checkPositive,
  describe,
} from "../../lib/core/errors.ts";

Deno.test("describe renders values briefly", () => {
  assert.equal(describe("a"), '"a"');
  assert.equal(describe(1.5), "1.5");
  assert.equal(describe(null), "null");
  assert.equal(describe(undefined), "undefined");
  assert.equal(describe([1, 2]), "array of length 2");
  assert.equal(describe(new Float32Array(3)), "Float32Array of length 3");
  assert.equal(describe(() => 0), "a function");
  assert.equal(describe(new Map()), "a Map");
});

Deno.test("checks return valid values unchanged", () => {
  assert.equal(checkFinite("x", 2), 2);
  assert.equal(checkInteger("k", 3, { min: 0, max: 3 }), 3);
  assert.equal(checkInRange("gamma", 0.99, { min: 0, max: 1, maxOpen: true }), 0.99);
  assert.equal(checkPositive("lr", 1e-3), 1e-3);
  assert.equal(checkOneOf("scale", "full", ["quick", "full"]), "full");
  const f = () => 1;
  assert.equal(checkFunction("cb", f), f);
  const arr = [1, 2];
  assert.equal(checkLength("xs", arr, 2), arr);
  assert.equal(checkFiniteArray("xs", arr), arr);
  assert.equal(checkNumericHealth("loss", 0.5, 3), 0.5);
});

Deno.test("checkFinite: TypeError for non-numbers, RangeError for NaN/Infinity", () => {
  assert.throws(() => checkFinite("reward", "1"), {
    name: "TypeError",
    message: 'reward must be a number, got "1"',
  });
  assert.throws(() => checkFinite("reward", NaN), {
    name: "RangeError",
    message: /reward must be a finite number, got NaN/,
  });
  assert.throws(() => checkFinite("reward", -Infinity), { name: "RangeError", message: /reward.*-Infinity/ });
});

Deno.test("checkInteger names the argument, the bounds and the value", () => {
  assert.throws(() => checkInteger("numEnvs", 0, { min: 1 }), {
    name: "RangeError",
    message: "numEnvs must be an integer >= 1, got 0",
  });
  assert.throws(() => checkInteger("k", 11, { max: 10 }), {
    name: "RangeError",
    message: "k must be an integer <= 10, got 11",
  });
  assert.throws(() => checkInteger("k", 5, { min: 0, max: 3 }), {
    name: "RangeError",
    message: "k must be an integer in [0, 3], got 5",
  });
  assert.throws(() => checkInteger("k", 1.5), {
    name: "RangeError",
    message: /k must be an integer, got 1\.5/,
  });
  assert.throws(() => checkInteger("k", null), {
    name: "TypeError",
    message: /k must be an integer, got null/,
  });
});

Deno.test("checkInRange writes open and closed ends", () => {
  assert.throws(() => checkInRange("gamma", 1.2, { min: 0, max: 1, maxOpen: true }), {
    name: "RangeError",
    message: "gamma must be in [0, 1), got 1.2",
  });
  assert.throws(() => checkInRange("gamma", 1, { min: 0, max: 1, maxOpen: true }), {
    message: /gamma.*got 1$/,
  });
  assert.throws(() => checkInRange("tau", 0, { min: 0, minOpen: true }), {
    name: "RangeError",
    message: "tau must be in (0, inf), got 0",
  });
  assert.throws(() => checkInRange("x", -5, { max: -6 }), { message: "x must be in (-inf, -6], got -5" });
  assert.throws(() => checkPositive("learningRate", -1), {
    name: "RangeError",
    message: "learningRate must be in (0, inf), got -1",
  });
  assert.throws(() => checkInRange("gamma", "0.5", { min: 0 }), { name: "TypeError", message: /gamma/ });
});

Deno.test("checkOneOf, checkFunction, checkLength, checkFiniteArray, checkNumericHealth", () => {
  assert.throws(() => checkOneOf("scale", "huge", ["quick", "full"]), {
    name: "RangeError",
    message: 'scale must be one of "quick", "full", got "huge"',
  });
  assert.throws(() => checkFunction("onProgress", 3), {
    name: "TypeError",
    message: "onProgress must be a function, got 3",
  });
  assert.throws(() => checkLength("actions", new Int32Array(3), 4), {
    name: "RangeError",
    message: "actions must have length 4, got length 3",
  });
  assert.throws(() => checkLength("actions", "abcd" as unknown as number[]), {
    name: "TypeError",
    message: /actions must be an array or typed array, got "abcd"/,
  });
  assert.throws(() => checkFiniteArray("returns", [1, NaN]), {
    name: "RangeError",
    message: "returns[1] must be a finite number, got NaN",
  });
  assert.throws(() => checkFiniteArray("returns", [1], { minLength: 2 }), {
    name: "RangeError",
    message: /returns must have at least 2 element\(s\), got length 1/,
  });
  assert.throws(() => checkNumericHealth("loss", NaN, 42), {
    name: "RangeError",
    message: "loss became NaN at step 42; stopping",
  });
});
