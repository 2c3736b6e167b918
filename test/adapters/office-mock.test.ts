/**
 * The Office adapter's chunked reader against office-addin-mock, Microsoft's
 * mock of the Office.js object model. What the mock adds to the Excel fake's
 * tests is its own check of load-then-sync: a property read before it was
 * loaded, or before the context was synced, gives the mock's error text
 * instead of the value. So these tests fail if the reader forgets to load
 * `valueTypes` (the only way to tell the error #N/A from the text "#N/A"),
 * `numberFormat` (the only way to tell a date from a number) or reads a chunk
 * before syncing.
 */
import { strict as assert } from "node:assert";
import { OfficeMockObject } from "office-addin-mock";
import type { OfficeValue } from "../../src/adapters/office/api";
import type { RangeSubset, RequestContextSubset, WorksheetSubset } from "../../src/adapters/office/excel-api";
import { readBlock } from "../../src/adapters/office/read";
import { dateFromSerial, type CellValue } from "../../src/workbook/cells";
import { parseAddress } from "../fakes/excel-address";

/** A sheet's cells as Office hands them over: values, their types and number formats, row by row. */
interface MockedCells {
  values: OfficeValue[][];
  valueTypes: string[][];
  numberFormat: string[][];
}

/**
 * A request context over one sheet whose ranges are office-addin-mock
 * objects: `sync` syncs every range asked for so far, as Excel answers every
 * queued load at a sync; `syncs: false` leaves them unsynced.
 */
function mockedSheet(cells: MockedCells, options: { syncs: boolean } = { syncs: true }) {
  const ranges: OfficeMockObject[] = [];
  const requested: string[] = [];
  const sheet = {
    getRange(address: string) {
      const { top, left, bottom, right } = parseAddress(address).bounds;
      const cut = <T>(grid: T[][]) => grid.slice(top, bottom + 1).map((row) => row.slice(left, right + 1));
      const range = new OfficeMockObject({ values: cut(cells.values), valueTypes: cut(cells.valueTypes), numberFormat: cut(cells.numberFormat) });
      ranges.push(range);
      requested.push(address);
      return range as unknown as RangeSubset;
    },
  } as unknown as WorksheetSubset;
  const context = {
    async sync() {
      if (options.syncs) for (const r of ranges) await r.sync();
    },
  } as unknown as RequestContextSubset;
  return { context, sheet, requested };
}

/** Rows of Production as Office gives them: an error cell, a text that only looks like one, a blank. */
const PRODUCTION: MockedCells = {
  values: [
    ["Date", "Item", "Qty"],
    [46331, "CHAIR", 10],
    [46332, "#N/A", "#N/A"],
    [46333, "TABLE", ""],
    [46334, "CHAIR", 4],
    [46335, "=A1", 2.5],
  ],
  valueTypes: [
    ["String", "String", "String"],
    ["Double", "String", "Double"],
    ["Double", "String", "Error"],
    ["Double", "String", "Empty"],
    ["Double", "String", "Double"],
    ["Double", "String", "Double"],
  ],
  // Dates in column A, one of them a serial in a General cell; the rest General or text.
  numberFormat: [
    ["General", "General", "General"],
    ["yyyy-mm-dd", "@", "General"],
    ["yyyy-mm-dd", "@", "General"],
    ["yyyy-mm-dd", "@", "General"],
    ["General", "@", "General"],
    ["d/m/yy", "@", "0.0"],
  ],
};

const EXPECTED: CellValue[][] = [
  [dateFromSerial(46331, false), "CHAIR", 10],
  [dateFromSerial(46332, false), "#N/A", { error: "#N/A" }],
  [dateFromSerial(46333, false), "TABLE", null],
  [46334, "CHAIR", 4],
  [dateFromSerial(46335, false), "=A1", 2.5],
];

describe("Office adapter against office-addin-mock: reading a block", () => {
  it("loads values, their types and number formats, syncs, and reads chunk by chunk, telling the error #N/A from the text", async () => {
    const { context, sheet, requested } = mockedSheet(PRODUCTION);
    const progress: [number, number][] = [];
    const rows = await readBlock(context, sheet, { top: 1, left: 0, bottom: 5, right: 2 }, 2, (done, total) => progress.push([done, total]));
    assert.deepEqual(rows, EXPECTED);
    assert.deepEqual(requested, ["A2:C3", "A4:C5", "A6:C6"]);
    assert.deepEqual(progress, [
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it("reads a block that is one column wide and one row deep", async () => {
    const { context, sheet, requested } = mockedSheet(PRODUCTION);
    assert.deepEqual(await readBlock(context, sheet, { top: 2, left: 2, bottom: 2, right: 2 }, 1000), [[{ error: "#N/A" }]]);
    assert.deepEqual(requested, ["C3:C3"]);
  });

  it("the mock's check is live: a context that never syncs makes the read fail instead of passing the mock's error text off as cells", async () => {
    const { context, sheet } = mockedSheet(PRODUCTION, { syncs: false });
    // Unsynced, the mock hands its error text ("Error, context.sync() was not called") over where the rows should be; the reader, which maps over rows, fails on that text and nowhere else.
    await assert.rejects(readBlock(context, sheet, { top: 1, left: 0, bottom: 5, right: 2 }, 2), (e: unknown) => e instanceof TypeError && /\.map is not a function/.test(e.message));
  });
});
