/**
 * `deno task notebooks [name...]`: execute every notebook under notebooks/ headless with the Deno kernel
 * (scripts/run_notebook.py, over jupyter_client) at
 * `REPRL_SCALE` (default quick), fail on any cell error, and export each executed notebook to
 * `results/notebooks/<name>.ipynb` and `.html`. With `--browser-check`, also load the HTML exports in headless
 * Chromium and require rendered Plotly plots and no page errors.
 *
 * @module
 */
import { checkPages } from "./browser_check.ts";

const runner = new URL("./run_notebook.py", import.meta.url).pathname;

function python(): string {
  // Debian's python has nbconvert; a pyenv python first on PATH usually does not.
  try {
    Deno.statSync("/usr/bin/python3");
    return "/usr/bin/python3";
  } catch {
    return "python3";
  }
}

async function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  const { code } = await new Deno.Command(cmd, { args, env, stdout: "inherit", stderr: "inherit" }).output();
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}

if (import.meta.main) {
  const args = Deno.args.filter((a) => a !== "--browser-check");
  const browserCheck = Deno.args.includes("--browser-check");
  const outDir = "results/notebooks";
  await Deno.mkdir(outDir, { recursive: true });
  const names = [...Deno.readDirSync("notebooks")]
    .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
    .map((e) => e.name.replace(/\.ipynb$/, ""))
    .filter((n) => args.length === 0 || args.includes(n))
    .sort();
  if (names.length === 0) throw new Error(`no notebooks match ${JSON.stringify(args)}`);
  const env = { REPRL_SCALE: Deno.env.get("REPRL_SCALE") ?? "quick", NO_COLOR: "1" };
  const failures: string[] = [];
  const htmls: string[] = [];
  for (const name of names) {
    const t0 = performance.now();
    console.error(`== notebook ${name} (REPRL_SCALE=${env.REPRL_SCALE})`);
    try {
      // Our runner, not `nbconvert --execute`: it keeps outputs the Deno kernel flushes after reporting idle.
      await run(
        python(),
        [runner, `notebooks/${name}.ipynb`, `${outDir}/${name}.ipynb`, "--timeout", "3600"],
        env,
      );
      await run(python(), [
        "-m",
        "nbconvert",
        "--to",
        "html",
        "--output-dir",
        outDir,
        `${outDir}/${name}.ipynb`,
      ], env);
      htmls.push(`${outDir}/${name}.html`);
      console.error(`== ${name}: ok in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (e) {
      console.error(`== ${name}: FAILED: ${(e as Error).message}`);
      failures.push(name);
    }
  }
  if (browserCheck && htmls.length) {
    for (const r of await checkPages(htmls)) {
      const ok = r.plots >= 1 && r.errors.length === 0;
      console.error(
        `${ok ? "ok  " : "FAIL"} browser: ${r.path}: ${r.plots} plot(s), ${r.errors.length} page error(s)`,
      );
      for (const e of r.errors) console.error(`     ${e}`);
      if (!ok) failures.push(`${r.path} (browser)`);
    }
  }
  if (failures.length) {
    console.error(`failed: ${failures.join(", ")}`);
    Deno.exit(1);
  }
  console.error(`${names.length} notebook(s) executed`);
}
