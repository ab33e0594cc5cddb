import { deepStrictEqual, equal, match, ok, rejects, throws } from "node:assert/strict";
import type { Figure } from "../../lib/plot/figure.ts";
import {
  escapeHtml,
  figureDiv,
  htmlPage,
  plotlyJs,
  plotlyScriptTag,
  saveHtml,
  scriptJson,
  tableHtml,
} from "../../lib/plot/html.ts";
import { lineWithBand } from "../../lib/plot/line.ts";

const fig: Figure = {
  data: [{ type: "scatter", x: [0, 1, 2], y: [1, 3, 2], name: "a" }],
  layout: { title: { text: "</script><script>alert(1)</script><!-- \u2028 end" } },
};

/** The JSON object assigned to `var spec = ...;` in a figureDiv script. */
function embeddedSpec(html: string): unknown {
  const m = /var spec = (.*);\n/.exec(html);
  ok(m !== null, "spec not found");
  return JSON.parse(m[1]);
}

Deno.test("plotlyJs reads plotly.js 3.3.1 offline (> 1 MB) and caches it", async () => {
  const js = await plotlyJs();
  ok(js.length > 1_000_000, `only ${js.length} characters`);
  ok(js.includes("Plotly"));
  ok(js.includes("plotly.js v3.3.1"));
  equal(await plotlyJs(), js);
  const tag = await plotlyScriptTag();
  ok(tag.startsWith('<script type="text/javascript">/**\n* plotly.js v3.3.1'));
  ok(tag.endsWith("</script>"));
  equal(tag.match(/<\/script/gi)!.length, 1);
});

Deno.test("scriptJson escapes </script, <!--, & and U+2028/2029 and parses back unchanged", () => {
  const v = { t: "</script><!-- & > \u2028\u2029" };
  const s = scriptJson(v);
  ok(!s.includes("<") && !s.includes(">") && !s.includes("&"));
  ok(!s.includes("\u2028") && !s.includes("\u2029"));
  deepStrictEqual(JSON.parse(s), v);
  throws(() => scriptJson(undefined), TypeError);
});

Deno.test("figureDiv embeds the figure safely: a title with </script> cannot end the script", () => {
  const html = figureDiv(fig, { id: "fig-1", height: 300 });
  ok(html.startsWith('<div id="fig-1" class="reprl-plot" style="width:100%;height:300px;"></div><script'));
  equal(html.match(/<\/script/gi)!.length, 1, "only the closing tag of our own script");
  ok(!html.includes("<!--"));
  ok(!html.includes("\u2028"));
  ok(html.endsWith("})();</script>"));
  ok(html.includes("window.Plotly.newPlot(el, spec.data, spec.layout, spec.config)"));
  deepStrictEqual(embeddedSpec(html), {
    data: fig.data,
    layout: fig.layout,
    config: { responsive: true, displaylogo: false },
  });
  // NaN in a hand-made figure is written as null, so the embedded JSON stays valid
  const spec = embeddedSpec(figureDiv({ data: [{ y: [1, NaN] }], layout: {} })) as Figure;
  deepStrictEqual(spec.data[0].y, [1, null]);
});

Deno.test("figureDiv: default ids are distinct and deterministic in form, height defaults to layout.height", () => {
  const a = figureDiv(fig);
  const b = figureDiv(fig);
  const idA = /id="([^"]+)"/.exec(a)![1];
  const idB = /id="([^"]+)"/.exec(b)![1];
  match(idA, /^reprl-plot-\d+-[0-9a-f]{8}$/);
  ok(idA !== idB);
  equal(idA.split("-").at(-1), idB.split("-").at(-1), "same figure, same hash");
  match(figureDiv({ data: [], layout: { height: 600 } }), /height:600px/);
  match(figureDiv({ data: [], layout: {} }), /height:450px/);
  throws(() => figureDiv(fig, { id: "has space" }), TypeError);
  throws(() => figureDiv(fig, { height: -1 }), /height must be in \(0, inf\), got -1/);
  throws(() => figureDiv({ data: 1 } as never), TypeError);
});

Deno.test("tableHtml escapes <&> and formats numbers", () => {
  const html = tableHtml({
    columns: ["task <i>", "paper", "ours"],
    rows: [["A<B & C>D", 500, 487.25], ['"q"', null, true]],
    caption: "Return & <score>",
  });
  equal(
    html,
    '<table class="reprl-table"><caption>Return &amp; &lt;score&gt;</caption>' +
      "<thead><tr><th>task &lt;i&gt;</th><th>paper</th><th>ours</th></tr></thead><tbody>" +
      '<tr><td>A&lt;B &amp; C&gt;D</td><td class="num">500</td><td class="num">487.3</td></tr>' +
      "<tr><td>&quot;q&quot;</td><td></td><td>true</td></tr></tbody></table>",
  );
  equal(escapeHtml("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
  throws(() => tableHtml({ columns: ["a"], rows: [[1, 2]] }), /rows\[0\] must have length 1, got length 2/);
  throws(
    () => tableHtml({ columns: ["a"], rows: [], caption: 3 } as never),
    /caption must be a string, got 3/,
  );
});

Deno.test("htmlPage inlines plotly.js exactly once in <head>; includePlotly: false leaves it out", async () => {
  const body = figureDiv(fig) + figureDiv(fig);
  const page = await htmlPage({ title: "A & B", body });
  ok(page.startsWith("<!DOCTYPE html>"));
  match(page, /<title>A &amp; B<\/title>/);
  equal(page.split("plotly.js v3.3.1").length - 1, 1);
  ok(page.indexOf("plotly.js v3.3.1") < page.indexOf("</head>"));
  ok(page.indexOf("</head>") < page.indexOf('<div id="reprl-plot-'));
  const bare = await htmlPage({ title: "t", body: "<p>x</p>", includePlotly: false });
  ok(!bare.includes("plotly.js v3.3.1") && bare.length < 1000);
  await rejects(() => htmlPage({ title: 1, body: "" } as never), TypeError);
});

Deno.test("saveHtml writes one standalone page holding every figure", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const f2 = lineWithBand({
      series: [{ name: "a", x: [0, 1], mean: [0, 1], lo: [0, 0], hi: [0, 2] }],
      title: "Curve",
    });
    const path = await saveHtml([f2, fig], `${dir}/sub/page.html`);
    equal(path, `${dir}/sub/page.html`);
    const page = await Deno.readTextFile(path);
    equal(page.match(/class="reprl-plot"/g)!.length, 2);
    match(page, /<title>Curve<\/title>/);
    equal(page.split("plotly.js v3.3.1").length - 1, 1);
    const single = await saveHtml(f2, `${dir}/one.html`, { title: "Mine" });
    match(await Deno.readTextFile(single), /<title>Mine<\/title>/);
    await rejects(() => saveHtml(f2, ""), TypeError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
