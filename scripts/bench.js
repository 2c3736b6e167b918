#!/usr/bin/env node
/*
 * `npm run bench`: bundles bench/run.ts with esbuild and runs the bundle, so
 * the engine is measured as the add-in runs it: the task pane's engine worker
 * is one webpack bundle, our modules in one scope. Packages (ExcelJS,
 * decimal.js, …) stay outside the bundle and load as usual.
 *
 * Why not through tsx, as the other scripts run: tsx's on-the-fly transform
 * keeps every function's name by wrapping it, and calls between modules go
 * through export getters; the same engine measured ≈ 20–40 % slower that way
 * (docs/benchmark.md, "How the code is loaded"). `npm run bench:tsx` still
 * runs it through tsx, for comparison.
 *
 * Arguments are the bench's own (`npm run bench -- --case engine`).
 */
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { bundleForNode } = require("./bundle");

const root = path.resolve(__dirname, "..");
// Inside node_modules, so that the bundle finds the packages it leaves out.
const outfile = path.join(root, "node_modules", ".cache", "backflush-bench", "run.cjs");

bundleForNode(root, path.join("bench", "run.ts"), path.relative(root, outfile));
// The cli case runs `backflush` as a user does, which runs build/cli's bundle only while it is as new as the sources (and
// else the TypeScript through tsx, some two to three times slower): built here, so the bench never times a stale build.
const built = spawnSync(process.execPath, [path.join(__dirname, "build-cli.js")], { cwd: root, stdio: "inherit" });
if (built.status !== 0) {
  console.error("bench: could not build the command line (scripts/build-cli.js)");
  process.exit(1);
}

const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", outfile, ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env: { ...process.env, BACKFLUSH_BENCH_LOADER: "bundle" } });
if (r.error) console.error(`bench: could not start node: ${r.error.message}`);
else if (r.signal) console.error(`bench: the bench was stopped by ${r.signal}`);
process.exit(r.status === null ? 1 : r.status);
