/**
 * What every agent's `train` shares: its options (`seed`, `onProgress`, `signal`, `backend`, records, periodic
 * evaluation, early stop at a target return) and the log that turns them into records and progress.
 *
 * @module
 */
import type { VecEnv } from "../core/env.ts";
import { checkFinite, checkFunction, checkInteger, describe } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Recorder } from "../record/jsonl.ts";
import type { RecordRow, RecordValue } from "../record/types.ts";
import { type BackendName, ensureBackend, setBackend } from "../tensor/backend.ts";
import { evaluatePolicy } from "./evaluate.ts";
import type { Policy } from "./policy.ts";
import { Rng } from "../core/rng.ts";

/** Options every agent's `train` takes besides its config. */
export interface TrainOptions {
  /** Seed of everything random in the run: initial weights, env resets, actions, minibatches (default 0). */
  seed?: number;
  /** Draw the run's randomness from this stream instead of `new Rng(seed)` (records still carry `seed`). */
  rng?: Rng;
  /** Called as training advances with `{ done, total }` in env steps, plus the latest metrics. */
  onProgress?: ProgressCallback;
  /** Stop training early (the policy so far is returned, `stopped: "aborted"`). */
  signal?: AbortSignal;
  /** Switch lib/tensor to this backend first (default: keep the current one, `auto` if none). */
  backend?: BackendName;
  /** Also append every record row here (e.g. a JSONL file from `openRecorder`) as it is made. */
  recorder?: Recorder;
  /** Name of the run in the records (default the algorithm's name and the seed, e.g. `"ppo/s0"`). */
  run?: string;
  /** Evaluate the policy on this environment every `evalEvery` env steps (deterministic actions). */
  evalEnv?: VecEnv;
  /** Env steps between evaluations (default: a twentieth of the training steps). */
  evalEvery?: number;
  /** Episodes per evaluation (default 10). */
  evalEpisodes?: number;
  /** Stop once an evaluation's mean return reaches this (needs `evalEnv` or `evaluate`). */
  targetReturn?: number;
  /**
   * Evaluate the policy with this function instead of `evalEnv` episodes (every `evalEvery` env steps): it returns
   * the policy's mean return, e.g. computed exactly on a tabular MDP.
   */
  evaluate?: (policy: Policy) => number | Promise<number>;
}

/** What every agent's `train` returns. */
export interface TrainResult {
  /** The trained policy (plain data; see policy.ts). */
  policy: Policy;
  /** Every record row of the run: episodic returns, losses, evaluations. */
  records: RecordRow[];
  /** Env steps taken (summed over copies). */
  steps: number;
  /** First env step at which an evaluation reached `targetReturn`; `null` if none did. */
  solvedAt: number | null;
  /** Why training ended. */
  stopped: "done" | "target" | "aborted";
}

/** Running log of one training run (internal to lib/agents). */
export class TrainLog {
  readonly records: RecordRow[] = [];
  readonly seed: number;
  readonly run: string;
  /** The run's random stream (`opts.rng`, or a fresh one seeded with `seed`). */
  readonly rng: Rng;
  solvedAt: number | null = null;
  stopped: TrainResult["stopped"] = "done";
  #pending: RecordRow | null = null;
  #nextEval: number;
  #evalCount = 0;
  #last: Record<string, number | string> = {};
  readonly #opts: TrainOptions;
  readonly #total: number;
  readonly #evalEvery: number;

