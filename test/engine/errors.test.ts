/**
 * Every data problem the engine detects: each comes as a BackflushDataError
 * whose issues name the table, the row and the field; all problems are
 * reported at once; and bad data never makes the engine throw anything else.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { BackflushDataError, Dec, checkStructure, explode, runBackflush, standardCosts } from "../../src/engine";
import type { DataIssue, IssueCode, IssueLocation, ItemType, PeriodInput, Settings } from "../../src/engine";
import { assembly, buy, chairMaker, conv, line, material, move, phantom, stock } from "../support/build";

/** Which codes the engine itself detects; the others belong to the adapters that read cells. */
const DETECTED_BY: Record<IssueCode, "engine" | "adapter"> = {
  "missing-table": "adapter",
  "missing-column": "adapter",
  "blank-row": "adapter",
  "outside-table": "adapter",
  "found-twice": "adapter",
  "not-text": "adapter",
  "cell-error": "adapter",
  required: "adapter",
  "duplicate-row": "engine",
  "duplicate-key": "engine",
  "not-a-number": "engine",
  "not-a-date": "engine",
  "not-positive": "engine",
  negative: "engine",
  "scrap-range": "engine",
  "unknown-item": "engine",
  "unknown-value": "engine",
  "wrong-item-type": "engine",
  "bom-loop": "engine",
  "no-bom": "engine",
  "no-valid-bom": "engine",
  "no-price": "engine",
  "material-has-bom": "engine",
  "date-outside-period": "engine",
  "date-order": "engine",
  "nothing-to-cost": "engine",
  "too-large": "engine",
  "not-a-code": "adapter",
  "bom-too-deep": "engine",
  "no-items": "engine",
  "below-conversion": "engine",
  "previous-mismatch": "adapter",
};
const seen = new Set<IssueCode>();

/** Runs `f`, which must throw a BackflushDataError; returns its issues. */
function issuesOf(f: () => unknown): readonly DataIssue[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof BackflushDataError, `expected BackflushDataError, got ${String(e)}`);
    assert.ok(e.issues.length > 0);
    assert.match(e.message, /^\d+ problems? in the data: /);
    for (const i of e.issues) seen.add(i.code);
    return e.issues;
  }
  assert.fail("no BackflushDataError was thrown");
}

/** The one issue with `code`, at exactly `at`. */
function expectIssue(issues: readonly DataIssue[], code: IssueCode, at: IssueLocation): DataIssue {
  const found = issues.filter((i) => i.code === code && i.at?.table === at.table && i.at?.row === at.row && i.at?.field === at.field);
  assert.equal(found.length, 1, `${code} at ${JSON.stringify(at)}; got ${JSON.stringify(issues.map((i) => [i.code, i.at, i.message]))}`);
  assert.ok(found[0].message.length > 0);
  return found[0];
}

type Mutable<T> = { -readonly [K in keyof T]-?: NonNullable<T[K]> extends readonly (infer U)[] ? U[] : T[K] };
/** The chair maker, with arrays the test may change. */
const chairs = (over: Partial<Settings> = {}): Mutable<PeriodInput> => {
  const p = chairMaker(over);
  return { ...p, items: [...p.items], bom: [...p.bom], completions: [...p.completions], sales: [...p.sales], purchases: [...p.purchases], conversion: [...p.conversion], inventory: [...(p.inventory ?? [])], broughtForward: [] };
};

describe("engine errors: Settings", () => {
  it("unknown trigger sequence and disposition (unknown-value), bad and reversed period dates", () => {
    const issues = issuesOf(() => runBackflush(chairs({ sequence: "weekly" as never, disposition: "expense" as never })));
    expectIssue(issues, "unknown-value", { table: "Settings", field: "Triggers" });
    expectIssue(issues, "unknown-value", { table: "Settings", field: "Disposition" });
    const dates = issuesOf(() => runBackflush(chairs({ periodStart: "2026-11-31" })));
    assert.match(expectIssue(dates, "not-a-date", { table: "Settings", field: "PeriodStart" }).message, /"2026-11-31" is not a date/);
    const order = issuesOf(() => runBackflush(chairs({ periodStart: "2026-12-01", periodEnd: "2026-11-30" })));
    expectIssue(order, "date-order", { table: "Settings", field: "PeriodEnd" });
  });
});

