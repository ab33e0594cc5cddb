import assert from "node:assert/strict";
import {
  actionDim,
  checkActions,
  copyRngs,
  createStepResult,
  episodeTracker,
  makeActions,
  obsDim,
} from "../../lib/core/env.ts";
import type { ContextualVecEnv, StepResult } from "../../lib/core/env.ts";
import { Box, Discrete } from "../../lib/core/spaces.ts";
import type { Rng } from "../../lib/core/rng.ts";

interface WalkContext {
  /** Step size of one move. */
  stride: number;
}

/**
 * A reference implementation of the contract: a 1-D random walk started uniformly in [-0.5, 0.5]; action 0/1 moves
 * by ∓stride; terminates (reward 1) when |x| ≥ 2; time limit 4 steps. Observation [x, t].
 */
class WalkEnv implements ContextualVecEnv<WalkContext> {
  readonly observationSpace = new Box([-Infinity, 0], [Infinity, Infinity]);
  readonly actionSpace = new Discrete(2);
  readonly maxEpisodeSteps = 4;
  readonly defaultContext: WalkContext = { stride: 1 };
  #contexts: WalkContext[];
  #result: StepResult;
  #x: Float64Array;
  #t: Int32Array;
  #rngs: Rng[] = [];

  constructor(readonly numEnvs: number) {
    this.#contexts = Array.from({ length: numEnvs }, () => ({ ...this.defaultContext }));
    this.#result = createStepResult(numEnvs, obsDim(this.observationSpace));
    this.#x = new Float64Array(numEnvs);
    this.#t = new Int32Array(numEnvs);
  }

  get contexts(): readonly Readonly<WalkContext>[] {
    return this.#contexts;
  }

  setContexts(contexts: readonly WalkContext[]): void {
    this.#contexts = contexts.map((c) => ({ ...c }));
  }

  #start(i: number): void {
    this.#x[i] = this.#rngs[i].uniformIn(-0.5, 0.5);
    this.#t[i] = 0;
  }

  #write(obs: Float32Array, i: number): void {
    obs[2 * i] = this.#x[i];
    obs[2 * i + 1] = this.#t[i];
  }

  reset(seed: number): Float32Array {
    this.#rngs = copyRngs(seed, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      this.#start(i);
      this.#write(this.#result.observations, i);
    }
    return this.#result.observations;
  }

  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const r = this.#result;
    for (let i = 0; i < this.numEnvs; i++) {
      this.#x[i] += (actions[i] === 1 ? 1 : -1) * this.#contexts[i].stride;
      this.#t[i] += 1;
      const terminal = Math.abs(this.#x[i]) >= 2;
      r.rewards[i] = terminal ? 1 : 0;
      r.terminated[i] = terminal ? 1 : 0;
      r.truncated[i] = !terminal && this.#t[i] >= this.maxEpisodeSteps ? 1 : 0;
      this.#write(r.finalObservations, i);
      if (terminal || r.truncated[i]) this.#start(i);
      this.#write(r.observations, i);
    }
    return r;
  }
}

Deno.test("helpers size buffers from spaces", () => {
  const box = new Box(-1, 1, { shape: [3, 2] });
  assert.equal(obsDim(box), 6);
  assert.equal(actionDim(new Discrete(5)), 1);
  const result = createStepResult(4, 6);
  assert.equal(result.observations.length, 24);
  assert.equal(result.finalObservations.length, 24);
  assert.ok(result.rewards instanceof Float64Array && result.rewards.length === 4);
  assert.ok(result.terminated instanceof Uint8Array && result.truncated instanceof Uint8Array);
  const discrete = makeActions({ numEnvs: 3, actionSpace: new Discrete(2) });
  assert.ok(discrete instanceof Int32Array && discrete.length === 3);
  const continuous = makeActions({ numEnvs: 3, actionSpace: new Box(-2, 2, { shape: [2] }) });
  assert.ok(continuous instanceof Float32Array && continuous.length === 6);
});

Deno.test("copyRngs: stream i depends only on the seed and i", () => {
  const a = copyRngs(42, 2);
  const b = copyRngs(42, 8);
  assert.equal(b.length, 8);
  assert.equal(a[1].nextUint32(), b[1].nextUint32());
  assert.notEqual(b[2].nextUint32(), b[3].nextUint32());
});

