import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { exemplarInput } from "../../src/engine/exemplar";
import { ZERO } from "../../src/engine/money";
import { runBackflush } from "../../src/engine/run";
import { keepShapes, keptShapes } from "../../src/engine/shapes";
import { TRIGGER_SEQUENCES, type BackflushResult, type Disposition } from "../../src/engine/types";
import "../../src/workbook/parse";

const DISPOSITIONS: readonly Disposition[] = ["cogs", "prorate"];

function balanced(result: BackflushResult): void {
  for (const e of result.journal) {
    const debit = e.lines.reduce((a, l) => a.plus(l.debit), ZERO);
    const credit = e.lines.reduce((a, l) => a.plus(l.credit), ZERO);
    assert.ok(debit.equals(credit), `entry ${e.entry} (${e.description}): ${debit.toString()} ≠ ${credit.toString()}`);
  }
}

describe("shapes kept between runs", () => {
  it("keeps one set of exemplars per owner, the latest", () => {
    const first = [{ a: 1 }];
    const second = [{ b: 2 }];
    keepShapes("test owner", first);
    assert.equal(keptShapes("test owner"), first);
    keepShapes("test owner", second);
    assert.equal(keptShapes("test owner"), second);
    assert.equal(keptShapes("nobody"), undefined);
  });

  it("the movement books and the table reader keep theirs when loaded", () => {
    assert.equal(keptShapes("movement books")?.length, 5);
    assert.equal(keptShapes("table reader")?.length, 1);
  });

  for (const sequence of TRIGGER_SEQUENCES) {
    for (const disposition of DISPOSITIONS) {
      it(`the exemplar plant runs cleanly, every entry balanced: ${sequence}, ${disposition}`, () => {
        const result = runBackflush(exemplarInput({ sequence, currency: "SEK", disposition }));
        assert.ok(result.journal.length > 3, "entries posted");
        assert.ok(result.consumption.length > 0, "materials consumed");
        assert.ok(result.variances.length > 0, "variances found");
        balanced(result);
      });
    }
  }

  it("a run keeps a run of the exemplar plant afterwards, with the run's sequence, and hands back its own result", () => {
    const input = exemplarInput({ sequence: "completion-sale", currency: "USD", disposition: "cogs" });
    input.settings.periodStart = "2000-01-02";
    const result = runBackflush(input);
    const kept = keptShapes("period run");
    assert.ok(kept !== undefined && kept.length === 2);
    const keptResult = kept[1] as BackflushResult;
    assert.notEqual(keptResult, result);
    assert.equal(keptResult.settings.sequence, "completion-sale");
    assert.equal(keptResult.settings.periodStart, "2000-01-01");
    assert.equal(result.settings.periodStart, "2000-01-02");
  });

  it("a rerun after a full collection keeps the code the run before optimized (no 'weak objects' deoptimization)", function () {
    this.timeout(60_000);
    const root = path.join(__dirname, "..", "..");
    const child = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", "--trace-opt", "--trace-deopt", path.join(root, "test", "support", "rerun.ts")], { cwd: root, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(child.status, 0, child.stderr);
    const out = child.stdout;
    const measured = out.indexOf("measured\n");
    assert.ok(measured >= 0, out.slice(-2000));
    assert.match(out.slice(measured), /run 3: \d+ entries/);
    // The trace must be on for the count below to mean anything: the first run's loops get optimized.
    assert.match(out.slice(0, measured), /completed optimizing/, "the child printed no optimization trace");
    const thrownAway = out
      .slice(measured)
      .split("\n")
      .filter((l) => l.includes("reason: weak objects"))
      .map((l) => /SharedFunctionInfo ([^>]*)>/.exec(l)?.[1] ?? l);
    assert.deepEqual(thrownAway, [], `optimized code thrown away after a collection: ${thrownAway.join(", ")}`);
  });
});