describe("engine errors: Items", () => {
  it("listed twice (duplicate-key), no price, negative or non-numeric standards, unknown type", () => {
    const p = chairs();
    const twice = material("WOOD", "3.10");
    const noPrice: (typeof p.items)[number] = { item: "GLUE", type: "material", row: 90 };
    const negPrice = material("NAIL", "-0.01");
    const negConv = assembly("STOOL", "-1");
    const nanConv = assembly("BENCH", NaN);
    const oddType = { item: "X", type: "widget" as ItemType, row: 91 };
    p.items.push(twice, noPrice, negPrice, negConv, nanConv, oddType);
    p.bom.push(line("STOOL", "WOOD", 1), line("BENCH", "WOOD", 1));
    const issues = issuesOf(() => runBackflush(p));
    assert.match(expectIssue(issues, "duplicate-key", { table: "Items", row: twice.row, field: "Item" }).message, /"WOOD" is listed twice/);
    expectIssue(issues, "no-price", { table: "Items", row: 90, field: "StdPrice" });
    expectIssue(issues, "negative", { table: "Items", row: negPrice.row, field: "StdPrice" });
    expectIssue(issues, "negative", { table: "Items", row: negConv.row, field: "StdConversion" });
    expectIssue(issues, "not-a-number", { table: "Items", row: nanConv.row, field: "StdConversion" });
    assert.match(expectIssue(issues, "unknown-value", { table: "Items", row: 91, field: "Type" }).message, /"widget"/);
  });

  it("an assembly or phantom without BOM lines (no-bom)", () => {
    const p = chairs();
    const lonely = assembly("TABLE", 1);
    const ghost = phantom("KIT");
    p.items.push(lonely, ghost);
    const issues = issuesOf(() => runBackflush(p));
    assert.match(expectIssue(issues, "no-bom", { table: "Items", row: lonely.row, field: "Item" }).message, /Assembly "TABLE" has no lines in BOM/);
    assert.match(expectIssue(issues, "no-bom", { table: "Items", row: ghost.row, field: "Item" }).message, /Phantom "KIT"/);
  });
});

