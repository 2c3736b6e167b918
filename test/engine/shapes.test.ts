import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { exemplarInput } from "../../src/engine/exemplar";
import { KEEP_SHAPES_FROM_ROWS, runBackflush } from "../../src/engine/run";
import { keepShapes, keptShapes } from "../../src/engine/shapes";
import { TRIGGER_SEQUENCES, type BackflushResult, type Disposition } from "../../src/engine/types";
import { readInput } from "../../src/workbook/parse";
import { generatePlant, rawTablesOf } from "../../src/sample";
import { unbalancedEntries } from "../support/ledger-views";

const DISPOSITIONS: readonly Disposition[] = ["cogs", "prorate"];
/** Two, none and three decimals. */
const CURRENCIES = ["SEK", "JPY", "BHD"] as const;

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
        for (const currency of CURRENCIES) {
          const result = runBackflush(exemplarInput({ sequence, currency, disposition }));
          assert.ok(result.journal.length > 3, `${currency}: entries posted`);
          assert.ok(result.consumption.length > 0, `${currency}: materials consumed`);
          assert.ok(result.variances.length > 0, `${currency}: variances found`);
          assert.deepEqual(unbalancedEntries(result), [], currency);
        }
      });
    }
  }

  it("a run of a full plant keeps a run of the exemplar afterwards; the caller's result is its own and reads the same after it", () => {
    const tables = rawTablesOf(generatePlant({ completionRows: KEEP_SHAPES_FROM_ROWS, salesRows: 500, purchaseRows: 300, sequence: "completion-sale" }));
    const read = () => {
      const r = readInput(tables);
      assert.ok(r.input, r.problems[0]?.message);
      return r.input;
    };
    keepShapes("period run", []);
    const result = runBackflush(read());
    const kept = keptShapes("period run");
    assert.equal(kept?.length, 2);
    const keptResult = kept[1] as BackflushResult;
    assert.notEqual(keptResult, result);
    assert.equal(keptResult.settings.sequence, "completion-sale");
    assert.equal(keptResult.settings.periodStart, "2000-01-01");
    // Read only now, after the exemplar ran: the same as a run read at once.
    const fresh = runBackflush(read());
    assert.equal(JSON.stringify(result), JSON.stringify(fresh));
  });

  it("a small run keeps nothing new: the exemplar would cost more than it saves", () => {
    keepShapes("period run", []);
    const input = exemplarInput({ sequence: "sale", currency: "USD", disposition: "cogs" });
    runBackflush(input);
    assert.deepEqual(keptShapes("period run"), []);
  });

  for (const sequence of TRIGGER_SEQUENCES) {
    it(`a rerun after a full collection keeps the code the run before optimized (no 'weak objects' deoptimization): ${sequence}`, function () {
      this.timeout(120_000);
      const root = path.join(__dirname, "..", "..");
      const child = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", "--trace-opt", "--trace-deopt", path.join(root, "test", "support", "rerun.ts"), sequence], { cwd: root, encoding: "utf8", timeout: 100_000, maxBuffer: 64 * 1024 * 1024 });
      assert.equal(child.status, 0, `status ${child.status}, signal ${child.signal}, ${child.error?.message ?? ""}\n${child.stderr}`);
      const out = child.stdout;
      const measured = out.indexOf("measured\n");
      assert.ok(measured >= 0, out.slice(-2000));
      assert.match(out.slice(measured), /^run 3: \d+ entries$/m);
      assert.match(out.slice(measured), /^done$/m, "the child did not finish its last collection");
      // The trace must be on and worded as counted below: the first run's loops get optimized, and the generator's code is thrown away when its objects are collected.
      const before = out.slice(0, measured);
      assert.match(before, /completed optimizing/, "the child printed no optimization trace");
      assert.match(before, /reason: weak objects/, "the child printed no weak-objects deoptimization at all: has V8's wording changed?");
      const thrownAway = out
        .slice(measured)
        .split("\n")
        .filter((l) => l.includes("reason: weak objects"))
        .map((l) => /SharedFunctionInfo ([^>]*)>/.exec(l)?.[1] ?? l);
      assert.deepEqual(thrownAway, [], `optimized code thrown away after a collection: ${thrownAway.join(", ")}`);
    });
  }
});
