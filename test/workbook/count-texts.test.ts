/**
 * Texts that state a count take the catalog's plural form for it (issue: "1
 * items went below zero"): the pane's and the command line's suitability
 * finding on negative inventory, in each language.
 */
import { strict as assert } from "node:assert";
import { translator } from "../../src/i18n";
import { findingText } from "../../src/workbook/suitability-figure";

describe("workbook: counts in their plural form", () => {
  const finding = (lang: "en" | "sv" | "ms", figure: string) => findingText(translator(lang), { id: "negative-inventory", status: "caution", figure });

  it("says one item, or several items, went below zero", () => {
    assert.equal(finding("en", "1"), "1 item went below zero on the books: purchases, BOM or completions are incomplete or wrong.");
    assert.equal(finding("en", "3"), "3 items went below zero on the books: purchases, BOM or completions are incomplete or wrong.");
    assert.match(finding("sv", "1"), /^1 artikel fick negativt bokfört saldo/);
    assert.match(finding("sv", "2"), /^2 artiklar fick negativt bokfört saldo/);
    // Malay names no plural: one text for every count.
    assert.match(finding("ms", "1"), /^1 barang jatuh/);
    assert.equal(finding("ms", "2"), finding("ms", "1").replace(/^1 /, "2 "));
    // A count past a thousand is grouped the reader's way (sv: a no-break space).
    assert.match(finding("sv", "1200"), /^1\u00a0200 artiklar /);
  });

  it("says the other findings with their figure, ok or not", () => {
    assert.equal(findingText(translator("en"), { id: "negative-inventory", status: "ok", figure: "0" }), "No item went below zero on the books.");
    assert.equal(findingText(translator("sv"), { id: "raw-days", status: "caution", figure: "12.5" }), translator("sv").t("suit.raw-days.bad", { figure: "12,5" }));
  });
});
