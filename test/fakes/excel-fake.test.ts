/**
 * The Excel fake behaves as its header says: load/sync gating, queued order,
 * typed input vs text format, limits and counters, tables, null objects,
 * settings, and the test helpers.
 */
import assert from "node:assert/strict";
import { formatBounds, parseAddress, MAX_COLUMNS, MAX_ROWS } from "./excel-address";
import {
  type ExcelApiSubset,
  FakeExcel,
  createFakeExcel,
  dumpSheet,
  fakeWorkbook,
  snapshotWorkbook,
} from "./excel-fake";
import { FakeOfficeSettings, type OfficeSettingsSubset, type SaveResultSubset } from "./office-settings-fake";

// Compile-time: the real Office.js types fit the subsets the adapter is written against.
type Fits<T extends ExcelApiSubset> = T;
type SettingsFit<T extends OfficeSettingsSubset> = T;
export type RealExcelFitsSubset = Fits<typeof Excel>;
export type FakeExcelFitsSubset = Fits<FakeExcel>;
export type RealSettingsFitSubset = SettingsFit<Office.Settings>;

const items = () => createFakeExcel({ Items: [["Item", "Type", "Std price"], ["WOOD", "material", 3], ["SCREW", "material", 0.05]] });

describe("Excel fake: load and sync", () => {
  it("throws PropertyNotLoaded before load and before sync, and reads after both", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Items").getRange("A1:C2");
      assert.throws(() => range.values, { name: "RichApi.Error", code: "PropertyNotLoaded" });
      range.load("values, address");
      assert.throws(() => range.values, { code: "PropertyNotLoaded" });
      await context.sync();
      assert.deepEqual(range.values, [["Item", "Type", "Std price"], ["WOOD", "material", 3]]);
      assert.equal(range.address, "Items!A1:C2");
      assert.throws(() => range.formulas, { code: "PropertyNotLoaded" });
    });
  });

  it("applies writes only at sync, and an assigned property is unreadable until loaded again", async () => {
    const excel = items();
    const before = snapshotWorkbook(excel.workbook);
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Items").getRange("D1");
      cell.values = [["Unit"]];
      assert.deepEqual(snapshotWorkbook(excel.workbook), before);
      assert.throws(() => cell.values, { code: "PropertyNotLoaded" });
      await context.sync();
      assert.equal(excel.workbook.requireSheet("Items").cell(0, 3)?.value, "Unit");
      assert.throws(() => cell.values, { code: "PropertyNotLoaded" });
    });
  });

  it("runs queued operations in order within one sync", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Items").getRange("A2");
      const earlier = cell.getOffsetRange(0, 0).load("values");
      cell.values = [["OAK"]];
      const later = cell.getOffsetRange(0, 0).load("values");
      await context.sync();
      assert.deepEqual(earlier.values, [["WOOD"]]);
      assert.deepEqual(later.values, [["OAK"]]);
    });
  });

  it("fails the sync at getItem of a missing sheet, keeping earlier writes and dropping later ones", async () => {
    const excel = items();
    await assert.rejects(
      excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("Items");
        sheet.getRange("A4").values = [["FABRIC"]];
        const loaded = sheet.getRange("A1").load("values");
        context.workbook.worksheets.getItem("Nope");
        sheet.getRange("A5").values = [["GLUE"]];
        try {
          await context.sync();
        } finally {
          assert.throws(() => loaded.values, { code: "PropertyNotLoaded" });
        }
      }),
      { code: "ItemNotFound" },
    );
    const dump = dumpSheet(excel.workbook, "Items");
    assert.equal(dump.address, "A1:C4");
    assert.equal(dump.values[3][0], "FABRIC");
  });

  it("gives isNullObject only after a sync, true for a missing sheet and false for a present one", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Bom");
      const present = context.workbook.worksheets.getItemOrNullObject("items");
      assert.throws(() => missing.isNullObject, { code: "PropertyNotLoaded" });
      present.load("name");
      missing.load("name");
      await context.sync();
      assert.equal(missing.isNullObject, true);
      assert.equal(present.isNullObject, false);
      assert.equal(present.name, "Items");
      assert.throws(() => missing.name, { code: "PropertyNotLoaded" });
    });
  });

  it("sees a sheet added earlier in the same batch, but not one added later", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const before = context.workbook.worksheets.getItemOrNullObject("Journal");
      context.workbook.worksheets.add("Journal");
      const after = context.workbook.worksheets.getItemOrNullObject("Journal");
      await context.sync();
      assert.equal(before.isNullObject, true);
      assert.equal(after.isNullObject, false);
    });
  });

  it("sends what is still queued when the batch ends, and rejects proxies used after the run", async () => {
    const excel = items();
    const range = await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Items").getRange("E1");
      r.values = [["late"]];
      return r;
    });
    assert.equal(excel.workbook.requireSheet("Items").cell(0, 4)?.value, "late");
    assert.equal(excel.stats.syncs, 1);
    assert.equal(excel.stats.runs, 1);
    assert.throws(() => {
      range.values = [["again"]];
    }, { code: "InvalidObjectPath" });
  });

  it("drops the queue when the batch throws", async () => {
    const excel = items();
    const before = snapshotWorkbook(excel.workbook);
    await assert.rejects(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Items").getRange("A1").values = [["changed"]];
        throw new Error("adapter bug");
      }),
      /adapter bug/,
    );
    assert.deepEqual(snapshotWorkbook(excel.workbook), before);
    assert.equal(excel.stats.syncs, 0);
  });

  it("loads collection items and counts", async () => {
    const excel = createFakeExcel({ Items: [["x"]], Bom: [], Journal: [] });
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const count = context.workbook.worksheets.getCount();
      assert.throws(() => count.value, { code: "PropertyNotLoaded" });
      await context.sync();
      assert.deepEqual(sheets.items.map((s) => s.name), ["Items", "Bom", "Journal"]);
      assert.throws(() => sheets.items[0].position, { code: "PropertyNotLoaded" });
      assert.equal(count.value, 3);
    });
  });

  it("refuses to load a property it does not model, naming the ones it does", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Items").getRange("A1");
      assert.throws(() => range.load("text"), (e: Error) => /cannot load "text".*values/.test(e.message));
    });
  });
});

