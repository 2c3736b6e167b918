/**
 * The Closing sheet and the closing in --json (issue 18, item 4): what the
 * next period reads, on DOMAIN.md's chair maker with variances prorated
 * (test/engine/closing.test.ts works the figures out by hand).
 */
import { strict as assert } from "node:assert";
import { Dec, runBackflush } from "../../src/engine";
import { GENERATED_KINDS, renderSheets, resultJson, type SheetModel } from "../../src/workbook/render";
import { closingSheet } from "../../src/workbook/render-closing";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { chairMaker } from "../support/build";

const result = runBackflush(chairMaker({ disposition: "prorate" }));
const ctx = { when: "2026-12-01 09:30", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test" };

/** A sheet's rows as records by header, cells as text (Dec as its decimal). */
function records(sheet: SheetModel): Record<string, string | null>[] {
  return sheet.rows.map((r) => Object.fromEntries(sheet.columns.map((c, i) => [c.header, r[i] === null ? null : String(r[i] instanceof Dec ? (r[i] as Dec).toFixed(2) : r[i])])));
}

describe("workbook: the Closing sheet", () => {
  it("is written by every run, after the Run Log", () => {
    const kinds = renderSheets(result, ctx).map((s) => s.kind);
    assert.deepEqual(kinds, ["Journal", "Consumption", "Variances", "Balances", "Run Log", "Closing"]);
    assert.ok(GENERATED_KINDS.includes("Closing"));
  });

  it("records the settings the next period must agree with, then every item and account", () => {
    const rows = records(closingSheet(result));
    const setting = (key: string) => rows.find((r) => r.Section === "Setting" && r.Role === key)?.Item;
    assert.deepEqual(["Triggers", "Currency", "PeriodStart", "PeriodEnd", "Disposition", "CapitalizeConversion"].map(setting), ["purchase-completion-sale", "USD", "2026-11-01", "2026-11-30", "prorate", "no"]);
    const chair = rows.find((r) => r.Role === "FG" && r.Item === "CHAIR")!;
    // 2,330.00 at standard (1,330.00 material, 1,000.00 conversion) + 77.03 prorated.
    assert.deepEqual([chair.Section, chair.Quantity, chair.Value, chair["Material content"], chair["Conversion content"], chair["Variance in it"], chair["Carried forward"]], ["Goods", "100.00", "2407.03", "1330.00", "1000.00", "77.03", "yes"]);
    const cogs = rows.find((r) => r.Role === "COGS" && r.Item === "CHAIR")!;
    assert.deepEqual([cogs.Section, cogs.Value, cogs["Carried forward"]], ["Account", "20970.00", "no"]);
  });

  it("speaks the run's language, the codes staying the contract's", () => {
    const sv = closingSheet(result, "sv");
    assert.deepEqual(sv.columns.slice(0, 4).map((c) => c.header), ["Avsnitt", "Roll", "Artikel", "Kvantitet"]);
    assert.deepEqual(sv.rows[0].slice(0, 3), ["Inställning", "Triggers", "purchase-completion-sale"]);
    assert.equal(closingSheet(result, "ms").rows.find((r) => r[1] === "FG")![0], "Barangan");
  });

  it("is in --json as exact decimal strings", () => {
    const json = resultJson(result, DEFAULT_ACCOUNTS, {});
    const chair = json.closing.find((l) => l.role === "FG" && l.item === "CHAIR")!;
    assert.deepEqual(chair, { kind: "goods", role: "FG", item: "CHAIR", qty: "100", value: "2407.03", material: "1330.00", conversion: "1000.00", variance: "77.03", unitMaterial: "13.3", unitConversion: "10", carried: true });
  });
});
