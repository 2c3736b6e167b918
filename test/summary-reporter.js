/*
 * Mocha's spec reporter, plus one plain closing line "N passed, N failed"
 * (", N skipped" when any are pending) that CI reads.
 */
"use strict";
const Mocha = require("mocha");
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
      const skipped = s.pending ? `, ${s.pending} skipped` : "";
      // After the spec reporter's own epilogue, which mocha prints on the same event.
      setImmediate(() => process.stdout.write(`${s.passes} passed, ${s.failures} failed${skipped}\n`));
    });
  }
}
module.exports = SummaryReporter;
