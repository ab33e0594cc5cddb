/**
 * Browser check: load HTML files in headless Chromium through the DevTools protocol and assert that every page
 * rendered at least `--min-plots` Plotly plots (`.main-svg` in the DOM) and raised no page errors.
 *
 * `deno run -A scripts/browser_check.ts [--min-plots N] page.html...`
 *
 * @module
 */

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--remote-debugging-port=0",
];

/** Result of loading one page. */
export interface PageCheck {
  /** The file checked. */
  path: string;
  /** Number of rendered Plotly plots (plot divs holding a `.main-svg`). */
  plots: number;
  /** Uncaught exceptions and console errors. */
  errors: string[];
}

function findChromium(): string {
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    try {
      Deno.statSync(p);
      return p;
    } catch { /* try the next */ }
  }
  throw new Error("no Chromium found (apt-get install chromium)");
}

async function readDevtoolsUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
    if (m) {
      // keep draining stderr so Chromium never blocks on a full pipe
      (async () => {
        try {
          while (!(await reader.read()).done) { /* drain */ }
        } catch { /* closed */ }
      })();
      return m[1];
    }
  }
  throw new Error(`Chromium did not report a DevTools URL:\n${buffer.slice(-2000)}`);
}

/** A minimal DevTools protocol client over one WebSocket. */
class Cdp {
  #ws: WebSocket;
  #id = 0;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  listeners: ((method: string, params: Record<string, unknown>, sessionId?: string) => void)[] = [];

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data));
      if (msg.id !== undefined) {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(JSON.stringify(msg.error)));
        else p?.resolve(msg.result);
      } else {
        for (const l of this.listeners) l(msg.method, msg.params ?? {}, msg.sessionId);
      }
    };
  }

  static open(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(new Cdp(ws));
      ws.onerror = (e) => reject(new Error(`DevTools connection failed: ${(e as ErrorEvent).message ?? e}`));
    });
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<unknown> {
    const id = ++this.#id;
    this.#ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  close() {
    this.#ws.close();
  }
}

/**
 * Load each file in one headless Chromium and report plots and errors.
 *
 * @example
 * ```ts ignore
 * const [page] = await checkPages(["results/index.html"]);
 * console.log(page.plots, page.errors);
 * ```
 */
export async function checkPages(paths: string[], opts: { settleMs?: number } = {}): Promise<PageCheck[]> {
  const userDir = await Deno.makeTempDir({ prefix: "reprl-chromium-" });
  const child = new Deno.Command(findChromium(), {
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDir}`, "about:blank"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const results: PageCheck[] = [];
  try {
    const cdp = await Cdp.open(await readDevtoolsUrl(child.stderr));
    for (const path of paths) {
      const url = new URL(`file://${await Deno.realPath(path)}`).href;
      const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" }) as {
        targetId: string;
      };
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true }) as {
        sessionId: string;
      };
      const errors: string[] = [];
      let loaded!: () => void;
      const load = new Promise<void>((r) => (loaded = r));
      const listener = (method: string, params: Record<string, unknown>, sid?: string) => {
        if (sid !== sessionId) return;
        if (method === "Runtime.exceptionThrown") {
          const d = params.exceptionDetails as { text?: string; exception?: { description?: string } };
          errors.push(d.exception?.description ?? d.text ?? "exception");
        } else if (method === "Runtime.consoleAPICalled" && params.type === "error") {
          errors.push(JSON.stringify((params.args as { value?: unknown; description?: string }[])
            .map((a) => a.value ?? a.description)));
        } else if (method === "Page.loadEventFired") {
          loaded();
        }
      };
      cdp.listeners.push(listener);
      await cdp.send("Runtime.enable", {}, sessionId);
      await cdp.send("Page.enable", {}, sessionId);
      await cdp.send("Page.navigate", { url }, sessionId);
      await Promise.race([load, new Promise((r) => setTimeout(r, 20_000))]); // exported notebooks may wait on CDN scripts that never load offline
      await new Promise((r) => setTimeout(r, opts.settleMs ?? 1500));
      const evaluated = await cdp.send("Runtime.evaluate", {
        // plots drawn (a .main-svg inside); and reprl figure divs that stayed empty
        expression: "[document.querySelectorAll('.js-plotly-plot').length, " +
          "[...document.querySelectorAll('.js-plotly-plot')].filter((d) => d.querySelector('.main-svg')).length, " +
          "[...document.querySelectorAll('.reprl-plot')].filter((d) => !d.querySelector('.main-svg')).length]",
        returnByValue: true,
      }, sessionId) as { result: { value: [number, number, number] } };
      const [, drawn, empty] = evaluated.result.value;
      if (empty > 0) errors.push(`${empty} reprl figure(s) were not drawn`);
      results.push({ path, plots: drawn, errors });
      cdp.listeners.splice(cdp.listeners.indexOf(listener), 1);
      await cdp.send("Target.closeTarget", { targetId });
    }
    cdp.close();
  } finally {
    child.kill();
    await child.status;
    await Deno.remove(userDir, { recursive: true }).catch(() => {});
  }
  return results;
}

if (import.meta.main) {
  const args = [...Deno.args];
  let minPlots = 1;
  const i = args.indexOf("--min-plots");
  if (i >= 0) {
    minPlots = Number(args[i + 1]);
    args.splice(i, 2);
  }
  if (args.length === 0) {
    console.error("usage: deno run -A scripts/browser_check.ts [--min-plots N] page.html...");
    Deno.exit(2);
  }
  const results = await checkPages(args);
  let failed = false;
  for (const r of results) {
    const ok = r.plots >= minPlots && r.errors.length === 0;
    failed ||= !ok;
    console.log(
      `${
        ok ? "ok  " : "FAIL"
      } ${r.path}: ${r.plots} Plotly plot(s) rendered, ${r.errors.length} page error(s)`,
    );
    for (const e of r.errors) console.log(`     ${e}`);
  }
  if (failed) Deno.exit(1);
}