Deno.test("a reference env: same-step auto-reset, finalObservations, termination vs truncation", () => {
  const env = new WalkEnv(3);
  const obs0 = Float32Array.from(env.reset(7));
  assert.deepEqual(Float32Array.from(new WalkEnv(3).reset(7)), obs0); // seeded
  const actions = makeActions(env) as Int32Array;
  // Copy 0 always moves right (terminates on step 2 or 3 depending on x0), copy 1 alternates (truncated at step 4),
  // copy 2 moves left.
  const tracker = episodeTracker(3);
  const finished = [];
  let last: StepResult | undefined;
  for (let t = 0; t < 4; t++) {
    actions.set([1, t % 2, 0]);
    const result = env.step(actions);
    last = result;
    finished.push(...tracker.record(result));
    for (let i = 0; i < 3; i++) {
      const ended = result.terminated[i] === 1 || result.truncated[i] === 1;
      assert.ok(!(result.terminated[i] && result.truncated[i]), "at most one flag");
      const finalRow = result.finalObservations.subarray(2 * i, 2 * i + 2);
      const row = result.observations.subarray(2 * i, 2 * i + 2);
      if (ended) {
        assert.equal(row[1], 0, "auto-reset: the new episode's first observation");
        assert.ok(finalRow[1] > 0, "final observation kept");
      } else {
        assert.deepEqual(finalRow, row, "finalObservations equals observations for copies that continue");
      }
    }
  }
  assert.ok(last);
  assert.equal(last.truncated[1], 1, "copy 1 hits the time limit at step 4");
  assert.equal(last.terminated[1], 0);
  const copy1 = finished.find((e) => e.env === 1);
  assert.deepEqual(copy1, { env: 1, return: 0, length: 4, terminated: false });
  const copy0 = finished.find((e) => e.env === 0);
  assert.ok(copy0 && copy0.terminated && copy0.return === 1 && copy0.length <= 3);
});

Deno.test("contexts change the dynamics per copy", () => {
  const env = new WalkEnv(2);
  env.setContexts([{ stride: 1 }, { stride: 0.25 }]);
  assert.deepEqual(env.contexts, [{ stride: 1 }, { stride: 0.25 }]);
  const x0 = Float32Array.from(env.reset(1));
  const { observations } = env.step(new Int32Array([1, 1]));
  assert.ok(Math.abs(observations[0] - x0[0] - 1) < 1e-6);
  assert.ok(Math.abs(observations[2] - x0[2] - 0.25) < 1e-6);
});

Deno.test("checkActions rejects wrong types, lengths and values", () => {
  const discrete = { numEnvs: 2, actionSpace: new Discrete(3) };
  checkActions(discrete, new Int32Array([0, 2]));
  assert.throws(() => checkActions(discrete, new Float32Array(2)), {
    name: "TypeError",
    message: /actions must be an Int32Array/,
  });
  assert.throws(() => checkActions(discrete, new Int32Array(3)), {
    name: "RangeError",
    message: /actions must have length 2, got length 3/,
  });
  assert.throws(() => checkActions(discrete, new Int32Array([0, 3])), {
    name: "RangeError",
    message: /actions\[1\] must be an integer in \[0, 3\), got 3/,
  });
  const box = { numEnvs: 2, actionSpace: new Box(-1, 1, { shape: [2] }) };
  checkActions(box, new Float32Array(4));
  assert.throws(() => checkActions(box, new Int32Array(4)), { name: "TypeError", message: /Float32Array/ });
  assert.throws(() => checkActions(box, new Float32Array([0, 0, NaN, 0])), {
    name: "RangeError",
    message: /actions\[2\] must be finite/,
  });
  assert.throws(() => createStepResult(0, 4), {
    name: "RangeError",
    message: /numEnvs must be an integer >= 1, got 0/,
  });
  assert.throws(() => obsDim({} as Box), { name: "TypeError", message: /space must be a Box or Discrete/ });
  assert.throws(() => episodeTracker(2).record(createStepResult(3, 1)), {
    name: "RangeError",
    message: /result.rewards must have length 2/,
  });
});
