#!/usr/bin/env node
/*
 * `npm run bench:phases -- FILE.xlsx`: bundles bench/phases.ts as scripts/bench.js
 * bundles the bench (the code as the command line runs it) and runs it on FILE.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { bundleForNode } = require("./bundle");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "node_modules", ".cache", "backflush-bench", "phases.cjs");
bundleForNode(root, path.join("bench", "phases.ts"), path.relative(root, outfile));
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2).map((a) => path.resolve(process.cwd(), a))], { cwd: root, stdio: "inherit" });
process.exit(r.status === null ? 1 : r.status);
