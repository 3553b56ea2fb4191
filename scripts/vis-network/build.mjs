// Makes the vis-network build kg's explorer page in-lines, from the versions pinned in
// package-lock.json: one minified script (vis-network's esnext build with vis-data and its
// other peers bundled, no polyfills) defining the global `vis` with `Network` and `DataSet`,
// and vis-network's style sheet without the rules of parts the page never turns on (the
// editing toolbar, the configurator, the colour picker). Run by build.sh, which names the output folder.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

if (!process.argv[2]) throw new Error("usage: node build.mjs OUTPUT_FOLDER");
const out = pathToFileURL(process.argv[2].replace(/\/?$/, "/"));

const result = await build({
  stdin: {
    contents:
      'export { Network } from "vis-network/esnext/esm/vis-network.js";\n' +
      'export { DataSet } from "vis-data/esnext/esm/vis-data.js";\n',
    resolveDir: new URL(".", import.meta.url).pathname,
  },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "vis",
  target: "es2020",
  legalComments: "eof", // the licence headers of vis-network, vis-data, vis-util and Hammer.js
  outfile: new URL("vis-network.min.js", out).pathname,
  metafile: true,
});

// The licence texts of every package the script bundles (vis-network, vis-data, vis-util and
// keycharm are dual licensed Apache-2.0 / MIT; the others MIT).
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const texts = [];
for (const name of [...packages].sort()) {
  const folder = `node_modules/${name}`;
  const { version, license } = JSON.parse(readFileSync(`${folder}/package.json`, "utf8"));
  texts.push(`${"=".repeat(72)}\n${name} ${version}, licence: ${license}\n${"=".repeat(72)}\n`);
  for (const file of readdirSync(folder).filter((f) => /^licen[cs]e/i.test(f)).sort()) {
    texts.push(`--- ${file}\n\n${readFileSync(`${folder}/${file}`, "utf8").trim()}\n\n`);
  }
}
writeFileSync(new URL("vis-network.LICENSES.txt", out), texts.join(""));

const unused = /\.vis-(manipulation|edit|edit-mode|close|config[a-z-]*|color-picker)\b/;
const css = readFileSync("node_modules/vis-network/styles/vis-network.min.css", "utf8");
if (css.includes("@")) throw new Error("vis-network.min.css has at-rules: the filter below does not read them");
const rules = [];
for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
  const kept = selectors.split(",").filter((s) => !unused.test(s));
  if (kept.length) rules.push(`${kept.join(",")}{${body}}`);
}
const header = "/* vis-network 9.1.9 styles (https://github.com/visjs/vis-network), dual licensed Apache-2.0 / MIT; see vis-network.LICENSES.txt. */\n";
writeFileSync(new URL("vis-network.min.css", out), header + rules.join("") + "\n");

for (const name of ["vis-network.min.js", "vis-network.min.css", "vis-network.LICENSES.txt"]) {
  const digest = createHash("sha256").update(readFileSync(new URL(name, out))).digest("hex");
  console.log(`${digest}  ${name}`);
}