describe("engine errors: BOM", () => {
  it("unknown parent and component, a material as parent, quantity and scrap out of range, bad dates, overlaps", () => {
    const p = chairs();
    const unknownParent = line("SOFA", "WOOD", 1);
    const unknownComponent = line("CHAIR", "GLUE", 1);
    const materialParent = line("WOOD", "SCREW", 1);
    const zeroQty = line("SEAT", "SCREW", 0);
    p.bom.splice(2, 1); // SEAT's own SCREW line, replaced by zeroQty
    const scrap5 = line("CHAIR", "FABRIC", 1, 5);
    const negScrap = line("SEAT", "FABRIC", "0.1", "-0.05", "2027-01-01");
    const badFrom = line("CHAIR", "WOOD", 1, 0, "soon");
    const reversed = line("SEAT", "WOOD", 1, 0, "2026-12-01", "2026-11-01");
    const overlap = line("CHAIR", "SCREW", 10, 0, "2026-11-15");
    p.bom.push(unknownParent, unknownComponent, materialParent, zeroQty, scrap5, negScrap, badFrom, reversed, overlap);
    const issues = issuesOf(() => runBackflush(p));
    expectIssue(issues, "unknown-item", { table: "BOM", row: unknownParent.row, field: "Parent" });
    expectIssue(issues, "unknown-item", { table: "BOM", row: unknownComponent.row, field: "Component" });
    assert.match(expectIssue(issues, "material-has-bom", { table: "BOM", row: materialParent.row, field: "Parent" }).message, /"WOOD" is a material/);
    expectIssue(issues, "not-positive", { table: "BOM", row: zeroQty.row, field: "QtyPer" });
    assert.match(expectIssue(issues, "scrap-range", { table: "BOM", row: scrap5.row, field: "Scrap" }).message, /Scrap 5 means 500 %/);
    assert.match(expectIssue(issues, "scrap-range", { table: "BOM", row: negScrap.row, field: "Scrap" }).message, /-5 %/);
    expectIssue(issues, "not-a-date", { table: "BOM", row: badFrom.row, field: "ValidFrom" });
    expectIssue(issues, "date-order", { table: "BOM", row: reversed.row, field: "ValidTo" });
    // CHAIR → SCREW is already listed (row of the undated line) and the new line from 2026-11-15 overlaps it.
    assert.match(expectIssue(issues, "duplicate-key", { table: "BOM", row: overlap.row, field: "Component" }).message, /"CHAIR" → "SCREW" is already listed on row \d+ for overlapping dates/);
  });

  it("scrap of 1 (100 %) is out of range; 0.99 is not", () => {
    const p = chairs();
    const full = line("CHAIR", "FABRIC", 1, 1);
    p.bom.push(full);
    expectIssue(issuesOf(() => runBackflush(p)), "scrap-range", { table: "BOM", row: full.row, field: "Scrap" });
    const q = chairs();
    q.bom.push(line("CHAIR", "FABRIC", 1, "0.99"));
    assert.doesNotThrow(() => runBackflush(q));
  });

  it("the same pair in disjoint date ranges is not a duplicate", () => {
    const p = chairs();
    p.bom.splice(5, 1); // CHAIR → SCREW 12, undated
    p.bom.push(line("CHAIR", "SCREW", 12, 0, undefined, "2026-11-14"), line("CHAIR", "SCREW", 10, 0, "2026-11-15"));
    assert.doesNotThrow(() => runBackflush(p));
  });

  it("a loop is reported with its path, A → B → A, at the line that closes it", () => {
    const items = [material("M", 1), assembly("A"), assembly("B")];
    const closing = line("B", "A", 1);
    const issues = issuesOf(() => checkStructure(items, [line("A", "B", 1), line("A", "M", 1), closing]));
    const loop = expectIssue(issues, "bom-loop", { table: "BOM", row: closing.row, field: "Component" });
    assert.equal(loop.message, "The BOM loops: A → B → A");
    assert.equal(loop.params?.path, "A → B → A");
  });

  it("loops are found on the whole graph, whatever the dates of their lines", () => {
    // A needs B only in November, B needs A only in December: never both on one day, still a loop.
    const items = [material("M", 1), assembly("A"), assembly("B")];
    const bom = [line("A", "M", 1), line("A", "B", 1, 0, "2026-11-01", "2026-11-30"), line("B", "M", 1), line("B", "A", 1, 0, "2026-12-01", "2026-12-31")];
    assert.ok(issuesOf(() => checkStructure(items, bom)).some((i) => i.code === "bom-loop" && i.message.endsWith("A → B → A")));
  });

  it("a self-loop and a longer loop through a phantom are both reported", () => {
    const items = [material("M", 1), assembly("A"), phantom("P"), assembly("C"), assembly("S")];
    const bom = [line("A", "P", 1), line("P", "C", 1), line("C", "A", 1), line("C", "M", 1), line("S", "S", 1), line("S", "M", 1)];
    const loops = issuesOf(() => checkStructure(items, bom)).filter((i) => i.code === "bom-loop").map((i) => i.message);
    assert.deepEqual(loops.sort(), ["The BOM loops: A → P → C → A", "The BOM loops: S → S"]);
  });
});

