/**
 * Swarm pictures: a snapshot of agents on the torus (arrows as short segments for headings / phases) and a Plotly
 * animation over time, side by side for two controllers (e.g. uncontrolled and Dec-POMFC). Plotly animations need
 * `frames`, which lib/plot's `show` does not carry, so {@link showAnimation} displays the raw figure itself.
 *
 * @module
 */
import { escapeHtml, type Figure, PLOTLY_CONFIG, type PlotlyTrace, scriptJson } from "../plot/mod.ts";
import { inJupyter } from "../plot/show.ts";
import type { SwarmFrame } from "./decpomfc.ts";

/** A Plotly figure with animation frames. */
export interface AnimatedFigure extends Figure {
  /** One entry per time step: the traces' new data. */
  frames: { name: string; data: PlotlyTrace[] }[];
}

function traces(
  frame: SwarmFrame,
  axis: "" | "2",
  color: string,
  name: string,
  arrow: number,
): PlotlyTrace[] {
  const lx: (number | null)[] = [];
  const ly: (number | null)[] = [];
  frame.x.forEach((x, i) => {
    lx.push(x, x + arrow * Math.cos(frame.theta[i]), null);
    ly.push(frame.y[i], frame.y[i] + arrow * Math.sin(frame.theta[i]), null);
  });
  return [
    {
      type: "scatter",
      mode: "markers",
      x: frame.x,
      y: frame.y,
      name,
      marker: { size: 6, color },
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
    },
    {
      type: "scatter",
      mode: "lines",
      x: lx,
      y: ly,
      showlegend: false,
      line: { color, width: 1 },
      hoverinfo: "skip",
      xaxis: `x${axis}`,
      yaxis: `y${axis}`,
    },
  ];
}

/**
 * Two swarms side by side over time (same length of frames), as an animated Plotly figure with a play button and
 * a time slider. Each agent is a dot with a short segment along its angle.
 *
 * @example
 * ```ts
 * import { swarmAnimation } from "./figures.ts";
 * import { rolloutSwarm } from "./decpomfc.ts";
 * import { swarmTask } from "./swarm.ts";
 * const task = swarmTask("vicsek");
 * const a = rolloutSwarm(task, { kind: "uncontrolled" }, { numAgents: 30, numCopies: 1, frames: true });
 * const fig = swarmAnimation(a.frames!, a.frames!, { left: "uncontrolled", right: "uncontrolled", title: "Vicsek" });
 * fig.frames.length; // 51
 * ```
 */
export function swarmAnimation(
  left: readonly SwarmFrame[],
  right: readonly SwarmFrame[],
  opts: { left: string; right: string; title: string; arrow?: number },
): AnimatedFigure {
  if (left.length === 0 || left.length !== right.length) {
    throw new RangeError(
      `left and right must hold the same non-zero number of frames, got ${left.length}, ${right.length}`,
    );
  }
  const arrow = opts.arrow ?? 0.03;
  const at = (t: number) => [
    ...traces(left[t], "", "#1f77b4", opts.left, arrow),
    ...traces(right[t], "2", "#d62728", opts.right, arrow),
  ];
  const names = left.map((_, t) => String(t));
  const axis = (domain: [number, number]) => ({ range: [0, 1], domain, showgrid: false, zeroline: false });
  return {
    data: at(0),
    layout: {
      title: { text: opts.title },
      xaxis: { ...axis([0, 0.48]), title: { text: opts.left } },
      yaxis: { range: [0, 1], scaleanchor: "x", showgrid: false },
      xaxis2: { ...axis([0.52, 1]), title: { text: opts.right } },
      yaxis2: { range: [0, 1], scaleanchor: "x2", anchor: "x2", showgrid: false },
      height: 480,
      showlegend: false,
      updatemenus: [{
        type: "buttons",
        showactive: false,
        x: 0,
        y: -0.12,
        buttons: [
          {
            label: "Play",
            method: "animate",
            args: [null, {
              frame: { duration: 120, redraw: false },
              fromcurrent: true,
              transition: { duration: 0 },
            }],
          },
          {
            label: "Pause",
            method: "animate",
            args: [[null], { mode: "immediate", frame: { duration: 0, redraw: false } }],
          },
        ],
      }],
      sliders: [{
        active: 0,
        y: -0.05,
        currentvalue: { prefix: "t = " },
        steps: names.map((n) => ({
          label: n,
          method: "animate",
          args: [[n], {
            mode: "immediate",
            frame: { duration: 0, redraw: false },
            transition: { duration: 0 },
          }],
        })),
      }],
    },
    frames: names.map((n, t) => ({ name: n, data: at(t) })),
  };
}

let animationCounter = 0;

/**
 * Display an animated figure in the Deno Jupyter kernel (plotly.js must already be on the page, e.g. after any
 * `plot.show`); outside the kernel, print a one-line summary.
 *
 * @example
 * ```ts ignore
 * import { showAnimation } from "./figures.ts";
 * await showAnimation(fig);
 * ```
 */
export async function showAnimation(fig: AnimatedFigure): Promise<void> {
  const title = (fig.layout.title as { text?: string } | undefined)?.text ?? "animation";
  if (!inJupyter()) {
    console.log(`${title}: ${fig.frames.length} frames`);
    return;
  }
  const id = `reprl-anim-${++animationCounter}-${fig.frames.length}`;
  const spec = scriptJson({ data: fig.data, layout: fig.layout, frames: fig.frames, config: PLOTLY_CONFIG });
  const html =
    `<div id="${escapeHtml(id)}" style="width:100%;height:500px;"></div><script type="text/javascript">` +
    `(function(){var s=${spec};var n=0;function d(){var el=document.getElementById(${scriptJson(id)});` +
    `if(el&&window.Plotly){window.Plotly.newPlot(el,{data:s.data,layout:s.layout,frames:s.frames,config:s.config});}` +
    `else if(++n<600){setTimeout(d,100);}}d();})();</script>`;
  await Deno.jupyter.display({
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, frames: fig.frames },
    "text/html": html,
    "text/plain": `${title}: ${fig.frames.length} frames`,
  }, { raw: true });
}
