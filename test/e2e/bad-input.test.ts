/**
 * Bad input end to end: for each kind of problem, `backflush run` lists it
 * against its cell, exits 1, and writes nothing — the input file keeps every
 * byte and no output or backup appears.
 */
import { strict as assert } from "node:assert";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { readZip, sheetXml, writeZip } from "../adapters/xlsx-zip";
import { join } from "node:path";
import type { CellValue } from "../../src/workbook/cells";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, day, editSheet, setCell, withoutSheet } from "../contract/fixtures";
import { FOUR_PROBLEMS, fourProblemWorkbook } from "../support/four-problems";
import { cli, sha256, tempFolder, workbookFile } from "./support";

const base = chairMaker();
const addRow = (sheet: string, row: CellValue[]) =>
  editSheet(base, sheet, (rows) => {
    rows.push(row);
  });

/** One bad input each, and the line that must report it. */
const CASES: readonly { what: string; fixture: PortFixture; line: string }[] = [
  { what: "a missing table", fixture: withoutSheet(base, "Sales"), line: "Sales: No table or sheet named Sales, Försäljning, Jualan was found" },
  { what: "a missing column", fixture: setCell(base, "Production", "C1", "Quantity produced"), line: "Production!1:1: Production has no column Qty (or Quantity, Antal, Kvantitet)" },
  { what: "text in a number column", fixture: setCell(base, "Production", "C2", "12,5kg"), line: 'Production!C2: Qty "12,5kg" is not a number' },
  { what: "a negative quantity", fixture: setCell(base, "Sales", "C2", -900), line: "Sales!C2: Qty must be more than zero (is -900)" },
  { what: "a zero quantity", fixture: setCell(base, "Production", "C2", 0), line: "Production!C2: Qty must be more than zero (is 0)" },
  {
    what: "a blank row inside a table",
    fixture: editSheet(base, "Purchases", (rows) => {
      rows.splice(2, 0, [null, null, null, null, null]);
    }),
    line: "Purchases!A3: Row 3 is blank inside the Purchases table; delete it",
  },
  {
    what: "a duplicate row",
    fixture: editSheet(base, "Sales", (rows) => {
      rows.push([...rows[1]]);
    }),
    line: "Sales!A3: This row repeats row 2 in every column; delete it, or give the two rows different Refs if both are real",
  },
  { what: "an unknown item", fixture: setCell(base, "Sales", "B2", "TABLE"), line: 'Sales!B2: Item "TABLE" is not in Items' },
  {
    // An ERP's codes with leading zeros: Items has the text 00123, a sale the number 123 (shown 00123 under a number format).
    what: "a code that is a number where Items has it with leading zeros",
    fixture: setCell(addRow("Items", ["00123", "Material", 1, null, null]), "Sales", "B2", 123),
    line: `Sales!B2: Item "123" is not in Items, which has "00123": if the cell shows 00123, it holds the number 123 shown with leading zeros; enter the code as text (an apostrophe first: '00123)`,
  },
  // An account number with a zero-width space posted to an account the ledger has not (and its SIE file was refused without a cell).
  { what: "an invisible character in an account", fixture: { ...base, sheets: [...base.sheets, { name: "Accounts", rows: [["Role", "Account", "Name"], ["RIP", "1310\u200b", "Raw materials"]] }] }, line: 'Accounts!B2: Account "1310[U+200B]" holds an invisible character, U+200B (zero-width space); delete it, or type the code again' },
  { what: "a BOM loop", fixture: addRow("BOM", ["SEAT", "CHAIR", 1, null]), line: "BOM!B8: The BOM loops: CHAIR → SEAT → CHAIR" },
  { what: "an assembly without a BOM", fixture: addRow("Items", ["STOOL", "Assembly", null, 3, null]), line: 'Items!A7: Assembly "STOOL" has no lines in BOM' },
  { what: "a material without a price", fixture: setCell(base, "Items", "C2", null), line: 'Items!C2: Material "WOOD" has no standard price' },
  { what: "a cell holding #N/A", fixture: setCell(base, "Production", "C2", { error: "#N/A" }), line: "Production!C2: Qty: the cell holds #N/A" },
  { what: "a cell holding #REF!", fixture: setCell(base, "Purchases", "D3", { error: "#REF!" }), line: "Purchases!D3: Amount: the cell holds #REF!" },
  { what: "a date that is not a date", fixture: setCell(base, "Sales", "A2", "31/11/2026"), line: 'Sales!A2: Date "31/11/2026" is not a date; write it as a date cell or as year-month-day (YYYY-MM-DD)' },
  { what: "a date outside the period", fixture: setCell(base, "Sales", "A2", day("2026-12-05")), line: "Sales!A2: Date 2026-12-05 is outside the period 2026-11-01 to 2026-11-30" },
  { what: "a scrap of 5 meaning 500 %", fixture: setCell(base, "BOM", "D2", 5), line: "BOM!D2: Scrap 5 means 500 %; write a fraction from 0 to below 1 (0.05 for 5 %)" },
  {
    what: "a BOM 3,000 levels deep",
    fixture: editSheet(
      editSheet(base, "Items", (rows) => {
        for (let i = 0; i < 3000; i++) rows.push([`L${i}`, "Assembly", null, 0.01, null]);
      }),
      "BOM",
      (rows) => {
        for (let i = 0; i < 3000; i++) rows.push([`L${i}`, i + 1 < 3000 ? `L${i + 1}` : "WOOD", 1, null]);
      },
    ),
    line: "BOM!B508: The BOM is 3,000 levels deep (L0 → L1 → L2 → … → L2999 → WOOD); Backflush takes at most 500 levels: make the structure shallower",
  },
  { what: "a quantity of 1e38", fixture: setCell(base, "Purchases", "C2", 1e38), line: `Purchases!C2: Qty 1${"0".repeat(38)} is too large; every figure must be below 1,000,000,000,000,000 (10^15), the most Backflush carries exactly` },
  { what: "an amount written as text with two readings", fixture: setCell(base, "Purchases", "D2", "1.234"), line: 'Purchases!D2: Amount "1.234" could be read two ways (1234 or 1.234); write 1234, or enter 1.234 as a number rather than as text' },
];