describe("engine errors: deep BOMs", () => {
  /** A chain of `levels` BOM lines: L0 → L1 → … → WOOD, and `completed` units of L0 made and sold. */
  const chain = (levels: number) => {
    const items = [...Array.from({ length: levels }, (_, i) => assembly(`L${i}`, "0.01")), material("WOOD", 3)];
    const bom = Array.from({ length: levels }, (_, i) => line(`L${i}`, i + 1 < levels ? `L${i + 1}` : "WOOD", 1));
    const input: PeriodInput = { items, bom, completions: [move("2026-11-10", "L0", 2)], sales: [move("2026-11-20", "L0", 2)], purchases: [buy("2026-11-02", "WOOD", 2, 6)], conversion: [conv("2026-11-30", 10)], settings: { sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs" } };
    return input;
  };

  it("costs a BOM of MAX_BOM_LEVELS (500) levels", () => {
    const r = runBackflush(chain(500));
    // L0's standard: 3.00 of WOOD + 500 levels × 0.01 conversion = 8.00 a unit; 2 completed.
    const fg = r.journal.flatMap((e) => e.lines).find((l) => l.role === "FG" && l.debit.isPositive())!;
    assert.equal(fg.debit.toFixed(2), "16.00");
  });

  it("refuses a BOM of 501 or 3,000 levels (bom-too-deep) at the line past the limit, with the path, in every entry point", () => {
    for (const levels of [501, 3000]) {
      const input = chain(levels);
      const issues = issuesOf(() => runBackflush(input));
      const deep = expectIssue(issues, "bom-too-deep", { table: "BOM", row: input.bom[500].row, field: "Component" });
      assert.equal(deep.message, `The BOM is ${levels.toLocaleString("en-US")} levels deep (L0 → L1 → L2 → … → L${levels - 1} → WOOD); Backflush takes at most 500 levels: make the structure shallower`);
      assert.equal(issuesOf(() => checkStructure(input.items, input.bom))[0].code, "bom-too-deep");
    }
  });

  it("finds a loop through 5,000 levels without running out of stack", () => {
    const deep = chain(5000);
    const input = { ...deep, bom: [...deep.bom, line("L4999", "L0", 1)] };
    const loops = issuesOf(() => runBackflush(input)).filter((i) => i.code === "bom-loop");
    assert.equal(loops.length, 1);
    assert.match(loops[0].message, /^The BOM loops: L0 → L1 → .* → L4999 → L0$/);
  });
});

describe("engine errors: movements and inventory", () => {
  it("dates that are not dates or outside the period, non-positive or non-numeric quantities, negative amounts", () => {
    const p = chairs();
    const badDate = move("2026-11-31", "CHAIR", 1);
    const outside = move("2026-12-01", "CHAIR", 1);
    const zero = move("2026-11-21", "CHAIR", 0);
    const negative = move("2026-11-26", "CHAIR", -5);
    const infinite = buy("2026-11-03", "WOOD", Infinity, "1.00");
    const negAmount = buy("2026-11-04", "WOOD", 1, "-3.00");
    const nanConv = conv("2026-11-05", NaN, "Power");
    const convOutside = conv("2026-10-31", "5.00", "Power");
    p.completions.push(badDate, outside, zero);
    p.sales.push(negative);
    p.purchases.push(infinite, negAmount);
    p.conversion.push(nanConv, convOutside);
    const issues = issuesOf(() => runBackflush(p));
    expectIssue(issues, "not-a-date", { table: "Production", row: badDate.row, field: "Date" });
    assert.match(expectIssue(issues, "date-outside-period", { table: "Production", row: outside.row, field: "Date" }).message, /2026-12-01 is outside the period 2026-11-01 to 2026-11-30/);
    expectIssue(issues, "not-positive", { table: "Production", row: zero.row, field: "Qty" });
    expectIssue(issues, "not-positive", { table: "Sales", row: negative.row, field: "Qty" });
    expectIssue(issues, "not-a-number", { table: "Purchases", row: infinite.row, field: "Qty" });
    expectIssue(issues, "negative", { table: "Purchases", row: negAmount.row, field: "Amount" });
    expectIssue(issues, "not-a-number", { table: "Conversion", row: nanConv.row, field: "Amount" });
    expectIssue(issues, "date-outside-period", { table: "Conversion", row: convOutside.row, field: "Date" });
  });

  it("unknown items and items of the wrong type in every movement table and in Inventory", () => {
    const p = chairs();
    const unknown = move("2026-11-20", "SOFA", 1);
    const phantomMade = move("2026-11-20", "KIT", 1);
    const materialMade = move("2026-11-20", "WOOD", 1);
    const materialSold = move("2026-11-25", "SCREW", 1);
    const assemblyBought = buy("2026-11-02", "SEAT", 1, "5.00");
    const phantomStocked = stock("KIT", 1);
    const unknownStocked = stock("SOFA", undefined, 1);
    p.items.push(phantom("KIT"));
    p.bom.push(line("KIT", "SCREW", 2));
    p.completions.push(unknown, phantomMade, materialMade);
    p.sales.push(materialSold);
    p.purchases.push(assemblyBought);
    p.inventory.push(phantomStocked, unknownStocked);
    const issues = issuesOf(() => runBackflush(p));
    expectIssue(issues, "unknown-item", { table: "Production", row: unknown.row, field: "Item" });
    assert.match(expectIssue(issues, "wrong-item-type", { table: "Production", row: phantomMade.row, field: "Item" }).message, /"KIT" is a phantom; only assemblies are completed/);
    expectIssue(issues, "wrong-item-type", { table: "Production", row: materialMade.row, field: "Item" });
    assert.match(expectIssue(issues, "wrong-item-type", { table: "Sales", row: materialSold.row, field: "Item" }).message, /only assemblies are sold/);
    assert.match(expectIssue(issues, "wrong-item-type", { table: "Purchases", row: assemblyBought.row, field: "Item" }).message, /"SEAT" is an assembly; only materials are purchased/);
    assert.match(expectIssue(issues, "wrong-item-type", { table: "Inventory", row: phantomStocked.row, field: "Item" }).message, /phantoms are never stocked/);
    expectIssue(issues, "unknown-item", { table: "Inventory", row: unknownStocked.row, field: "Item" });
  });

  it("a row repeated in every column (duplicate-row) names the repeat and the first", () => {
    const p = chairs();
    const first = buy("2026-11-03", "WOOD", 10, "31.00");
    const again = buy("2026-11-03", "WOOD", 10, "31.00");
    const otherRef = buy("2026-11-03", "WOOD", 10, "31.00", "INV-2");
    const c1 = conv("2026-11-10", "100.00", "Power");
    const c2 = conv("2026-11-10", "100.00", "Power");
    p.purchases.push(first, again, otherRef);
    p.conversion.push(c1, c2);
    const issues = issuesOf(() => runBackflush(p));
    const dup = expectIssue(issues, "duplicate-row", { table: "Purchases", row: again.row });
    assert.equal(dup.params.first, String(first.row), "a row number, written as Excel numbers its rows");
    assert.match(dup.message, new RegExp(`repeats row ${first.row}`));
    expectIssue(issues, "duplicate-row", { table: "Conversion", row: c2.row });
    assert.equal(issues.length, 2, "a different Ref makes a real second row");
  });

  it("Inventory: listed twice, negative or non-numeric opening and count", () => {
    const p = chairs();
    const again = stock("WOOD", 10);
    const negOpening = stock("SEAT", -1);
    const nanCount = stock("CHAIR", undefined, NaN);
    const negCount = stock("FABRIC2", undefined, -2);
    p.items.push(material("FABRIC2", 1));
    p.inventory.push(again, negOpening, nanCount, negCount);
    const issues = issuesOf(() => runBackflush(p));
    assert.match(expectIssue(issues, "duplicate-key", { table: "Inventory", row: again.row, field: "Item" }).message, /already listed on row/);
    expectIssue(issues, "negative", { table: "Inventory", row: negOpening.row, field: "Opening" });
    expectIssue(issues, "not-a-number", { table: "Inventory", row: nanCount.row, field: "Count" });
    expectIssue(issues, "negative", { table: "Inventory", row: negCount.row, field: "Count" });
  });
});

describe("engine errors: BOM versions", () => {
  // CHAIR's own lines only from 2026-11-16.
  const dated = () => {
    const p = chairs();
    p.bom = p.bom.map((l) => (l.parent === "CHAIR" ? { ...l, validFrom: "2026-11-16" } : l));
    return p;
  };

  it("a completion on a day with no line of an assembly in force (no-valid-bom) at its row and Date", () => {
    const p = dated();
    const early = move("2026-11-10", "CHAIR", 5);
    p.completions.push(early);
    const issue = expectIssue(issuesOf(() => runBackflush(p)), "no-valid-bom", { table: "Production", row: early.row, field: "Date" });
    assert.equal(issue.message, 'On 2026-11-10 no BOM line of "CHAIR" is valid (needed for "CHAIR")');
  });

  it("a sale flushed on such a day (purchase, sale)", () => {
    const p = dated();
    const early = move("2026-11-10", "CHAIR", 5);
    p.sales.push(early);
    p.settings = { ...p.settings, sequence: "purchase-sale" };
    expectIssue(issuesOf(() => runBackflush(p)), "no-valid-bom", { table: "Sales", row: early.row, field: "Date" });
  });

  it("opening goods valued with no BOM in force on the first day", () => {
    const p = dated();
    const goods = stock("CHAIR", 10);
    p.inventory.push(goods);
    assert.match(expectIssue(issuesOf(() => runBackflush(p)), "no-valid-bom", { table: "Inventory", row: goods.row, field: "Opening" }).message, /On 2026-11-01 .*opening of "CHAIR"/);
  });

  it("standardCosts and explode as of a day with a gap name the item's row", () => {
    const p = dated();
    const model = checkStructure(p.items, p.bom);
    const chair = p.items.find((i) => i.item === "CHAIR")!;
    expectIssue(issuesOf(() => standardCosts(model, p.items, "2026-11-10")), "no-valid-bom", { table: "Items", row: chair.row, field: "Item" });
    expectIssue(issuesOf(() => explode(model, "CHAIR", new Dec(1), "2026-11-10")), "no-valid-bom", { table: "Items", row: chair.row, field: "Item" });
    assert.equal(issuesOf(() => explode(model, "SOFA", new Dec(1)))[0].code, "unknown-item");
  });
});

describe("engine errors: all at once", () => {
  it("reports every problem across tables in one error", () => {
    const p = chairs({ sequence: "monthly" as never });
    p.items.push(material("GLUE", "-1"));
    p.bom.push(line("CHAIR", "NAILS", 1), line("SEAT", "FABRIC", 2, "1.5", "2026-12-01"));
    p.completions.push(move("2026-11-40", "CHAIR", 1));
    p.sales.push(move("2026-11-25", "SEAT", 0));
    p.purchases.push(buy("2026-11-02", "CHAIR", 1, 1));
    p.inventory.push(stock("SOFA", 1));
    const codes = issuesOf(() => runBackflush(p)).map((i) => `${i.at?.table}:${i.code}`);
    for (const want of [
      "Settings:unknown-value",
      "Items:negative",
      "BOM:unknown-item",
      "BOM:scrap-range",
      "Production:not-a-date",
      "Sales:not-positive",
      "Purchases:wrong-item-type",
      "Inventory:unknown-item",
    ]) {
      assert.ok(codes.includes(want), `${want} in ${codes.join(", ")}`);
    }
  });

  it("refuses, with CapitalizeConversion where no FG is kept, an opening value below the conversion the goods hold at standard", () => {
    // The chair maker's CHAIR holds 10.00 of conversion at standard (SEAT 2.00 + CHAIR 8.00): 10 on hand hold 100.00, which
    // the period end capitalizes; opened at 99.99, they would come back 0.01 dearer as a gain to COGS.
    for (const sequence of ["purchase-sale", "sale"] as const) {
      const p = chairs({ sequence, capitalizeConversion: true });
      const row = { ...stock("CHAIR", 10), openingValue: new Dec("99.99") };
      p.inventory.push(row);
      const issue = expectIssue(issuesOf(() => runBackflush(p)), "below-conversion", { table: "Inventory", row: row.row, field: "OpeningValue" });
      assert.equal(issue.message, "OpeningValue 99.99 of CHAIR is below the conversion cost its goods hold at standard (100.00), which CapitalizeConversion keeps in inventory: give their full cost, materials and conversion, or set CapitalizeConversion to no");
      // At the conversion, or without capitalizing, it runs.
      p.inventory[p.inventory.length - 1] = { ...row, openingValue: new Dec("100.00") };
      runBackflush(p);
      runBackflush({ ...p, settings: { ...p.settings, capitalizeConversion: false }, inventory: [...p.inventory.slice(0, -1), row] });
    }
  });

  it("each issue's params carry the values its message was made from", () => {
    const p = chairs();
    const row = move("2026-12-05", "CHAIR", 1);
    p.completions.push(row);
    const issue = expectIssue(issuesOf(() => runBackflush(p)), "date-outside-period", { table: "Production", row: row.row, field: "Date" });
    assert.deepEqual(issue.params, { date: "2026-12-05", start: "2026-11-01", end: "2026-11-30" });
  });
});

describe("engine errors: bad data never throws anything but BackflushDataError", () => {
  const weirdNumbers = [NaN, Infinity, -Infinity, 0, -1, "-0.001", "1e30", "1e-30", 5, "0.9999999"].map((x) => new Dec(x));
  const weirdDates = ["", "2026-02-30", "garbage", "2026-11-31", "1900-01-01", "9999-12-31", "2026-1-5", "2026-11-15"];
  const weirdNames = ["", "NOPE", "WOOD", "SEAT", "CHAIR", " chair"];

  type Corruption = (p: Mutable<PeriodInput>, pick: number) => void;
  const at = <T>(xs: T[], pick: number): T | undefined => (xs.length ? xs[pick % xs.length] : undefined);
  const corruptions: Corruption[] = [
    (p, k) => { const r = at(p.purchases, k); if (r) Object.assign(r, k % 2 ? { qty: at(weirdNumbers, k >> 1) } : { amount: at(weirdNumbers, k >> 1) }); },
    (p, k) => { const r = at(p.completions, k); if (r) r.qty = at(weirdNumbers, k)!; },
    (p, k) => { const r = at(p.sales, k); if (r) r.date = at(weirdDates, k)!; },
    (p, k) => { const r = at(p.bom, k); if (r) Object.assign(r, k % 3 === 0 ? { qtyPer: at(weirdNumbers, k) } : k % 3 === 1 ? { scrap: at(weirdNumbers, k) } : { validTo: at(weirdDates, k) }); },
    (p, k) => { const r = at(p.bom, k); if (r) Object.assign(r, k % 2 ? { component: at(weirdNames, k) } : { parent: at(weirdNames, k), validFrom: at(weirdDates, k) }); },
    (p, k) => { const r = at(p.items, k); if (r) Object.assign(r, k % 3 === 0 ? { stdPrice: at(weirdNumbers, k) } : k % 3 === 1 ? { stdConversion: at(weirdNumbers, k) } : { type: (["material", "assembly", "phantom", "odd"] as ItemType[])[k % 4] }); },
    (p, k) => { const r = at(p.inventory, k); if (r) Object.assign(r, k % 2 ? { opening: at(weirdNumbers, k) } : { count: at(weirdNumbers, k), item: at(weirdNames, k) }); },
    (p, k) => { const r = at(p.conversion, k); if (r) Object.assign(r, k % 2 ? { amount: at(weirdNumbers, k) } : { date: at(weirdDates, k) }); },
    (p, k) => { const list = [p.items, p.bom, p.completions, p.sales, p.purchases] as unknown[][]; const l = at(list, k)!; if (l.length) l.splice(k % l.length, 1); },
    (p, k) => { const list = [p.items, p.bom, p.completions, p.purchases, p.inventory] as unknown[][]; const l = at(list, k)!; const r = at(l, k >> 2); if (r) l.push(r); },
    (p, k) => { p.bom.push(line("SEAT", "CHAIR", 1, 0, at(weirdDates, k))); },
    (p, k) => { p.settings = { ...p.settings, ...[{ periodStart: at(weirdDates, k) }, { periodEnd: at(weirdDates, k) }, { currency: ["", "JPY", "XYZ", "US"][k % 4] }, { sequence: "nope" as never }, { periodStart: undefined, periodEnd: undefined }][k % 5] }; },
  ];

  it("runBackflush, on randomly corrupted chair makers, in every sequence", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Settings["sequence"]>("purchase-completion-sale", "purchase-sale", "completion-sale", "sale"),
        fc.array(fc.tuple(fc.nat(corruptions.length - 1), fc.nat(1000)), { minLength: 1, maxLength: 4 }),
        (sequence, picks) => {
          const p = chairs({ sequence });
          for (const [c, k] of picks) corruptions[c](p, k);
          try {
            runBackflush(p);
          } catch (e) {
            if (!(e instanceof BackflushDataError)) throw e;
            for (const i of e.issues) {
              assert.ok(i.message.length > 0);
              if (i.at) assert.ok(i.at.table.length > 0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("checkStructure, standardCosts and explode, on randomly corrupted Items and BOM", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(3, 4, 5, 8, 9, 10), fc.nat(1000)), { minLength: 1, maxLength: 4 }), fc.constantFrom(...weirdDates), (picks, asOf) => {
        const p = chairs();
        for (const [c, k] of picks) corruptions[c](p, k);
        try {
          const model = checkStructure(p.items, p.bom);
          standardCosts(model, p.items, isFinite(Date.parse(asOf)) ? asOf : undefined);
          explode(model, "CHAIR", new Dec(3), asOf);
        } catch (e) {
          if (!(e instanceof BackflushDataError)) throw e;
        }
      }),
      { numRuns: 200 },
    );
  });

  it("an empty period that is given is no error: nothing to journal", () => {
    const r = runBackflush({ items: [], bom: [], completions: [], sales: [], purchases: [], conversion: [], settings: { sequence: "sale", currency: "USD", disposition: "cogs", periodStart: "2026-11-01", periodEnd: "2026-11-30" } });
    assert.equal(r.journal.length, 0);
    assert.equal(r.settings.periodStart, "2026-11-01");
  });

  it("no dated row and no period is 'nothing to cost', not a made-up period", () => {
    const issues = issuesOf(() => runBackflush({ items: [], bom: [], completions: [], sales: [], purchases: [], conversion: [], settings: { sequence: "sale", currency: "USD", disposition: "cogs" } }));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].code, "nothing-to-cost");
    assert.deepEqual(issues[0].at, { table: "Settings", field: "PeriodStart" });
    assert.match(issues[0].message, /nothing to cost/);
  });

  it("a journal line of 10^(15 − the currency's decimals) or more is too large (too-large), at the row the line came from, whatever figures made it", () => {
    const p = chairs();
    // 10^9 chairs × (2.5 + 1) kg of WOOD... × a price of 10^6 = 3.5 × 10^15 on the completion's RIP line for WOOD.
    p.items = p.items.map((i) => (i.item === "WOOD" ? { ...i, stdPrice: new Dec("1e6") } : i));
    p.completions[0] = { ...p.completions[0], qty: new Dec("1e9") };
    p.sales[0] = { ...p.sales[0], qty: new Dec("1e9") };
    const issues = issuesOf(() => runBackflush(p));
    assert.ok(issues.every((i) => i.code === "too-large"), JSON.stringify(issues));
    // In USD, to the cent: 15 digits in a cell hold 10^13 less a cent.
    assert.match(issues[0].message, /too large: every amount must be below 10,000,000,000,000, the most a workbook cell keeps to the currency's smallest unit/);
    assert.ok(issues[0].at?.table !== undefined && issues[0].at.row !== undefined);
    // A figure of 10^15 itself, from a caller that computes its input: its first line is refused the same way, never an internal error.
    const huge = chairs();
    huge.completions[0] = { ...huge.completions[0], qty: new Dec("1e38") };
    assert.ok(issuesOf(() => runBackflush(huge)).every((i) => i.code === "too-large"));
  });

  it("a reversed period is reported once, not again for every row", () => {
    const input = chairMaker({ periodStart: "2026-11-30", periodEnd: "2026-11-01" });
    const issues = issuesOf(() => runBackflush(input));
    assert.deepEqual(issues.map((i) => i.code), ["date-order"]);
  });
});

describe("engine errors: an empty Items table", () => {
  it("is one problem at the Items table (no-items), not one unknown item per row that names one", () => {
    const p = chairs();
    // Before, each row naming an item said it was not in Items: 12 on the 6 BOM lines (Parent and Component), 3 purchases,
    // 1 completion, 1 sale and 3 counts: 20 problems, none saying why.
    const issues = issuesOf(() => runBackflush({ ...p, items: [] }));
    assert.deepEqual(
      issues.map((i) => [i.code, i.at]),
      [["no-items", { table: "Items" }]],
    );
    assert.equal(issues[0].message, "The Items table has no rows: list in it every material and assembly the other tables name, with its Type and standard cost");
  });

  it("is one problem on a full sheet too, whose 400,000 rows all lie outside the period (leaving issues out by a spread once overflowed the stack)", () => {
    const base = chairMaker();
    const completions = Array.from({ length: 400_000 }, (_, i) => ({ ...move("2026-12-05", "CHAIR", 1), row: i + 2 }));
    const codes = new Map<string, number>();
    for (const i of issuesOf(() => runBackflush({ ...base, items: [], completions }))) codes.set(i.code, (codes.get(i.code) ?? 0) + 1);
    assert.deepEqual([...codes], [["date-outside-period", 400_000], ["no-items", 1]]);
  });

  it("other problems are still reported with it", () => {
    const p = chairs();
    p.purchases[0] = { ...p.purchases[0], date: "2026-12-05" };
    const issues = issuesOf(() => runBackflush({ ...p, items: [], settings: { ...p.settings } }));
    assert.deepEqual(issues.map((i) => i.code).sort(), ["date-outside-period", "no-items"]);
    // Nothing naming an item (an empty period given): no problem at all, as before.
    assert.equal(runBackflush({ ...p, items: [], bom: [], completions: [], sales: [], purchases: [], conversion: [], inventory: [], settings: { ...p.settings, periodStart: "2026-11-01", periodEnd: "2026-11-30" } }).journal.length, 0);
  });
});

describe("engine errors: coverage of IssueCode", () => {
  it("every code the engine detects was produced by a test above", () => {
    const engineCodes = (Object.keys(DETECTED_BY) as IssueCode[]).filter((c) => DETECTED_BY[c] === "engine");
    assert.deepEqual(engineCodes.filter((c) => !seen.has(c)), []);
    assert.deepEqual([...seen].filter((c) => DETECTED_BY[c] === "adapter"), [], "adapter codes come from cell reading, not from the engine");
  });
});
