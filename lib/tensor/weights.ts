/**
 * Network weights as plain JSON: `{ kind, config, weights }` with one flat array per variable in the network's
 * parameter order `[W₁, b₁, W₂, b₂, …]`. float32 values survive the round trip through JSON numbers exactly.
 *
 * @module
 */
import { checkInteger, describe } from "../core/errors.ts";
import { ensureBackend } from "./backend.ts";
import { type Ensemble, type EnsembleConfig, ensembleFromValues } from "./ensemble.ts";
import { type Mlp, type MlpConfig, mlpFromValues, resolveMlpConfig } from "./mlp.ts";
import { type Network, networkParams } from "./optim.ts";

/** Saved weights of an MLP. */
export interface MlpWeights {
  kind: "mlp";
  config: MlpConfig;
  weights: number[][];
}

/** Saved weights of an ensemble. */
export interface EnsembleWeights {
  kind: "ensemble";
  config: EnsembleConfig;
  weights: number[][];
}

/** Saved weights of any network. */
export type NetworkWeights = MlpWeights | EnsembleWeights;

/**
 * Read a network's weights into plain JSON-serialisable data. Async because reading GPU memory is
 * (`webgpu` cannot read synchronously).
 *
 * @example
 * ```ts
 * import { saveWeights } from "./weights.ts";
 * import { createMlp } from "./mlp.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1, seed: 0 });
 * const json = JSON.stringify(await saveWeights(net));
 * ```
 */
export async function saveWeights(net: Mlp): Promise<MlpWeights>;
export async function saveWeights(net: Ensemble): Promise<EnsembleWeights>;
export async function saveWeights(net: Network): Promise<NetworkWeights>;
export async function saveWeights(net: Network): Promise<NetworkWeights> {
  if (net?.kind !== "mlp" && net?.kind !== "ensemble") {
    throw new TypeError(`net must be an Mlp or Ensemble, got ${describe(net)}`);
  }
  const weights: number[][] = [];
  for (const p of networkParams(net)) weights.push(Array.from(await p.data() as Float32Array));
  const config = structuredClone(net.config);
  return net.kind === "mlp"
    ? { kind: "mlp", config: config as MlpConfig, weights }
    : { kind: "ensemble", config: config as EnsembleConfig, weights };
}

/**
 * Rebuild a network from {@link saveWeights} output (or its JSON parse) on the current backend.
 *
 * @example
 * ```ts
 * import { loadWeights, saveWeights } from "./weights.ts";
 * import { createMlp } from "./mlp.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1, seed: 0 });
 * const copy = await loadWeights(JSON.parse(JSON.stringify(await saveWeights(net))));
 * ```
 */
export async function loadWeights(saved: MlpWeights): Promise<Mlp>;
export async function loadWeights(saved: EnsembleWeights): Promise<Ensemble>;
export async function loadWeights(saved: NetworkWeights): Promise<Network>;
export async function loadWeights(saved: NetworkWeights): Promise<Network> {
  if (typeof saved !== "object" || saved === null) {
    throw new TypeError(`saved must be an object from saveWeights, got ${describe(saved)}`);
  }
  if (saved.kind !== "mlp" && saved.kind !== "ensemble") {
    throw new RangeError(
      `saved.kind must be "mlp" or "ensemble", got ${describe((saved as { kind: unknown }).kind)}`,
    );
  }
  if (!Array.isArray(saved.weights)) {
    throw new TypeError(`saved.weights must be an array, got ${describe(saved.weights)}`);
  }
  const base = resolveMlpConfig(saved.config);
  const arrays = saved.weights.map((w, i) => {
    if (!Array.isArray(w)) throw new TypeError(`saved.weights[${i}] must be an array, got ${describe(w)}`);
    return Float32Array.from(w);
  });
  const weights = arrays.filter((_, i) => i % 2 === 0);
  const biases = arrays.filter((_, i) => i % 2 === 1);
  await ensureBackend();
  if (saved.kind === "mlp") return mlpFromValues(base, weights, biases);
  const members = checkInteger("saved.config.members", saved.config.members, { min: 1 });
  return ensembleFromValues({ ...base, members }, weights, biases);
}
