/**
 * Helpers shared by the numpy peer comparisons: the Python to run, a probe for numpy, raw bytes of typed arrays to
 * hand over, and the median of repeated timings.
 *
 * @module
 */

/** Debian's Python, where python3-numpy and python3-torch install (not the pyenv python3 first on PATH). */
export const PYTHON = "/usr/bin/python3";

/**
 * The median of timings.
 *
 * @example
 * ```ts
 * import { median } from "./_common.ts";
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The little-endian bytes of a typed array (a view, no copy).
 *
 * @example
 * ```ts
 * import { bytes } from "./_common.ts";
 * bytes(new Int32Array([1])).length; // 4
 * ```
 */
export function bytes(a: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * `null` when `import numpy` works in {@link PYTHON}, else why not.
 *
 * @example
 * ```ts
 * import { numpyAvailable } from "./_common.ts";
 * const missing = await numpyAvailable();
 * ```
 */
export async function numpyAvailable(): Promise<string | null> {
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", "import numpy"],
      stdout: "null",
      stderr: "piped",
    })
      .output();
    return out.success
      ? null
      : new TextDecoder().decode(out.stderr).trim().split("\n").pop() ?? "import failed";
  } catch (e) {
    return `${PYTHON} not runnable: ${e instanceof Error ? e.message : String(e)}`;
  }
}
