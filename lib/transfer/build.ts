/**
 * Building real transfer matrices: train one policy per source context with lib/agents' PPO, evaluate it
 * zero-shot on every target context. Each source is one record (a CSV line appended as soon as it is done), so a
 * stopped build resumes where it was.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import {
  evaluatePolicy,
  type Policy,
  PPO_CARTPOLE_TUNED,
  PPO_PENDULUM_TUNED,
  trainPpo,
} from "../agents/mod.ts";
import { makeEnv } from "../envs/mod.ts";
import type { CartPoleContext, PendulumContext } from "../envs/mod.ts";
import type { VecEnv } from "../core/env.ts";
import { contextSpace, type ContextSpaceName, contextValues } from "./contexts.ts";
import { csvHeader, csvLine, matrixFromCsv, parseTransferCsv, type TransferMatrix } from "./matrix.ts";

/** Copies stepped together while training on one context (the presets' own settings). */
const TRAIN_COPIES = { "CartPole-v1": 8, "Pendulum-v1": 4 } as const;

/**
 * An environment of the space with `copies` copies, each at one of `values` (cycled).
 *
 * @example
 * ```ts
 * import { contextEnv } from "./build.ts";
 * contextEnv("cartpole-length", [0.25], 4).numEnvs; // 4
 * ```
 */
export function contextEnv(name: ContextSpaceName, values: readonly number[], copies: number): VecEnv {
  const space = contextSpace(name);
  checkInteger("copies", copies, { min: 1 });
  if (space.env === "CartPole-v1") {
    const base = makeEnv("CartPole-v1").defaultContext;
    const contexts: CartPoleContext[] = Array.from({ length: copies }, (_, i) => ({
      ...base,
      [space.field]: values[i % values.length],
    }));
    return makeEnv("CartPole-v1", { numEnvs: copies, contexts });
  }
  const base = makeEnv("Pendulum-v1").defaultContext;
  const contexts: PendulumContext[] = Array.from({ length: copies }, (_, i) => ({
    ...base,
    [space.field]: values[i % values.length],
  }));
  return makeEnv("Pendulum-v1", { numEnvs: copies, contexts });
}

/** Options of {@link trainOnContexts}. */
export interface TrainContextOptions {
  /** Env steps of PPO; default 20 000 (CartPole) / 100 000 (Pendulum). */
  steps?: number;
  /** Seed; default 0. */
  seed?: number;
  /** Stop request. */
  signal?: AbortSignal;
}

/**
 * Train a PPO policy on one or several contexts at once (several: multi-task training, one copy per context,
 * rollout length scaled so the batch stays the preset's). CartPole uses {@link PPO_CARTPOLE_TUNED} and stops
 * early once a greedy evaluation scores 500; Pendulum uses {@link PPO_PENDULUM_TUNED}.
 *
 * @example
 * ```ts ignore
 * import { trainOnContexts } from "./build.ts";
 * const { policy, steps } = await trainOnContexts("cartpole-length", [0.5], { steps: 20_000 });
 * ```
 */
export async function trainOnContexts(
  name: ContextSpaceName,
  values: readonly number[],
  opts: TrainContextOptions = {},
): Promise<{ policy: Policy; steps: number }> {
  const space = contextSpace(name);
  const cartpole = space.env === "CartPole-v1";
  const steps = checkInteger("steps", opts.steps ?? (cartpole ? 20_000 : 100_000), { min: 1 });
  const preset = cartpole ? PPO_CARTPOLE_TUNED : PPO_PENDULUM_TUNED;
  const baseCopies = TRAIN_COPIES[space.env];
  const copies = Math.max(baseCopies, values.length);
  const numSteps = Math.max(16, Math.round((preset.numSteps! * baseCopies) / copies));
  const env = contextEnv(name, values, copies);
  const result = await trainPpo(env, { ...preset, numSteps, totalSteps: steps }, {
    seed: opts.seed ?? 0,
    signal: opts.signal,
    ...(cartpole && values.length === 1
      ? {
        evalEnv: contextEnv(name, values, 5),
        evalEvery: 4096,
        evalEpisodes: 5,
        targetReturn: 500,
      }
      : {}),
  });
  return { policy: result.policy, steps: result.steps };
}

/**
 * Zero-shot returns of a policy on each target context (mean over `episodes` greedy episodes).
 *
 * @example
 * ```ts ignore
 * import { evaluateOnContexts } from "./build.ts";
 * const row = evaluateOnContexts("cartpole-length", policy, [0.25, 0.5, 1], { episodes: 10 });
 * ```
 */
export function evaluateOnContexts(
  name: ContextSpaceName,
  policy: Policy,
  targets: readonly number[],
  opts: { episodes?: number; seed?: number } = {},
): number[] {
  const episodes = checkInteger("episodes", opts.episodes ?? 10, { min: 1 });
  return targets.map((t) =>
    evaluatePolicy(contextEnv(name, [t], episodes), policy, { episodes, seed: opts.seed ?? 0 }).mean
  );
}

/** Options of {@link buildTransferMatrix}. */
export interface BuildOptions extends TrainContextOptions {
  /** Number of contexts (paper: 100); default 12. */
  n?: number;
  /** Zero-shot evaluation episodes per (source, target); default 10 (the official `test_eps`). */
  episodes?: number;
  /** CSV file of the build: sources already in it are skipped, each new source is appended when done. */
  csvPath?: string;
  /** Progress in sources. */
  onProgress?: ProgressCallback;
}

/**
 * Build (or resume) the transfer matrix of a context space: for each source context, train PPO on it and
 * evaluate on every target. Raw returns (not normalised); `steps` holds each source's training steps.
 *
 * @example
 * ```ts ignore
 * import { buildTransferMatrix } from "./build.ts";
 * const m = await buildTransferMatrix("cartpole-length", { n: 8, steps: 15_000, csvPath: "cartpole.csv" });
 * ```
 */
export async function buildTransferMatrix(
  name: ContextSpaceName,
  opts: BuildOptions = {},
): Promise<TransferMatrix> {
  const n = checkInteger("n", opts.n ?? 12, { min: 2 });
  const values = contextValues(name, n);
  const seed = opts.seed ?? 0;
  let text = "";
  if (opts.csvPath) {
    try {
      text = await Deno.readTextFile(opts.csvPath);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    if (text.trim() === "") await Deno.writeTextFile(opts.csvPath, csvHeader(n) + "\n");
  }
  const parsed = text.trim() === "" ? { n, rows: new Map() } : parseTransferCsv(text);
  if (parsed.n !== n) throw new RangeError(`${opts.csvPath} holds ${parsed.n} targets, expected n = ${n}`);
  for (let i = 0; i < n; i++) {
    opts.signal?.throwIfAborted();
    if (!parsed.rows.has(i)) {
      const { policy, steps } = await trainOnContexts(name, [values[i]], { ...opts, seed: seed + i });
      const row = evaluateOnContexts(name, policy, values, { episodes: opts.episodes, seed: seed + i });
      parsed.rows.set(i, { context: values[i], steps, row });
      if (opts.csvPath) {
        await Deno.writeTextFile(opts.csvPath, csvLine(i, values[i], steps, row) + "\n", { append: true });
      }
    }
    opts.onProgress?.({ done: i + 1, total: n });
  }
  return matrixFromCsv(parsed);
}
