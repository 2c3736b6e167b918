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
import { buy, chairMaker, line } from "../support/build";

// The chair maker with 3,000 kg WOOD bought where 3,500 are used (negative inventory), no conversion recorded (all over-allocated),
// and a new BOM for CHAIR from 2026-11-21 (a standard change with chairs on hand): every kind of warning but an opening not booked.
const base = chairMaker();
const input: PeriodInput = {
  ...base,
  purchases: [buy("2026-11-02", "WOOD", 3000, "9000.00"), ...base.purchases.slice(1)],
  conversion: [],
  bom: [...base.bom.map((l) => (l.parent === "CHAIR" && l.component === "WOOD" ? { ...l, validTo: "2026-11-20" } : l)), { ...line("CHAIR", "WOOD", "2.6"), validFrom: "2026-11-21" }],
};
const jsonIn = (language: Language) => resultJson(runBackflush({ ...input, language }), DEFAULT_ACCOUNTS, {});
const withoutMemos = (doc: ReturnType<typeof jsonIn>) => ({ ...doc, journal: doc.journal.map(({ memo: _memo, ...rest }) => rest) });

describe("workbook: --json in every language", () => {
  const en = jsonIn("en");

  it("is the same document in Swedish and Malay but for the journal's memos", () => {
    assert.deepEqual(new Set(en.warnings.map((w) => w.code)), new Set(["negative-inventory", "no-conversion-costs", "standard-changed"]));
    for (const language of ["sv", "ms"] as const) {
      const doc = jsonIn(language);
      assert.deepEqual(withoutMemos(doc), withoutMemos(en), language);
      // The memos are the ledger's text in the run's language: the purchase of WOOD at standard, for one.
      assert.notEqual(doc.journal[0].memo, en.journal[0].memo, language);
    }
  });

  it("says warnings and findings in English, as an English run's sheets do", () => {
    const english = runBackflush({ ...input, language: "en" });
    assert.deepEqual(en.warnings.map((w) => w.message), english.warnings.map((w) => w.message));
    assert.deepEqual(en.suitability.checks.map((c) => c.message), english.suitability.checks.map((c) => c.message));
    const swedish = runBackflush({ ...input, language: "sv" });
    // The Swedish run's own words stay on its sheets; its --json says the same things in English.
    assert.match(swedish.warnings.find((w) => w.code === "no-conversion-costs")!.message, /förädlingskostnad/i);
    assert.deepEqual(swedish.warnings.map((w) => wordingOf("en").say(w.text)), english.warnings.map((w) => w.message));
    assert.match(en.suitability.checks.find((c) => c.id === "negative-inventory")!.message, /^1 item went below zero/);
  });

  it("gives each journal line its quantity beside the memo", () => {
    const wood = en.journal.find((l) => l.trigger === "purchase" && l.role === "RIP" && l.item === "WOOD")!;
    assert.equal(wood.qty, "3000");
    assert.match(wood.memo, /^3000 kg WOOD/);
    assert.equal(en.journal.find((l) => l.role === "AP")!.qty, null);
  });
});