describe("Excel fake: typed input, formulas and text format", () => {
  async function write(excel: FakeExcel, cells: (string | number | boolean | null)[][], formatFirst?: string) {
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1").getResizedRange(cells.length - 1, cells[0].length - 1);
      if (formatFirst) range.numberFormat = cells.map((row) => row.map(() => formatFirst));
      range.values = cells;
    });
    return dumpSheet(excel.workbook, "Sheet1", `A1:${String.fromCharCode(64 + cells[0].length)}${cells.length}`);
  }

  it("stores text starting with = as a formula whose value is not the text", async () => {
    const dump = await write(createFakeExcel({ Sheet1: [] }), [["=1+1", "=5", '="hi"']]);
    assert.deepEqual(dump.formulas, [["=1+1", "=5", '="hi"']]);
    assert.deepEqual(dump.values, [["#NAME?", 5, "hi"]]);
  });

  it('keeps "=1+1" as text when the cells were formatted "@" earlier in the same batch', async () => {
    const dump = await write(createFakeExcel({ Sheet1: [] }), [["=1+1", "+A1", "-B2", "@SUM(A1)", "00123", "TRUE"]], "@");
    assert.deepEqual(dump.values, [["=1+1", "+A1", "-B2", "@SUM(A1)", "00123", "TRUE"]]);
    assert.deepEqual(dump.formulas, dump.values);
    assert.deepEqual(dump.numberFormat, [["@", "@", "@", "@", "@", "@"]]);
  });

  it('still makes a formula when "@" is set after the values in the batch', async () => {
    const excel = createFakeExcel({ Sheet1: [] });
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
      cell.values = [["=SUM(B1:B3)"]];
      cell.numberFormat = [["@"]];
    });
    assert.deepEqual(excel.workbook.requireSheet("Sheet1").cell(0, 0), { value: "#NAME?", formula: "=SUM(B1:B3)", format: "@", error: true });
  });

  it('keeps text when "@" was set in an earlier batch', async () => {
    const excel = createFakeExcel({ Sheet1: [] });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").numberFormat = [["@"]];
    });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["=HYPERLINK(\"x\")"]];
    });
    assert.deepEqual(excel.workbook.requireSheet("Sheet1").cell(0, 0), { value: '=HYPERLINK("x")', format: "@" });
  });

  it("reads +, - and @ text as formulas, number-like text as numbers, TRUE as a boolean, and 'x as text", async () => {
    const dump = await write(createFakeExcel({ Sheet1: [] }), [["+A1", "-A1", "@SUM(A1)", "-5", "00123", "true", "'=1+1", "-", "a-b"]]);
    assert.deepEqual(dump.formulas, [["=+A1", "=-A1", "=SUM(A1)", -5, 123, true, "=1+1", "-", "a-b"]]);
    assert.deepEqual(dump.values, [["#NAME?", "#NAME?", "#NAME?", -5, 123, true, "=1+1", "-", "a-b"]]);
  });

  it("tells errors from text through valueTypes", async () => {
    const excel = createFakeExcel({ S: [[{ error: "#N/A" }, "#N/A as text", 1, true, null]] });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("F1:G1").values = [["#div/0!", "=BAD()"]];
      const range = sheet.getRange("A1:G1").load("values, valueTypes");
      await context.sync();
      assert.deepEqual(range.values, [["#N/A", "#N/A as text", 1, true, "", "#DIV/0!", "#NAME?"]]);
      assert.deepEqual(range.valueTypes, [["Error", "String", "Double", "Boolean", "Empty", "Error", "Error"]]);
    });
  });

  it("follows the formula policy it is given", async () => {
    const excel = new FakeExcel(fakeWorkbook({ Sheet1: [] }), { formulaPolicy: { prefixes: ["="], evaluate: (f) => f.length } });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["=ABC", "+A1"]];
    });
    assert.deepEqual(dumpSheet(excel.workbook, "Sheet1").values, [[4, "+A1"]]);
  });

  it('leaves null cells alone, clears "" cells, and keeps their number format', async () => {
    const excel = createFakeExcel({ Sheet1: [[{ value: 1, format: "0.00" }, 2, 3]] });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:C1").values = [["", null, 9]];
    });
    assert.deepEqual(dumpSheet(excel.workbook, "Sheet1", "A1:C1"), {
      address: "A1:C1",
      values: [["", 2, 9]],
      formulas: [["", 2, 9]],
      numberFormat: [["0.00", "General", "General"]],
    });
  });

  it("rejects arrays that do not match the range, and numbers JSON cannot carry", async () => {
    const excel = createFakeExcel({ Sheet1: [] });
    for (const bad of [[[1, 2]], [[1], [2]], [[Number.NaN]]]) {
      await assert.rejects(
        excel.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A1").values = bad;
        }),
        { code: "InvalidArgument" },
      );
    }
    assert.equal(excel.workbook.requireSheet("Sheet1").cells.size, 0);
  });

  it("clears contents, formats, or both", async () => {
    const seed = [[{ value: 1, format: "0.00" }, { value: 2, format: "0.00" }, { value: 3, format: "0.00" }]];
    const excel = createFakeExcel({ Sheet1: seed });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").clear("Contents");
      sheet.getRange("B1").clear("Formats");
      sheet.getRange("C1").clear();
    });
    const dump = dumpSheet(excel.workbook, "Sheet1", "A1:C1");
    assert.deepEqual(dump.values, [["", 2, ""]]);
    assert.deepEqual(dump.numberFormat, [["0.00", "General", "General"]]);
  });
});

