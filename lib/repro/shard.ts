/**
 * Sharding of a sweep over machines: shard `i/n` takes every n-th run, so a Slurm job array
 * (`--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`) or a Kubernetes Indexed Job
 * (`--shard $JOB_COMPLETION_INDEX/<completions>`) spreads a sweep without any scheduler code of ours.
 *
 * @module
 */

/** Shard `index` of `count` (0-based). */
export interface Shard {
  /** 0-based shard index, in [0, count). */
  index: number;
  /** Number of shards, ≥ 1. */
  count: number;
}

/**
 * Parse `"i/n"` (0-based i) into a {@link Shard}.
 *
 * @example
 * ```ts
 * import { parseShard } from "./shard.ts";
 * parseShard("2/8"); // { index: 2, count: 8 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(String(text).trim());
  if (!m) throw new RangeError(`shard must look like "i/n" with 0 <= i < n, got ${JSON.stringify(text)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count) {
    throw new RangeError(`shard must look like "i/n" with 0 <= i < n, got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/**
 * The items of a sweep that belong to a shard: every `count`-th item starting at `index`.
 *
 * @example
 * ```ts
 * import { shardItems } from "./shard.ts";
 * shardItems(["a", "b", "c", "d", "e"], { index: 1, count: 2 }); // ["b", "d"]
 * ```
 */
export function shardItems<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index);
}

/** File-name suffix of a shard's records (empty when not sharded). */
export function shardSuffix(shard: Shard): string {
  return shard.count === 1 ? "" : `.shard-${shard.index}-of-${shard.count}`;
}
