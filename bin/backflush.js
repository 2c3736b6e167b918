#!/usr/bin/env node
/*
 * The `backflush` command: runs the TypeScript command line (src/cli/main.ts)
 * through tsx, a runtime dependency, so `npx backflush …` works from a clone
 * without a build step.
 */
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts").runFromProcess();
