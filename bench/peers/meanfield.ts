/**
 * Vicsek swarm throughput (agent steps/s: agents × copies × batched steps per second) at N = 1000 agents × 64
 * copies: lib/meanfield's `stepSwarm` (classic Vicsek, alignment a = 1, no control, O(N²) neighbour search per copy)
 * against a numpy implementation of the same step (bench/peers/meanfield.py: an N × N neighbour mask and two
 * matrix–vector products per copy). Each side is the best of three 1-second windows; at this size one batched step
 * takes a sizeable part of a window, so the rates are coarse. No cell list on either side.
 *
 * `deno run -A bench/peers/meanfield.ts`
 *
 * @module
 */
import { createSwarm, resetSwarm, stepSwarm, swarmTask } from "../../lib/meanfield/swarm.ts";
import type { PeerRow } from "./types.ts";
import { runPython } from "./_common.ts";

const SCRIPT = new URL("./meanfield.py", import.meta.url);
/** Agents per copy. */
export const AGENTS = 1000;
/** Copies stepped together. */
export const COPIES = 64;

/**
 * Our agent steps/s for the classic Vicsek step, best of three 1 s windows.
 *
 * @example
 * ```ts ignore
 * import { oursAgentStepsPerSecond } from "./meanfield.ts";
 * oursAgentStepsPerSecond(100, 4);
 * ```
 */
export function oursAgentStepsPerSecond(agents = AGENTS, copies = COPIES): number {
  const s = createSwarm(swarmTask("vicsek", { coupling: 1, radius: 0.2, speed: 0.02, noise: 0.5 }), {
    numAgents: agents,
    numCopies: copies,
  });
  resetSwarm(s, 0);
  const u = new Float64Array(agents * copies);
  let best = 0;
  for (let w = 0; w < 3; w++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 1000) {
      stepSwarm(s, u);
      n++;
    }
    best = Math.max(best, (n * agents * copies) / ((performance.now() - t0) / 1000));
  }
  return best;
}

/**
 * Run both sides and return one {@link PeerRow}; `[]` (with a message) when /usr/bin/python3 or numpy is missing.
 *
 * @example
 * ```ts ignore
 * import { compare } from "./meanfield.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const out = await runPython([SCRIPT.pathname, "bench", String(AGENTS), String(COPIES)]);
  if (typeof out === "string") {
    console.error(`bench/peers/meanfield.ts: skipping numpy comparison (${out})`);
    return [];
  }
  const peer = out as unknown as { agent_steps_per_s: number };
  const ours = oursAgentStepsPerSecond();
  return [{
    name: `Vicsek step, N = ${AGENTS} × ${COPIES} copies, O(N²) neighbours (vs numpy)`,
    ours,
    peer: peer.agent_steps_per_s,
    unit: "agent steps/s",
    ratio: ours / peer.agent_steps_per_s,
  }];
}

if (import.meta.main) console.table(await compare());
