/**
 * `deno task repro [module...] [--scale quick|full] [--out results] [--shard i/n] [--merge] [--list]`
 *
 * @module
 */
import { repro } from "./lib/repro/mod.ts";
import { catalog } from "./catalog.ts";

if (import.meta.main) {
  const controller = new AbortController();
  const onInterrupt = () => {
    console.error("\ninterrupted: records so far are kept; run the same command again to resume");
    controller.abort(new Error("interrupted by SIGINT"));
  };
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    await repro(Deno.args, catalog, { signal: controller.signal });
  } catch (e) {
    if (e instanceof RangeError || controller.signal.aborted) {
      console.error(e instanceof Error ? e.message : e);
      Deno.exit(controller.signal.aborted ? 130 : 2);
    }
    throw e;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}