describe("Excel fake: limits and counters", () => {
  it("counts syncs and estimates request bytes as JSON size plus a per-operation overhead", async () => {
    const excel = new FakeExcel(fakeWorkbook({ Sheet1: [] }), { operationOverheadBytes: 10 });
    const data = [["Ä", 1.5], ["x", true]];
    await excel.run(async (context) => {
      // Three operations: get the sheet, get the range, write the values.
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = data;
      await context.sync();
      await context.sync();
    });
    const stats = excel.stats;
    assert.equal(stats.syncs, 2);
    const expected = 3 * 10 + Buffer.byteLength('"Sheet1"') + Buffer.byteLength('"A1:B2"') + Buffer.byteLength(JSON.stringify(data));
    assert.equal(stats.perSync[0].requestBytes, expected);
    assert.equal(stats.perSync[0].cellsWritten, 4);
    assert.equal(stats.perSync[1].requestBytes, 0);
    assert.equal(stats.maxRequestBytes, expected);
  });

  it("fails a sync whose request exceeds the payload limit before changing anything", async () => {
    const excel = new FakeExcel(fakeWorkbook({ Sheet1: [] }), { limits: { payloadBytes: 1_000 } });
    const before = snapshotWorkbook(excel.workbook);
    const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`]);
    await assert.rejects(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:A100").values = rows;
      }),
      { code: "RequestPayloadSizeLimitExceeded" },
    );
    assert.deepEqual(snapshotWorkbook(excel.workbook), before);
    assert.equal(excel.stats.perSync[0].failed, "RequestPayloadSizeLimitExceeded");
    // The same rows in chunks under the limit go through.
    excel.resetStats();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      for (let start = 0; start < rows.length; start += 25) {
        sheet.getRange(`A${start + 1}:A${start + 25}`).values = rows.slice(start, start + 25);
        await context.sync();
      }
    });
    assert.equal(excel.stats.syncs, 4);
    assert.ok(excel.stats.maxRequestBytes <= 1_000);
    assert.equal(dumpSheet(excel.workbook, "Sheet1").values[99][0], "row 99");
  });

  it("fails a sync whose loaded data exceeds the payload limit, and nothing loaded is readable", async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`item number ${i}`]);
    const excel = new FakeExcel(fakeWorkbook({ Sheet1: rows }), { limits: { payloadBytes: 2_000 } });
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A200").load("values");
      await assert.rejects(context.sync(), { code: "ResponsePayloadSizeLimitExceeded" });
      assert.throws(() => range.values, { code: "PropertyNotLoaded" });
    });
    assert.ok(excel.stats.perSync[0].responseBytes > 2_000);
  });

  it("refuses to read cell data of a range larger than the cell limit, by default 5,000,000", async () => {
    const excel = createFakeExcel({ Sheet1: [[1]] });
    await assert.rejects(
      excel.run(async (context) => {
        // Five whole columns: 5 × 1,048,576 cells.
        context.workbook.worksheets.getItem("Sheet1").getRange("A:E").load("values");
      }),
      { code: "RangeExceedsLimit" },
    );
    // Only the shape of the same range is fine.
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A:E").load("address, rowCount, columnCount");
      await context.sync();
      assert.deepEqual([range.address, range.rowCount, range.columnCount], ["Sheet1!A:E", MAX_ROWS, 5]);
    });
  });

  it("applies a lowered cell limit exactly, and counts cells read", async () => {
    const excel = new FakeExcel(fakeWorkbook({ Sheet1: [[1, 2, 3], [4, 5, 6]] }), { limits: { cellsPerRead: 6 } });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C2").load("values, numberFormat");
      sheet.getRange("A1").load("formulas");
    });
    assert.equal(excel.stats.perSync[0].cellsRead, 13);
    assert.equal(excel.stats.largestRangeRead, 6);
    await assert.rejects(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("A1:C3").load("values");
      }),
      { code: "RangeExceedsLimit" },
    );
  });

  it("counts loads without property names and records suspended calculation and screen updating per sync", async () => {
    const excel = items();
    await excel.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
      const range = context.workbook.worksheets.getItem("Items").getRange("A1:B1").load();
      await context.sync();
      assert.deepEqual(range.formulas, [["Item", "Type"]]);
      await context.sync();
    });
    const [first, second] = excel.stats.perSync;
    assert.equal(excel.stats.emptyLoads, 1);
    assert.deepEqual([first.calculationSuspended, first.screenUpdatingSuspended], [true, true]);
    assert.deepEqual([second.calculationSuspended, second.screenUpdatingSuspended], [false, false]);
  });
});

describe("Excel fake: tables and null objects", () => {
  it("adds a table with header, data and totals ranges", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const table = context.workbook.tables.add("Items!A1:C3", true);
      table.name = "ItemsTable";
      const header = table.getHeaderRowRange().load("address, values");
      const body = table.getDataBodyRange().load("address");
      await context.sync();
      assert.equal(header.address, "Items!A1:C1");
      assert.deepEqual(header.values, [["Item", "Type", "Std price"]]);
      assert.equal(body.address, "Items!A2:C3");
      const noTotals = table.getTotalRowRange();
      await assert.rejects(context.sync(), { code: "InvalidOperation" });
      assert.throws(() => noTotals.isNullObject, { code: "PropertyNotLoaded" });
      table.showTotals = true;
      const totals = table.getTotalRowRange().load("address, values");
      const whole = table.getRange().load("address");
      const bodyAfter = table.getDataBodyRange().load("address");
      table.load("name, showTotals");
      await context.sync();
      assert.equal(totals.address, "Items!A4:C4");
      assert.deepEqual(totals.values, [["Total", "", ""]]);
      assert.equal(whole.address, "Items!A1:C4");
      assert.equal(bodyAfter.address, "Items!A2:C3");
      assert.deepEqual([table.name, table.showTotals], ["ItemsTable", true]);
    });
    assert.deepEqual(snapshotWorkbook(excel.workbook).tables, [{ name: "ItemsTable", sheet: "Items", address: "Items!A1:C4", showTotals: true }]);
  });

  it("refuses a totals row over data below the table", async () => {
    const excel = createFakeExcel({ S: [["a"], [1], ["note"]] }, { tables: [{ name: "T", sheet: "S", address: "A1:A2" }] });
    await assert.rejects(
      excel.run(async (context) => {
        context.workbook.tables.getItem("T").showTotals = true;
      }),
      { code: "InvalidOperation" },
    );
    assert.deepEqual(dumpSheet(excel.workbook, "S").values, [["a"], [1], ["note"]]);
  });

  it("turning totals off gives the row back and clears it", async () => {
    const excel = createFakeExcel({ S: [["a"], [1]] }, { tables: [{ name: "T", sheet: "S", address: "A1:A2", showTotals: true }] });
    await excel.run(async (context) => {
      context.workbook.tables.getItem("T").showTotals = false;
    });
    assert.deepEqual(snapshotWorkbook(excel.workbook).tables[0].address, "S!A1:A2");
    assert.equal(excel.workbook.requireSheet("S").cell(2, 0), undefined);
  });

  it("keeps table names unique across the workbook, case-insensitively, and valid", async () => {
    const excel = createFakeExcel({ Items: [["Item"], ["WOOD"]], Bom: [["Parent"], ["CHAIR"]] }, { tables: [{ name: "Items", sheet: "Items", address: "A1:A2" }] });
    for (const name of ["items", "My Table", "A1", "R1C1", "1st"]) {
      await assert.rejects(
        excel.run(async (context) => {
          context.workbook.worksheets.getItem("Bom").tables.add("A1:A2", true).name = name;
        }),
        { code: "InvalidArgument" },
        name,
      );
    }
    // A failed rename leaves the table made by add() in place, as Excel would: the batch is not rolled back.
    assert.deepEqual(
      snapshotWorkbook(excel.workbook).tables.map((t) => t.name),
      ["Items", "Table2"],
    );
  });

  it("refuses overlapping tables and tables without headers", async () => {
    const excel = createFakeExcel({ S: [["a", "b"], [1, 2]] }, { tables: [{ name: "T", sheet: "S", address: "A1:B2" }] });
    await assert.rejects(excel.run(async (context) => void context.workbook.tables.add("S!B2:C3", true)), { code: "InvalidArgument" });
    await assert.rejects(excel.run(async (context) => void context.workbook.tables.add("S!D1:E2", false)), { code: "InvalidArgument" });
  });

  it("gives a header-only table one empty data row and makes headers unique, non-blank text", async () => {
    const excel = createFakeExcel({ S: [["Qty", "", "qty", 7]] });
    await excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:D1", true);
      const body = table.getDataBodyRange().load("address");
      const header = table.getHeaderRowRange().load("values");
      await context.sync();
      assert.equal(body.address, "S!A2:D2");
      assert.deepEqual(header.values, [["Qty", "Column2", "qty2", "7"]]);
      table.getHeaderRowRange().values = [["Item", "Item", "", null]];
      const again = table.getHeaderRowRange().load("values");
      await context.sync();
      assert.deepEqual(again.values, [["Item", "Item2", "Column3", "7"]]);
    });
  });

  it("finds tables by name with getItemOrNullObject, per workbook and per sheet", async () => {
    const excel = createFakeExcel({ Items: [["Item"], ["WOOD"]], Bom: [] }, { tables: [{ name: "Items", sheet: "Items", address: "A1:A2" }] });
    await excel.run(async (context) => {
      const found = context.workbook.tables.getItemOrNullObject("ITEMS").load("name");
      const missing = context.workbook.tables.getItemOrNullObject("Journal");
      const elsewhere = context.workbook.worksheets.getItem("Bom").tables.getItemOrNullObject("Items");
      const sheetOfTable = found.worksheet.load("name");
      await context.sync();
      assert.deepEqual([found.isNullObject, found.name, sheetOfTable.name], [false, "Items", "Items"]);
      assert.equal(missing.isNullObject, true);
      assert.equal(elsewhere.isNullObject, true);
      context.workbook.tables.getItem("Journal");
      await assert.rejects(context.sync(), { code: "ItemNotFound" });
    });
  });

  it("loads table items and count", async () => {
    const excel = createFakeExcel({ A: [["x"], [1]], B: [["y"], [2]] }, { tables: [{ name: "TA", sheet: "A", address: "A1:A2" }, { name: "TB", sheet: "B", address: "A1:A2" }] });
    await excel.run(async (context) => {
      const all = context.workbook.tables.load("items/name, count");
      const onB = context.workbook.worksheets.getItem("B").tables.load("items");
      await context.sync();
      assert.deepEqual(all.items.map((t) => t.name), ["TA", "TB"]);
      assert.equal(all.count, 2);
      assert.deepEqual(onB.items.map((t) => [t.name, t.showTotals]), [["TB", false]]);
    });
  });

  it("resizes a table, deletes one (clearing its cells), and drops a deleted sheet's tables", async () => {
    const excel = createFakeExcel({ A: [["x", "y"], [1, 2], [3, 4]], B: [["z"], [5]] }, { tables: [{ name: "TA", sheet: "A", address: "A1:B2" }, { name: "TB", sheet: "B", address: "A1:A2" }] });
    await excel.run(async (context) => {
      const ta = context.workbook.tables.getItem("TA");
      ta.resize("A1:B3");
      const body = ta.getDataBodyRange().load("values");
      await context.sync();
      assert.deepEqual(body.values, [[1, 2], [3, 4]]);
      ta.resize("A2:B3");
      await assert.rejects(context.sync(), { code: "InvalidArgument" });
      context.workbook.tables.getItem("TA").delete();
      context.workbook.worksheets.getItem("B").delete();
    });
    const snap = snapshotWorkbook(excel.workbook);
    assert.deepEqual(snap.tables, []);
    assert.deepEqual(snap.sheets.map((s) => s.name), ["A"]);
    assert.deepEqual(snap.sheets[0].cells, {});
  });

  it("rejects using a table proxy after its table was deleted", async () => {
    const excel = createFakeExcel({ A: [["x"], [1]] }, { tables: [{ name: "TA", sheet: "A", address: "A1:A2" }] });
    await assert.rejects(
      excel.run(async (context) => {
        const table = context.workbook.tables.getItem("TA");
        table.delete();
        await context.sync();
        table.showTotals = true;
      }),
      { code: "InvalidReference" },
    );
  });
});

describe("Excel fake: worksheets and ranges", () => {
  it("moves a sheet in the tab order when its position is set, and refuses a position past the last", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Last");
      sheet.position = 0;
      await context.sync();
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      assert.equal(sheets.items[0].name, "Last");
      sheet.position = sheets.items.length;
      await assert.rejects(context.sync(), { code: "InvalidArgument" });
    });
  });

  it("adds, names, freezes, activates and selects, all visible in the snapshot", async () => {
    const excel = items();
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Journal lines");
      sheet.freezePanes.freezeRows(1);
      sheet.getRange("A1:B1").values = [["Account", "Debit"]];
      sheet.getRange("A1:B1").format.autofitColumns();
      sheet.getRange("A1").format.font.bold = true;
      sheet.getRange("B:B").format.columnWidth = 75;
      sheet.getRange("B1").select();
      const range = sheet.getRange("A1:B1").load("address");
      sheet.load("name, position");
      await context.sync();
      assert.equal(range.address, "'Journal lines'!A1:B1");
      assert.deepEqual([sheet.name, sheet.position], ["Journal lines", 1]);
    });
    const snap = snapshotWorkbook(excel.workbook);
    assert.deepEqual(snap.sheets[1], {
      name: "Journal lines",
      frozenRows: 1,
      autofitColumns: [0, 1],
      columnWidths: { B: 75 },
      cells: { A1: { value: "Account", bold: true }, B1: { value: "Debit" } },
    });
    assert.equal(snap.activeSheet, "Journal lines");
    assert.equal(snap.selection, "'Journal lines'!B1");
  });

  it("loads bold and column width, null where cells or columns differ", async () => {
    const excel = createFakeExcel({ S: [[{ value: "Item", bold: true }, { value: "Qty", bold: true }, "x"]] });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A:A").format.columnWidth = 60;
      const headerFont = sheet.getRange("A1:B1").format.font.load("bold");
      const mixedFont = sheet.getRange("A1:C1").format.font.load("bold");
      const plainFont = sheet.getRange("C1").format.font.load("bold");
      const widthA = sheet.getRange("A1").format.load("columnWidth");
      const widthBC = sheet.getRange("B1:C1").format.load("columnWidth");
      const widthAB = sheet.getRange("A1:B1").format.load("columnWidth");
      await context.sync();
      assert.deepEqual([headerFont.bold, mixedFont.bold, plainFont.bold], [true, null, false]);
      assert.deepEqual([widthA.columnWidth, widthBC.columnWidth, widthAB.columnWidth], [60, 48, null]);
      sheet.getRange("A1").clear("Formats");
      sheet.getRange("B1").clear("Contents");
    });
    assert.deepEqual(snapshotWorkbook(excel.workbook).sheets[0].cells, { A1: { value: "Item" }, B1: { value: "", bold: true }, C1: { value: "x" } });
  });

  it("refuses a taken sheet name (any case), a bad one, and deleting the last sheet", async () => {
    const excel = items();
    await assert.rejects(excel.run(async (c) => void c.workbook.worksheets.add("ITEMS")), { code: "ItemAlreadyExists" });
    await assert.rejects(excel.run(async (c) => void c.workbook.worksheets.add("a/b")), { code: "InvalidArgument" });
    await assert.rejects(excel.run(async (c) => void (c.workbook.worksheets.getItem("Items").name = "x".repeat(32))), { code: "InvalidArgument" });
    await assert.rejects(excel.run(async (c) => c.workbook.worksheets.getItem("Items").delete()), { code: "InvalidOperation" });
  });

  it("renames a sheet, and its table follows", async () => {
    const excel = createFakeExcel({ A: [["x"], [1]] }, { tables: [{ name: "TA", sheet: "A", address: "A1:A2" }] });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("A").name = "Items";
      const r = context.workbook.tables.getItem("TA").getRange().load("address");
      await context.sync();
      assert.equal(r.address, "Items!A1:A2");
    });
  });

  it("gives the used range, or a null object for an empty sheet", async () => {
    const excel = createFakeExcel({ Data: [[null, null], [null, "x", { value: "", format: "0.00" }]], Empty: [] });
    await excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem("Data").getUsedRangeOrNullObject().load("address");
      const usedValues = context.workbook.worksheets.getItem("Data").getUsedRangeOrNullObject(true).load("address");
      const none = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject();
      const a1 = context.workbook.worksheets.getItem("Empty").getUsedRange().load("address");
      await context.sync();
      assert.equal(used.address, "Data!B2:C2");
      assert.equal(usedValues.address, "Data!B2");
      assert.equal(none.isNullObject, true);
      assert.equal(a1.address, "Empty!A1");
    });
  });

  it("derives cells and ranges, and rejects ones off the grid", async () => {
    const excel = createFakeExcel({ S: [] });
    await excel.run(async (context) => {
      const base = context.workbook.worksheets.getItem("S").getRange("B2:C3");
      const cell = base.getCell(1, 1).load("address, rowIndex, columnIndex");
      const grown = base.getResizedRange(2, -1).load("address, rowCount, columnCount");
      const moved = base.getOffsetRange(-1, 2).load("address");
      await context.sync();
      assert.deepEqual([cell.address, cell.rowIndex, cell.columnIndex], ["S!C3", 2, 2]);
      assert.deepEqual([grown.address, grown.rowCount, grown.columnCount], ["S!B2:B5", 4, 1]);
      assert.equal(moved.address, "S!D1:E2");
      base.getOffsetRange(-2, 0);
      await assert.rejects(context.sync(), { code: "InvalidArgument" });
      base.getResizedRange(0, -2);
      await assert.rejects(context.sync(), { code: "InvalidArgument" });
    });
  });

  it("reads and writes A1 addresses the way Excel writes them", () => {
    assert.deepEqual(parseAddress("'It''s'!$B$2:A1"), { sheet: "It's", bounds: { top: 0, left: 0, bottom: 1, right: 1 } });
    assert.deepEqual(parseAddress("C:A").bounds, { top: 0, left: 0, bottom: MAX_ROWS - 1, right: 2 });
    assert.equal(formatBounds(parseAddress("3:2").bounds), "2:3");
    assert.equal(formatBounds({ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 }), `1:${MAX_ROWS}`);
    assert.equal(formatBounds(parseAddress("XFD1048576").bounds), "XFD1048576");
    for (const bad of ["A", "A0", "XFE1", "A1:B", "Sheet1!", "Name", "A1,B2"]) assert.throws(() => parseAddress(bad), { code: "InvalidArgument" }, bad);
  });
});

describe("Excel fake: settings", () => {
  it("adds, reads, overwrites and deletes workbook settings as JSON copies", async () => {
    const excel = createFakeExcel({ S: [] }, { settings: { currency: "USD" } });
    const mapping = { items: "Items" };
    await excel.run(async (context) => {
      context.workbook.settings.add("mapping", mapping);
      mapping.items = "changed after add";
      const currency = context.workbook.settings.getItem("currency").load("value");
      const missing = context.workbook.settings.getItemOrNullObject("sequence");
      await context.sync();
      assert.equal(currency.value, "USD");
      assert.equal(missing.isNullObject, true);
      currency.value = "EUR";
      context.workbook.settings.getItem("mapping").delete();
      const all = context.workbook.settings.load("items");
      await context.sync();
      assert.deepEqual(all.items.map((s) => [s.key, s.value]), [["currency", "EUR"]]);
      context.workbook.settings.getItem("mapping");
      await assert.rejects(context.sync(), { code: "ItemNotFound" });
    });
    await excel.run(async (context) => {
      context.workbook.settings.add("mapping", mapping);
    });
    assert.deepEqual(snapshotWorkbook(excel.workbook).settings, { currency: "EUR", mapping: { items: "changed after add" } });
  });

  it("Office.context.document.settings keeps changes in memory until saveAsync succeeds", async () => {
    const workbook = fakeWorkbook({ S: [] }, { settings: { currency: "USD" } });
    const settings = new FakeOfficeSettings(workbook);
    assert.equal(settings.get("currency"), "USD");
    assert.equal(settings.get("absent"), null);
    settings.set("currency", "EUR");
    settings.remove("absent");
    assert.equal(workbook.settings.get("currency"), "USD");
    settings.failNextSave = "disk full";
    const failed = await new Promise<SaveResultSubset>((resolve) => settings.saveAsync(resolve));
    assert.deepEqual([failed.status, failed.error?.message, workbook.settings.get("currency")], ["failed", "disk full", "USD"]);
    const saved = await new Promise<SaveResultSubset>((resolve) => settings.saveAsync(resolve));
    assert.deepEqual([saved.status, workbook.settings.get("currency"), settings.saves], ["succeeded", "EUR", 1]);
  });
});

describe("Excel fake: test helpers", () => {
  it("seeds strings literally, formulas when spelled out, and dumps a sheet", () => {
    const workbook = fakeWorkbook({ S: [["=not a formula", { formula: "=2", format: "0.0" }], [null, { formula: "=A1*2", value: 10 }]] });
    assert.deepEqual(dumpSheet(workbook, "S"), {
      address: "A1:B2",
      values: [["=not a formula", 2], ["", 10]],
      formulas: [["=not a formula", "=2"], ["", "=A1*2"]],
      numberFormat: [["General", "0.0"], ["General", "General"]],
    });
    assert.deepEqual(dumpSheet(workbook, "S", "C3"), { address: "C3", values: [[""]], formulas: [[""]], numberFormat: [["General"]] });
  });

  it("seeds dates as Excel serial numbers with a date format, and keeps bold on normalised headers", () => {
    const workbook = fakeWorkbook({ S: [[{ value: "", bold: true }, "Date"], ["x", new Date("2026-11-03T00:00:00Z")], ["y", { value: new Date("1900-03-01T12:00:00Z"), format: "d/m/yy" }]] }, { tables: [{ name: "T", sheet: "S", address: "A1:B3" }] });
    const dump = dumpSheet(workbook, "S");
    assert.deepEqual(dump.values, [["Column1", "Date"], ["x", 46329], ["y", 61.5]]);
    assert.deepEqual(dump.numberFormat[1][1], "yyyy-mm-dd");
    assert.deepEqual(dump.numberFormat[2][1], "d/m/yy");
    assert.deepEqual(snapshotWorkbook(workbook).sheets[0].cells.A1, { value: "Column1", bold: true });
  });

  it("snapshots deeply, so a later change shows as a difference", async () => {
    const excel = createFakeExcel({ S: [["a"]] }, { settings: { deep: { list: [1] } } });
    const before = snapshotWorkbook(excel.workbook);
    assert.deepEqual(snapshotWorkbook(excel.workbook), before);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").numberFormat = [["0%"]];
    });
    assert.notDeepEqual(snapshotWorkbook(excel.workbook), before);
    assert.deepEqual(before.sheets[0].cells, { A1: { value: "a" } });
    (excel.workbook.settings.get("deep") as { list: number[] }).list.push(2);
    assert.deepEqual(before.settings, { deep: { list: [1] } });
  });
});
