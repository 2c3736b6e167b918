#!/usr/bin/env node
/*
 * The one test command (`npm test`), the same one .ci/run calls:
 * type-check the whole project, then run every mocha suite. The last line of
 * output is the plain summary "N passed, N failed" (see test/summary-reporter.js).
 */
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  return r.status === null ? 1 : r.status;
}

console.log("Type-checking (tsc --noEmit) …");
if (run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]) !== 0) {
  console.log("Type-check failed.");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
// With no arguments, every suite; with arguments (files or globs), just those.
const args = process.argv.slice(2);
const spec = args.some((a) => !a.startsWith("-")) ? [] : ["test/**/*.test.ts"];
process.exit(run(bin("mocha"), [...spec, ...args]));
