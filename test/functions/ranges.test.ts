/**
 * Range arguments → input tables: with or without the header row, messages
 * that point at the cell of the range at fault, and the values Excel passes
 * (serial dates, null or 0 for an empty cell, data types, error values).
 */
import { strict as assert } from "node:assert";
import { excelSerialFromIso } from "../../src/engine/dates";
import { cellOf, choiceArg, dateArg, decArg, rangeTable, readArgument, textArg } from "../../src/functions/ranges";
import { chairMaker } from "../support/build";
import { failure, type Grid, gridsOf } from "./support";


describe("functions: range arguments", () => {
  const g = gridsOf(chairMaker());

  it("reads a range with its header row (Items[#All]) and without (Items) to the same records", () => {
    const withHeader = readArgument("BOM", g.BOM, "bom").input.bom;
    const without = readArgument("BOM", g.BOM.slice(1), "bom").input.bom;
    assert.equal(withHeader.length, 6);
    assert.deepEqual(
      without.map((l) => [l.parent, l.component, l.qtyPer.toString(), l.row]),
      withHeader.map((l) => [l.parent, l.component, l.qtyPer.toString(), l.row - 1]),
    );
  });

  it("takes headers in any order and by any of the contract's names (Swedish here)", () => {
    const swedish: Grid = [
      ["Antal per", "Komponent", "Överordnad"],
      [2, "SCREW", "SEAT"],
    ];
    const [line] = readArgument("BOM", swedish, "bom").input.bom;
    assert.deepEqual([line.parent, line.component, line.qtyPer.toNumber()], ["SEAT", "SCREW", 2]);
  });

  it("points a bad cell at its row and column in the range, header row counted", () => {
    const bom = g.BOM.map((r) => [...r]);
    bom[6][2] = "x"; // 7th row of the range, 3rd column
    assert.equal(failure(() => readArgument("BOM", bom, "bom")).message, 'bom!C7: QtyPer "x" is not a number');
    assert.equal(failure(() => readArgument("BOM", bom.slice(1), "bom")).message, 'bom!C6: QtyPer "x" is not a number');
  });

  it("lists the first three problems and counts the rest", () => {
    const items = g.Items.map((r, i) => (i === 0 ? r : [r[0], "Gadget", ...r.slice(2)]));
    const e = failure(() => readArgument("Items", items, "items"));
    assert.equal(e.code, "#VALUE!");
    assert.match(e.message, /^items!B2: Type "Gadget" is not Material, Assembly or Phantom; items!B3: .*; items!B4: .*; and 2 more problems$/);
  });

  it("refuses a headerless range with more columns than the contract, or fewer than it needs", () => {
    const wide = g.Items.slice(1).map((r) => [...r, "extra"]);
    assert.match(failure(() => readArgument("Items", wide, "items")).message, /^items: the range has 7 columns and no header row; without a header the columns must be Item, Type, StdPrice, StdConversion, Description, Unit/);
    const narrow = g.BOM.slice(1).map((r) => r.slice(0, 2));
    assert.match(failure(() => readArgument("BOM", narrow, "bom")).message, /^bom: the range has 2 columns .* the first 3 are needed$/);
  });

  it("takes a first row of data that names a column by chance for data, not for a header", () => {
    // A phantom kit whose Unit reads "unit": all text, one cell in six a column's name.
    const items: Grid = [["KIT", "Phantom", null, null, "Screw kit", "unit"], ["SCREW", "Material", 0.05, null, null, null]];
    const read = readArgument("Items", items, "items").input.items;
    assert.deepEqual(read.map((i) => i.item), ["KIT", "SCREW"]);
    // A header with a column of its own ("Notes") is still a header, and so is one with more columns of its own than the table's.
    const headed: Grid = [["Item", "Type", "StdPrice", "Notes"], ["SCREW", "Material", 0.05, "bulk"]];
    assert.deepEqual(readArgument("Items", headed, "items").input.items.map((i) => i.item), ["SCREW"]);
    const counts: Grid = [["Item", "Description", "Location", "Count"], ["WOOD", "Pine", "A1", 480]];
    assert.deepEqual(readArgument("Inventory", counts, "inventory").input.inventory?.map((i) => [i.item, i.count?.toString()]), [["WOOD", "480"]]);
    const sales: Grid = [["Date", "Invoice", "Customer", "Region", "Item", "Qty"], [46331, "F-1", "Acme", "North", "CHAIR", 5]];
    assert.equal(readArgument("Sales", sales, "sales").input.sales.rowCount, 1);
  });

  it("takes a header row that names every required column for a header, though a column of the user's own is headed by a number", () => {
    const items: Grid = g.Items.map((r, i) => [...r, i === 0 ? 2026 : null]);
    assert.deepEqual(readArgument("Items", items, "items").input.items.map((i) => i.item), readArgument("Items", g.Items, "items").input.items.map((i) => i.item));
    const production: Grid = [["Date", "Item", "Qty", 2026], [46331, "CHAIR", 5, "x"]];
    assert.equal(readArgument("Production", production, "production").input.completions.rowCount, 1);
    // One column's name beside a number is data still: an Inventory row of an item coded as a column's name.
    const inventory: Grid = [["Item", 10, 8], ["WOOD", 480, 480]];
    assert.deepEqual(readArgument("Inventory", inventory, "inventory").input.inventory?.map((i) => i.item), ["Item", "WOOD"]);
  });

  it("takes a header with a required column misspelt and columns of its own besides for a header, and says which column is missing", () => {
    // Eight columns: wider than Items' six, so no headerless data; three of them Items' own, Type misspelt Kind.
    const items: Grid = [["Item", "Kind", "StdPrice", "StdConversion", "Supplier", "Weight", "Colour", "Notes"], ["SCREW", "Material", 0.05, null, "Acme", 1, "grey", null]];
    assert.match(failure(() => readArgument("Items", items, "items")).message, /^items!1:1: Items has no column Type/);
  });

  it("reports a required column missing from a header row, at the header row", () => {
    const noQty = g.BOM.map((r) => [r[0], r[1]]);
    assert.equal(failure(() => readArgument("BOM", noQty, "bom")).message, "bom!1:1: BOM has no column QtyPer (or Quantity per, Qty per, Antal per)");
  });

  it("reads an empty range (a table with no data rows, or blank cells) as an empty table", () => {
    assert.equal(readArgument("Sales", [g.Sales[0]], "sales").input.sales.rowCount, 0);
    assert.equal(readArgument("Sales", [[null]], "sales").input.sales.rowCount, 0);
    assert.equal(readArgument("Sales", [["", null, null, ""]], "sales").input.sales.rowCount, 0);
  });

  it("reads dates passed as serial numbers, and an empty date cell passed as 0 as blank", () => {
    const from = excelSerialFromIso("2026-11-16");
    const bom: Grid = [g.BOM[0], ["SEAT", "WOOD", 1, 0, from, 0]];
    const [line] = readArgument("BOM", bom, "bom").input.bom;
    assert.equal(line.validFrom, "2026-11-16");
    assert.equal(line.validTo, undefined);
    assert.ok(line.scrap.isZero());
  });

  it("still refuses a required date that is empty", () => {
    const sales: Grid = [g.Sales[0], [0, "CHAIR", 5, null]];
    assert.equal(failure(() => readArgument("Sales", sales, "sales")).message, "sales!A2: Date is blank");
  });

  it("does not copy rows that need no conversion, and converts those that do", () => {
    const row = ["SEAT", "WOOD", 1, null, null, null];
    const raw = rangeTable("BOM", [g.BOM[0], row, ["SEAT", "SCREW", 4, undefined]], "bom");
    assert.equal(raw.rows[0], row);
    assert.deepEqual(raw.rows[1], ["SEAT", "SCREW", 4, null, null, null]);
  });

  it("reads a number carrying a date format (a FormattedNumber data type) as the date it shows, refused in a number column", () => {
    const serial = excelSerialFromIso("2026-01-02");
    assert.deepEqual(cellOf({ type: "FormattedNumber", basicValue: serial, numberFormat: "d/m/yyyy" }), new Date(Date.UTC(2026, 0, 2)));
    const production: Grid = [["Date", "Item", "Qty"], [46331, "CHAIR", { type: "FormattedNumber", basicValue: serial, numberFormat: "yyyy-mm-dd" }]];
    assert.equal(failure(() => readArgument("Production", production, "production")).message, "production!C2: Qty 2026-01-02 is a date, not a number");
  });

  it("reads data types by their basic value and error values as errors", () => {
    assert.equal(cellOf({ type: "FormattedNumber", basicValue: 2.5, numberFormat: "0.00" }), 2.5);
    assert.deepEqual(cellOf({ type: "Error", basicValue: "#DIV/0!", errorType: "Div0" }), { error: "#DIV/0!" });
    assert.deepEqual(cellOf({ code: "#N/A" }), { error: "#N/A" });
    const bom: Grid = [g.BOM[0], ["SEAT", "WOOD", { type: "Error", basicValue: "#REF!" }]];
    assert.equal(failure(() => readArgument("BOM", bom, "bom")).message, "bom!C2: QtyPer: the cell holds #REF!");
  });

  it("names the argument in messages about scalar arguments", () => {
    assert.equal(textArg(1001, "item"), "1001");
    assert.equal(failure(() => textArg(null, "item")).message, "item: the cell is blank");
    assert.equal(failure(() => textArg(" ", "item")).message, "item is blank");
    assert.equal(decArg(0.1 + 0.2, "qty").toString(), "0.3");
    assert.equal(failure(() => decArg("12 kg", "qty")).message, 'qty "12 kg" is not a number');
    assert.equal(dateArg(excelSerialFromIso("2026-10-16"), "asOf"), "2026-10-16");
    assert.equal(dateArg("2026-10-16", "asOf"), "2026-10-16");
    assert.equal(dateArg(null, "asOf"), undefined);
    assert.equal(dateArg(undefined, "asOf"), undefined);
    assert.match(failure(() => dateArg("16/10/2026", "asOf")).message, /^asOf "16\/10\/2026" is not a date/);
    assert.equal(choiceArg(" Material ", "part", ["total", "material"] as const, "total"), "material");
    assert.equal(choiceArg(null, "part", ["total", "material"] as const, "total"), "total");
    assert.equal(failure(() => choiceArg("mat", "part", ["total", "material", "conversion"] as const, "total")).message, 'part "mat" must be total, material or conversion');
  });
});
