#!/usr/bin/env node
/*
 * The `backflush` command. It runs the command line as built once by
 * scripts/build-cli.js (build/cli/backflush.cjs, made by the `prepare` script
 * that `npm ci` and `npm install` run). When that bundle is missing, or older
 * than a source file it was built from, it says so in one line on stderr and
 * runs the TypeScript (src/cli/main.ts) through tsx instead, which works
 * without a build but starts and runs slower.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const build = path.join(root, "build", "cli");

/** Why the bundle cannot be run, or undefined when it can. */
function bundleProblem() {
  let built;
  try {
    built = fs.statSync(path.join(build, "backflush.cjs")).mtimeMs;
  } catch {
    return "is missing";
  }
  try {
    const inputs = JSON.parse(fs.readFileSync(path.join(build, "inputs.json"), "utf8"));
    if (inputs.some((file) => fs.statSync(path.join(root, file)).mtimeMs > built)) return "is older than the sources";
  } catch {
    return "cannot be checked against the sources";
  }
  return undefined;
}

const problem = bundleProblem();
if (problem === undefined) {
  require(path.join(build, "backflush.cjs")).runFromProcess();
} else {
  process.stderr.write(`backflush: the built command line (build/cli) ${problem}; running the TypeScript through tsx, which is slower. Build it with: npm run build:cli\n`);
  require("tsx/cjs");
  require(path.join(root, "src", "cli", "main.ts")).runFromProcess();
}
