/**
 * --json is the same document in every language (docs/cli.md): warnings' and
 * suitability findings' messages are English whatever the run's language, as
 * problems' are; only the journal's memos, the ledger's own text, follow the
 * run's language, and each line carries its figures beside the memo.
 */
import { strict as assert } from "node:assert";
import { runBackflush, type PeriodInput } from "../../src/engine";
import { wordingOf } from "../../src/engine/wording";
import type { Language } from "../../src/i18n";
import { resultJson } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { buy, chairMaker, line, stock } from "../support/build";

// The chair maker with 3,000 kg WOOD bought where 3,500 are used (negative inventory), no conversion recorded (all over-allocated),
// and a new BOM for CHAIR from 2026-11-21 (a standard change with chairs on hand).
const base = chairMaker();
const input: PeriodInput = {
  ...base,
  purchases: [buy("2026-11-02", "WOOD", 3000, "9000.00"), ...base.purchases.slice(1)],
  conversion: [],
  bom: [...base.bom.map((l) => (l.parent === "CHAIR" && l.component === "WOOD" ? { ...l, validTo: "2026-11-20" } : l)), { ...line("CHAIR", "WOOD", "2.6"), validFrom: "2026-11-21" }],
};
// Purchase, sale with 50 CHAIR opening and its Count blank while the materials are counted: goods not counted (engine/sequences.test.ts).
const purchaseSale = chairMaker({ sequence: "purchase-sale" });
const uncounted: PeriodInput = { ...purchaseSale, inventory: [...(purchaseSale.inventory ?? []), stock("CHAIR", 50)] };
// Completion, sale with 100 kg WOOD opening: materials are off the books there, so the opening is not booked.
const completionSale = chairMaker({ sequence: "completion-sale" });
const unbooked: PeriodInput = { ...completionSale, inventory: (completionSale.inventory ?? []).map((s) => (s.item === "WOOD" ? stock("WOOD", 100, 480) : s)) };
// Between them, every kind of warning.
const cases = { input, uncounted, unbooked };

const jsonOf = (period: PeriodInput, language: Language) => resultJson(runBackflush({ ...period, language }), DEFAULT_ACCOUNTS, {});
const jsonIn = (language: Language) => jsonOf(input, language);
const withoutMemos = (doc: ReturnType<typeof jsonIn>) => ({ ...doc, journal: doc.journal.map(({ memo: _memo, ...rest }) => rest) });

describe("workbook: --json in every language", () => {
  const en = jsonIn("en");

  it("is the same document in Swedish and Malay but for the journal's memos", () => {
    const codes = Object.values(cases).flatMap((period) => jsonOf(period, "en").warnings.map((w) => w.code));
    assert.deepEqual(new Set(codes), new Set(["negative-inventory", "no-conversion-costs", "standard-changed", "goods-not-counted", "opening-not-booked"]));
    for (const [name, period] of Object.entries(cases)) {
      const english = jsonOf(period, "en");
      for (const language of ["sv", "ms"] as const) {
        const doc = jsonOf(period, language);
        assert.deepEqual(withoutMemos(doc), withoutMemos(english), `${name} ${language}`);
        // The memos are the ledger's text in the run's language: the first entry's, for one.
        assert.notEqual(doc.journal[0].memo, english.journal[0].memo, `${name} ${language}`);
      }
    }
  });

  it("says a Swedish or Malay run's warnings and findings in English, as an English run's sheets do", () => {
    for (const [name, period] of Object.entries(cases)) {
      const english = runBackflush({ ...period, language: "en" });
      for (const language of ["sv", "ms"] as const) {
        const run = runBackflush({ ...period, language });
        const doc = resultJson(run, DEFAULT_ACCOUNTS, {});
        // The run's own words stay on its sheets, and differ from English: the comparison below could fail.
        for (const [i, w] of run.warnings.entries()) assert.notEqual(w.message, english.warnings[i].message, `${name} ${language} ${w.code}`);
        assert.deepEqual(doc.warnings.map((w) => w.message), english.warnings.map((w) => w.message), `${name} ${language}`);
        assert.deepEqual(doc.suitability.checks.map((c) => c.message), english.suitability.checks.map((c) => c.message), `${name} ${language}`);
        assert.deepEqual(run.warnings.map((w) => wordingOf("en").say(w.text)), english.warnings.map((w) => w.message), `${name} ${language}`);
      }
    }
    assert.match(jsonOf(input, "sv").suitability.checks.find((c) => c.id === "negative-inventory")!.message, /^1 item went below zero/);
    assert.match(jsonOf(uncounted, "ms").warnings.find((w) => w.code === "goods-not-counted")!.message, /^"CHAIR" was not counted \(its Count is blank\)/);
    assert.match(jsonOf(unbooked, "sv").warnings.find((w) => w.code === "opening-not-booked")!.message, /with triggers "completion, sale"/);
  });

  it("gives each journal line its quantity beside the memo", () => {
    const wood = en.journal.find((l) => l.trigger === "purchase" && l.role === "RIP" && l.item === "WOOD")!;
    assert.equal(wood.qty, "3000");
    assert.match(wood.memo, /^3000 kg WOOD/);
    assert.equal(en.journal.find((l) => l.role === "AP")!.qty, null);
  });
});
