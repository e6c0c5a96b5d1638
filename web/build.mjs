// Builds the dashboard into dist/: the app bundled with ECharts (no CDN), the stylesheet, the page,
// and the LAC country shapes cut from Natural Earth (via the world-atlas package) — everything the
// galeon binary embeds.
import { build } from "esbuild";
import { mkdir, readFile, writeFile, copyFile, rm } from "node:fs/promises";
import { feature } from "topojson-client";

// ISO 3166 numeric codes of the 33 CELAC states (the ids world-atlas uses).
const LAC = [28, 32, 44, 52, 84, 68, 76, 152, 170, 188, 192, 212, 214, 218, 222, 308, 320, 328, 332, 340,
  388, 484, 558, 591, 600, 604, 659, 662, 670, 740, 780, 858, 862];

await rm("dist", { recursive: true, force: true });
await mkdir("dist/assets", { recursive: true });
await build({
  entryPoints: ["src/app.js"],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outfile: "dist/assets/app.js",
  legalComments: "linked",
});
await copyFile("src/index.html", "dist/index.html");
await copyFile("src/style.css", "dist/assets/style.css");
const topo = JSON.parse(await readFile("node_modules/world-atlas/countries-50m.json", "utf8"));
const all = feature(topo, topo.objects.countries);
const lac = {
  type: "FeatureCollection",
  features: all.features
    .filter((f) => LAC.includes(Number(f.id)))
    .map((f) => ({ type: "Feature", id: Number(f.id), properties: { name: String(Number(f.id)) }, geometry: f.geometry })),
};
if (lac.features.length !== LAC.length) {
  const found = new Set(lac.features.map((f) => f.id));
  throw new Error(`world-atlas lacks ${LAC.filter((n) => !found.has(n)).join(", ")}`);
}
await writeFile("dist/assets/lac.geo.json", JSON.stringify(lac));
console.log(`dist/: app, style, page and ${lac.features.length} LAC shapes (Natural Earth 1:50m via world-atlas)`);
