/*
 * One esbuild bundle of our TypeScript for Node, as the command line and the
 * bench run it: our modules in one scope, compiled once, packages (ExcelJS,
 * decimal.js, …) left outside and loaded from node_modules as usual.
 * Used by scripts/build-cli.js and scripts/bench.js.
 */
"use strict";
const path = require("node:path");

/** Bundles `entry` into `outfile`; returns the source files it holds, relative to `root`. */
function bundleForNode(root, entry, outfile) {
  // Required here, not at the top: esbuild is a devDependency, and a caller may want to say so when it is missing.
  const esbuild = require("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: path.join(root, outfile),
    metafile: true,
    logLevel: "warning",
  });
  return Object.keys(result.metafile.inputs).sort();
}

module.exports = { bundleForNode };