describe("e2e: bad input is reported by cell and nothing is written", () => {
  const folder = tempFolder();

  for (const { what, fixture, line } of CASES) {
    it(`${what}: ${line}`, async () => {
      const input = await workbookFile(folder.path, "plant.xlsx", fixture);
      const before = await sha256(input);
      const run = await cli(folder.path, ["run", "plant.xlsx", "-o", "out.xlsx"]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.stdout, "");
      assert.deepEqual(run.stderr.split("\n"), ["plant.xlsx has 1 problem; nothing was written:", `  ${line}`, ""]);
      assert.equal(await sha256(input), before, "the input changed");
      assert.deepEqual(await readdir(folder.path), ["plant.xlsx"]);
    });
  }

  /** The problem lines a run reports, without the heading. */
  async function reported(fixture: PortFixture): Promise<{ heading: string; lines: string[] }> {
    await workbookFile(folder.path, "plant.xlsx", fixture);
    const run = await cli(folder.path, ["run", "plant.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 1, run.stdout);
    const [heading, ...lines] = run.stderr.trim().split("\n");
    return { heading, lines: lines.map((l) => l.trim()).sort() };
  }

  it("lists different problems in the cells all at once", async () => {
    const got = await reported(setCell(setCell(setCell(base, "Production", "C2", "12,5kg"), "Sales", "A2", "31/11/2026"), "Purchases", "D3", { error: "#REF!" }));
    assert.equal(got.heading, "plant.xlsx has 3 problems; nothing was written:");
    assert.deepEqual(got.lines, ['Production!C2: Qty "12,5kg" is not a number', "Purchases!D3: Amount: the cell holds #REF!", 'Sales!A2: Date "31/11/2026" is not a date; write it as a date cell or as year-month-day (YYYY-MM-DD)'].sort());
  });

  it("names the Items table as the workbook names it when an item is not in it (Artiklar, not Items)", async () => {
    const fixture = { ...setCell(base, "Sales", "B2", "SOFA") };
    const renamed = { ...fixture, sheets: fixture.sheets.map((s) => (s.name === "Items" ? { ...s, name: "Artiklar" } : s)) };
    await workbookFile(folder.path, "plant.xlsx", renamed);
    const run = await cli(folder.path, ["run", "plant.xlsx", "--lang", "sv"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Sales!B2: Item "SOFA" finns inte i Artiklar/);
  });

  it("refuses a sheet whose rows come out of order as damaged, naming it: a row below the table written first had ended the reading there", async () => {
    const path = await workbookFile(folder.path, "plant.xlsx", base);
    const zip = readZip(await readFile(path));
    const xml = sheetXml(zip, "Purchases");
    // The Purchases sheet's last row moved ahead of its second, and numbered far below the table.
    const rows = xml.match(/<row [^>]*>.*?<\/row>/g)!;
    const last = rows[rows.length - 1].replace(/r="(\d+)"/, 'r="500"').replace(/r="([A-Z]+)\d+"/g, 'r="$1500"');
    const reordered = xml.replace(rows[rows.length - 1], "").replace(rows[1], last + rows[1]);
    const part = [...zip.keys()].find((k) => zip.get(k)!.toString("utf8") === xml)!;
    zip.set(part, Buffer.from(reordered, "utf8"));
    await writeFile(path, writeZip(zip));
    const before = await sha256(path);
    const run = await cli(folder.path, ["run", "plant.xlsx", "--in-place"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /it is damaged: sheet Purchases, near cell [A-Z]+500, could not be read/);
    assert.equal(await sha256(path), before);
  });

  it("reads a header holding a character that shows as nothing (a zero-width space pasted with it) as the header it shows", async () => {
    // Items!B1 reads "Type" on screen: "Items has no column Type" named no cell and nothing the user could see.
    await workbookFile(folder.path, "plant.xlsx", setCell(setCell(base, "Items", "B1", "Type\u200b"), "Sales", "C1", "Q\u00adty"));
    const run = await cli(folder.path, ["run", "plant.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
  });

  it("says a date written the right way but no day of the calendar is that, not to write it as it is written", async () => {
    const got = await reported(setCell(base, "Sales", "A2", "2026-11-31"));
    assert.deepEqual(got.lines, ['Sales!A2: Date "2026-11-31" is no day of the calendar: check the day and the month (November has 30 days, February 28 except in a leap year)']);
  });

  it("quotes a cell's control characters as [U+…], so a workbook cannot send escape sequences to the terminal", async () => {
    // Written into the sheet's XML as Excel escapes them (_x001B_): a workbook writer drops raw control characters.
    await workbookFile(folder.path, "plant.xlsx", setCell(base, "Production", "C2", "12-ESCAPES-"));
    const parts = readZip(await readFile(join(folder.path, "plant.xlsx")));
    for (const [name, data] of parts) if (name.endsWith(".xml")) parts.set(name, Buffer.from(data.toString("utf8").replace("12-ESCAPES-", "12_x001B_[31mRED_x001B_]0;pwned_x0007_")));
    await writeFile(join(folder.path, "plant.xlsx"), writeZip(parts));
    const run = await cli(folder.path, ["run", "plant.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /Production!C2: Qty "12\[U\+001B\]\[31mRED\[U\+001B\]\]0;pwned\[U\+0007\]" is not a number/);
    assert.doesNotMatch(run.stderr, /[\u0000-\u0009\u000b-\u001f\u007f]/, "no control character but line ends reaches the terminal");
  });

  it("lists different problems in the data all at once", async () => {
    const got = await reported(setCell(setCell(setCell(base, "Sales", "B2", "TABLE"), "BOM", "D2", 5), "Items", "C2", null));
    assert.equal(got.heading, "plant.xlsx has 3 problems; nothing was written:");
    assert.deepEqual(got.lines, ['Sales!B2: Item "TABLE" is not in Items', "BOM!D2: Scrap 5 means 500 %; write a fraction from 0 to below 1 (0.05 for 5 %)", 'Items!C2: Material "WOOD" has no standard price'].sort());
  });

  it("lists a bad number, a BOM loop, a missing price and an unknown item in one run (issue 20's sample), each with its cell", async () => {
    const input = join(folder.path, "sample.xlsx");
    await writeFile(input, await fourProblemWorkbook());
    const before = await sha256(input);
    const run = await cli(folder.path, ["run", "sample.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 1, run.stdout);
    assert.deepEqual(run.stderr.split("\n"), ["sample.xlsx has 4 problems; nothing was written:", ...FOUR_PROBLEMS.map((l) => `  ${l}`), ""]);
    assert.equal(await sha256(input), before);
    assert.deepEqual(await readdir(folder.path), ["sample.xlsx"]);
  });

  it("does not report what only a bad cell caused: an item whose Items row is bad is not unknown, nor is an assembly whose one BOM line is bad without lines", async () => {
    // WOOD's type is misspelt, so WOOD is not read: BOM, Purchases and Inventory name it all the same.
    // STOOL's one BOM line has a QtyPer in words, so that line is not read: STOOL has a line all the same.
    const stool = editSheet(editSheet(setCell(base, "Items", "B2", "Materiel"), "Items", (rows) => void rows.push(["STOOL", "Assembly", null, 3, null])), "BOM", (rows) => void rows.push(["STOOL", "SCREW", "four", null]));
    const got = await reported(stool);
    assert.equal(got.heading, "plant.xlsx has 2 problems; nothing was written:");
    assert.deepEqual(got.lines, ['Items!B2: Type "Materiel" is not Material, Assembly or Phantom', 'BOM!C8: QtyPer "four" is not a number'].sort());
  });

  it("caps a long list and counts the rest", async () => {
    const fixture = editSheet(base, "Sales", (rows) => {
      for (let i = 0; i < 149; i++) rows.push([day("2026-11-25"), "CHAIR", `${i}kg`, `INV-${i + 2}`]);
      rows[1][2] = "lots";
    });
    const input = await workbookFile(folder.path, "plant.xlsx", fixture);
    const before = await sha256(input);
    const run = await cli(folder.path, ["run", "plant.xlsx", "--in-place"]);
    assert.equal(run.code, 1);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines[0], "plant.xlsx has 150 problems; nothing was written:");
    assert.equal(lines[1], '  Sales!C2: Qty "lots" is not a number');
    assert.equal(lines[100], '  Sales!C101: Qty "98kg" is not a number');
    assert.equal(lines[101], "  … and 50 more (150 problems in all)");
    assert.equal(lines.length, 102);
    assert.equal(await sha256(input), before);
    assert.deepEqual(await readdir(folder.path), ["plant.xlsx"], "no backup either");
  });

  it("gives the problems as JSON with --json, with their cells", async () => {
    await workbookFile(folder.path, "plant.xlsx", setCell(base, "Production", "C2", "12,5kg"));
    const run = await cli(folder.path, ["run", "plant.xlsx", "--json"]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, "");
    assert.deepEqual(JSON.parse(run.stdout), {
      ok: false,
      input: "plant.xlsx",
      count: 1,
      problems: [{ address: "Production!C2", sheet: "Production", row: 2, column: "C", table: "Production", code: "not-a-number", message: 'Qty "12,5kg" is not a number' }],
    });
  });
});
