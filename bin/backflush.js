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

/** Why the bundle cannot be run ("missing", "older", "unchecked": the notice's words for it, src/i18n), or undefined when it can. */
function bundleProblem() {
  let built;
  try {
    built = fs.statSync(path.join(build, "backflush.cjs")).mtimeMs;
  } catch {
    return "missing";
  }
  try {
    const inputs = JSON.parse(fs.readFileSync(path.join(build, "inputs.json"), "utf8"));
    if (inputs.some((file) => fs.statSync(path.join(root, file)).mtimeMs > built)) return "older";
  } catch {
    return "unchecked";
  }
  return undefined;
}

const problem = bundleProblem();
if (problem === undefined) {
  require(path.join(build, "backflush.cjs")).runFromProcess();
} else {
  require("tsx/cjs");
  const main = require(path.join(root, "src", "cli", "main.ts"));
  // Said in the language of the user's locale, as the command's own words are.
  const { translator } = require(path.join(root, "src", "i18n", "index.ts"));
  const t = translator(main.localeLanguage(process.env));
  process.stderr.write(`${t.t("cli.launcher.notice", { state: t.t(`cli.launcher.state.${problem}`) })}\n`);
  main.runFromProcess();
}
