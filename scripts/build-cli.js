#!/usr/bin/env node
/*
 * Builds the command line once, into build/cli/backflush.cjs, which
 * bin/backflush.js runs: compiled code, as the bench measures it, instead of
 * TypeScript transpiled by tsx at every start (slower to start, and slower to
 * run: docs/benchmark.md, "How the code is loaded").
 *
 * `npm ci` and `npm install` run it as the package's `prepare` script; `npm run
 * build:cli` runs it by hand. Beside the bundle it writes inputs.json, the
 * source files it holds, so that bin/backflush.js can tell a bundle older than
 * the sources and not run it. Without esbuild (an install without dev
 * dependencies) it builds nothing and says so; bin/backflush.js then runs the
 * sources through tsx.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const OUT = path.join("build", "cli");

let bundleForNode;
try {
  require.resolve("esbuild");
  ({ bundleForNode } = require("./bundle"));
} catch {
  console.error("build-cli: esbuild is not installed (a production install?); the command line will run through tsx.");
  process.exit(0);
}
const inputs = bundleForNode(root, path.join("src", "cli", "main.ts"), path.join(OUT, "backflush.cjs"));
fs.writeFileSync(path.join(root, OUT, "inputs.json"), `${JSON.stringify(inputs, null, 1)}\n`);
