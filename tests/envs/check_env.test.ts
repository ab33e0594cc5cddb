import assert from "node:assert/strict";
import { checkActions, copyRngs, createStepResult } from "../../lib/core/env.ts";
import type { StepResult, VecEnv } from "../../lib/core/env.ts";
import type { Rng } from "../../lib/core/rng.ts";
import { Box, Discrete } from "../../lib/core/spaces.ts";
import { assertEnv, checkEnv } from "../../lib/envs/check_env.ts";
import { cartPole } from "../../lib/envs/cartpole.ts";

type Bug =
  | "none"
  | "noAutoReset"
  | "finalIsReset"
  | "alloc"
  | "ignoreSeed"
  | "nondeterministic"
  | "outside"
  | "noTruncation"
  | "bothFlags"
  | "nanReward"
  | "float64Space"
  | "neverEnds";

let calls = 0; // drives the "nondeterministic" bug: hidden state outside the seed

/**
 * A toy env with one bug switched on: the position starts U(0, 1), moves +1 per step and the episode terminates
 * past 5 (so after 5 steps), unless the time limit (4 with "noTruncation", else Infinity) comes first.
 */
class ToyEnv implements VecEnv {
  readonly observationSpace: Box;
  readonly actionSpace = new Discrete(2);
  readonly maxEpisodeSteps: number;
  readonly numEnvs: number;
  #r: StepResult;
  #x: Float64Array;
  #rngs: Rng[];
  #bug: Bug;

  constructor(numEnvs: number, bug: Bug) {
    this.numEnvs = numEnvs;
    this.#bug = bug;
    this.observationSpace = new Box([0], [bug === "outside" ? 3 : 10], {
      dtype: bug === "float64Space" ? "float64" : "float32",
    });
    this.maxEpisodeSteps = bug === "noTruncation" ? 4 : Infinity;
    this.#r = createStepResult(numEnvs, 1);
    this.#x = new Float64Array(numEnvs);
    this.#rngs = copyRngs(0, numEnvs);
  }

  reset(seed: number): Float32Array {
    const s = this.#bug === "ignoreSeed" ? 0 : this.#bug === "nondeterministic" ? seed + calls++ : seed;
    this.#rngs = copyRngs(s, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) this.#x[i] = this.#r.observations[i] = this.#rngs[i].uniform();
    return this.#r.observations;
  }

  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const r = this.#r, bug = this.#bug;
    if (bug === "alloc") r.rewards = new Float64Array(this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      this.#x[i] += 1;
      const ended = bug !== "neverEnds" && this.#x[i] > 5;
      r.terminated[i] = ended ? 1 : 0;
      r.truncated[i] = ended && bug === "bothFlags" ? 1 : 0;
      r.rewards[i] = bug === "nanReward" && ended ? NaN : 1;
      r.finalObservations[i] = this.#x[i];
      if (ended && bug !== "noAutoReset") this.#x[i] = this.#rngs[i].uniform();
      if (bug === "neverEnds") this.#x[i] = this.#rngs[i].uniform();
      r.observations[i] = this.#x[i];
      if (bug === "finalIsReset") r.finalObservations[i] = this.#x[i];
    }
    return r;
  }
}

Deno.test("checkEnv passes a correct toy env and CartPole, with 1 and 7 copies", () => {
  for (const n of [1, 7]) {
    assert.deepEqual(checkEnv(new ToyEnv(n, "none"), { steps: 40 }), { ok: true, problems: [] });
    assert.deepEqual(checkEnv(cartPole({ numEnvs: n }), { seed: 3 }), { ok: true, problems: [] });
  }
});

Deno.test("checkEnv names each broken rule", () => {
  const expected: [Bug, RegExp][] = [
    ["noAutoReset", /not a fresh start/],
    ["finalIsReset", /observations equals finalObservations/],
    ["alloc", /returned a new rewards buffer/],
    ["ignoreSeed", /seeds 0 and 7 gave identical starts/],
    ["nondeterministic", /reset\(0\) twice gave different trajectories/],
    ["outside", /observation outside the observation space/],
    ["noTruncation", /reached maxEpisodeSteps = 4 without ending/],
    ["bothFlags", /both terminated and truncated/],
    ["nanReward", /reward NaN is not finite/],
    ["float64Space", /observationSpace must have dtype float32/],
    ["neverEnds", /no episode ended within 40 random steps/],
  ];
  for (const [bug, message] of expected) {
    for (const n of [1, 3]) {
      const { ok, problems } = checkEnv(new ToyEnv(n, bug), { steps: 40 });
      assert.equal(ok, false, bug);
      assert.ok(problems.some((p) => message.test(p)), `${bug} (${n} copies): ${problems.join(" | ")}`);
    }
  }
});

Deno.test("checkEnv reports each kind of problem once, and assertEnv throws listing them", () => {
  const { problems } = checkEnv(new ToyEnv(4, "nanReward"), { steps: 60 });
  assert.equal(problems.filter((p) => p.includes("is not finite")).length, 1);
  assert.throws(
    () => assertEnv(new ToyEnv(2, "alloc"), { steps: 20 }),
    /env check failed:\n- step 1 returned a new/,
  );
  assert.throws(() => checkEnv(cartPole(), { steps: 0 }), /steps must be an integer >= 1, got 0/);
  assert.throws(() => checkEnv(cartPole(), { seed: 1.5 }), /seed must be an integer/);
});
