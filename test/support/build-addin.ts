/**
 * One production build of the add-in per test process, into a temporary
 * folder (never dist/, so it cannot race `npm run build`). Every suite that
 * needs the built files awaits `productionBuild()`; the first call builds,
 * the others share its result. The folder goes when the process ends.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpack from "webpack";
import { projectRoot } from "./root";

const ROOT = projectRoot();

let building: Promise<string> | undefined;

async function build(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), "backflush-addin-"));
  process.once("exit", () => rmSync(dist, { recursive: true, force: true }));
  const makeConfig = require(join(ROOT, "webpack.config.js")) as (env: Record<string, unknown>, argv: { mode: string }) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode: "production" });
  config.output = { ...config.output, path: dist };
  config.infrastructureLogging = { level: "error" };
  const stats = await new Promise<webpack.Stats>((done, fail) => {
    const compiler = webpack(config);
    compiler.run((err, result) => {
      compiler.close(() => (err || !result ? fail(err ?? new Error("webpack gave no stats")) : done(result)));
    });
  });
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  return dist;
}

/** The folder holding the production build (taskpane.html, the bundles, the manifest…). */
export function productionBuild(): Promise<string> {
  building ??= build();
  return building;
}