  constructor(algorithm: string, totalSteps: number, opts: TrainOptions) {
    this.#opts = opts;
    this.seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
    this.run = opts.run ?? `${algorithm}/s${this.seed}`;
    if (opts.rng !== undefined && !(opts.rng instanceof Rng)) {
      throw new TypeError(`rng must be an Rng, got ${describe(opts.rng)}`);
    }
    this.rng = opts.rng ?? new Rng(this.seed);
    this.#total = totalSteps;
    if (opts.onProgress !== undefined) checkFunction("onProgress", opts.onProgress);
    if (opts.signal !== undefined && !(opts.signal instanceof AbortSignal)) {
      throw new TypeError(`signal must be an AbortSignal, got ${describe(opts.signal)}`);
    }
    if (opts.targetReturn !== undefined) {
      checkFinite("targetReturn", opts.targetReturn);
      if (opts.evalEnv === undefined && opts.evaluate === undefined) {
        throw new RangeError("targetReturn needs evalEnv or evaluate to evaluate with");
      }
    }
    this.#evalEvery = checkInteger("evalEvery", opts.evalEvery ?? Math.max(1, Math.floor(totalSteps / 20)), {
      min: 1,
    });
    checkInteger("evalEpisodes", opts.evalEpisodes ?? 10, { min: 1 });
    if (opts.evaluate !== undefined) checkFunction("evaluate", opts.evaluate);
    this.#nextEval = this.#evalEvery;
  }

  /** Add metrics to the row of `step` (rows of the same step merge). */
  log(step: number, metrics: Record<string, RecordValue>): void {
    if (this.#pending !== null && this.#pending.step !== step) this.flush();
    this.#pending ??= { run: this.run, seed: this.seed, step };
    Object.assign(this.#pending, metrics);
    for (const [k, v] of Object.entries(metrics)) if (typeof v === "number") this.#last[k] = v;
  }

  /** Write the pending row. */
  flush(): void {
    if (this.#pending === null) return;
    this.records.push(this.#pending);
    this.#opts.recorder?.append(this.#pending);
    this.#pending = null;
  }

  /** True when the caller asked to stop. */
  get aborted(): boolean {
    if (this.#opts.signal?.aborted) {
      this.stopped = "aborted";
      return true;
    }
    return false;
  }

  /** Report progress. */
  progress(step: number): void {
    this.#opts.onProgress?.({ done: Math.min(step, this.#total), total: this.#total, ...this.#last });
  }

  /**
   * Evaluate when `step` has passed the next evaluation point (or `force`), logging `eval_return`. Returns true
   * when the target return is reached (training should stop).
   */
  async maybeEvaluate(step: number, policy: () => Promise<Policy>, force = false): Promise<boolean> {
    const env = this.#opts.evalEnv;
    const custom = this.#opts.evaluate;
    if ((env === undefined && custom === undefined) || (!force && step < this.#nextEval)) return false;
    while (this.#nextEval <= step) this.#nextEval += this.#evalEvery;
    let mean: number;
    if (custom !== undefined) {
      mean = checkFinite("evaluate's return", await custom(await policy()));
      this.log(step, { eval_return: mean });
    } else {
      const evaluation = evaluatePolicy(env!, await policy(), {
        episodes: this.#opts.evalEpisodes ?? 10,
        seed: 1_000_003 * (this.seed + 1) + this.#evalCount++,
      });
      mean = evaluation.mean;
      this.log(step, { eval_return: mean, eval_return_std: evaluation.std });
    }
    const target = this.#opts.targetReturn;
    if (target !== undefined && mean >= target) {
      this.solvedAt ??= step;
      this.stopped = "target";
      return true;
    }
    return false;
  }

  /** Finish: flush, final progress, and the result. */
  result(policy: Policy, steps: number): TrainResult {
    this.flush();
    this.progress(this.#total);
    return { policy, records: this.records, steps, solvedAt: this.solvedAt, stopped: this.stopped };
  }
}

/** Switch to the requested backend (if any) and make sure one is ready. */
export async function prepareBackend(backend: BackendName | undefined): Promise<void> {
  if (backend !== undefined) await setBackend(backend);
  await ensureBackend();
}

/** Average the finished episodes of one step into record metrics. */
export function episodeMetrics(
  finished: readonly { return: number; length: number }[],
): Record<string, number> | null {
  if (finished.length === 0) return null;
  let r = 0;
  let l = 0;
  for (const e of finished) {
    r += e.return;
    l += e.length;
  }
  return { episodic_return: r / finished.length, episodic_length: l / finished.length };
}
