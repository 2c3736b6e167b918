/**
 * `backflush run DECEMBER.xlsx --opening NOVEMBER-RESULT.xlsx` end to end
 * (issue 18, item 4): the period opens at the previous result's Closing sheet,
 * prorated variances included; settings that must agree are checked; a bad or
 * missing Closing sheet is named by file, sheet and cell.
 */
import { strict as assert } from "node:assert";
import Decimal from "decimal.js";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { readZip, writeZip } from "../adapters/xlsx-zip";
import { join } from "node:path";
import type { CellValue } from "../../src/workbook/cells";
import { SHEET_LAYOUT, markerText } from "../../src/workbook/render";
import { CLOSING_COLUMNS, wordsInEveryLanguage } from "../../src/workbook/render-closing";
import { translator } from "../../src/i18n";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, day, editSheet } from "../contract/fixtures";
import { december, november } from "../support/next-period";
import { cli, readSaved, tempFolder, workbookFile } from "./support";

interface JsonLine {
  trigger: string;
  role: string;
  item: string | null;
  debit: string;
  credit: string;
}

describe("e2e: backflush run --opening", () => {
  const folder = tempFolder();

  /** Runs November into november-result.xlsx. */
  async function closeNovember(): Promise<void> {
    await workbookFile(folder.path, "november.xlsx", november());
    const run = await cli(folder.path, ["run", "november.xlsx", "-o", "november-result.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
  }

  it("never writes this period's result over the previous result it opens at", async () => {
    await closeNovember();
    await workbookFile(folder.path, "december.xlsx", december());
    const before = readFileSync(join(folder.path, "november-result.xlsx"));
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", "-o", "./november-result.xlsx"]);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stderr, /the output is the previous result given with --opening/);
    assert.deepEqual(readFileSync(join(folder.path, "november-result.xlsx")), before, "November's result as it was");
  });

  it("never writes an export (--sie, --csv) over the previous result it opens at, and writes nothing", async () => {
    await closeNovember();
    await workbookFile(folder.path, "december.xlsx", december());
    const before = readFileSync(join(folder.path, "november-result.xlsx"));
    for (const flag of ["--sie", "--csv"]) {
      const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", flag, "./november-result.xlsx", "-o", "december-result.xlsx"]);
      assert.equal(run.code, 2, `${flag}: ${run.stdout}`);
      assert.equal(run.stderr, "backflush: november-result.xlsx is the previous result given with --opening, which is only read; give the export another name\n");
      assert.deepEqual(readFileSync(join(folder.path, "november-result.xlsx")), before, `${flag}: November's result as it was`);
      assert.ok(!existsSync(join(folder.path, "december-result.xlsx")), flag);
    }
  });

  it("opens December at November's closing: the 77.03 prorated into the chairs goes to COGS with them", async () => {
    await closeNovember();
    await workbookFile(folder.path, "december.xlsx", december());
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", "-o", "december-result.xlsx", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { journal: JsonLine[]; balances: Record<string, string>; notes: string[]; closing: { role: string; item: string | null; value: string }[] };
    // test/engine/closing.test.ts: FG CHAIR closed at 2,330.00 + 77.03; selling all 100 takes 2,407.03 to COGS: the 77.03
    // beyond standard on a line pair of its own, just before the sale at standard.
    const sale = json.journal.filter((l) => l.trigger === "sale" && l.role === "COGS");
    assert.deepEqual(sale.map((l) => l.debit), ["77.03", "2330.00"]);
    assert.equal(json.balances.FG, "0.00");
    // RIP: 1,468.05 + 203.90 + 407.79 = 2,079.74 opened, nothing moved; AP: 15,700.00 carried.
    assert.equal(json.balances.RIP, "2079.74");
    assert.equal(json.balances.AP, "-15700.00");
    assert.ok(json.notes.some((n) => n.includes("november-result.xlsx") && n.includes("2026-11-30")), json.notes.join("\n"));
    assert.equal(json.closing.find((l) => l.role === "RIP" && l.item === "WOOD")?.value, "1468.05");
    // The result has its own Closing sheet, for January.
    const saved = await readSaved(join(folder.path, "december-result.xlsx"));
    const rows = saved.values("Closing");
    assert.equal(rows[SHEET_LAYOUT.headerRow - 1][0], "Section");
  });

  it("carries materials held off the books (completion, sale: an opening without a value) to the next period, which counting the same finds nothing short", async () => {
    // November: 50 kg of WOOD on hand at the start, off the books; 480 kg counted at the end.
    const offBooks = editSheet(chairMaker({ triggers: "completion, sale" }), "Inventory", (rows) => void (rows[1][1] = 50));
    await workbookFile(folder.path, "nov-off.xlsx", offBooks);
    const nov = await cli(folder.path, ["run", "nov-off.xlsx", "-o", "nov-off-result.xlsx", "--json"]);
    assert.equal(nov.code, 0, nov.stderr);
    const closing = (JSON.parse(nov.stdout) as { closing: { kind: string; role: string; item: string | null; qty: string; value: string }[] }).closing;
    assert.deepEqual(closing.filter((l) => l.kind === "units" && l.role === "MATERIALS_CLEARING").map((l) => [l.item, l.qty, l.value]), [["WOOD", "50", "0.00"]]);
    // December: nothing bought, made or sold; the same counts.
    let quiet = offBooks;
    for (const sheet of ["Purchases", "Production", "Sales", "Conversion"]) quiet = editSheet(quiet, sheet, (rows) => rows.slice(0, 1));
    quiet = editSheet(quiet, "Inventory", (rows) => void (rows[1][1] = null));
    quiet = editSheet(quiet, "Settings", (rows) => {
      rows[2][1] = day("2026-12-01");
      rows[3][1] = day("2026-12-31");
    });
    await workbookFile(folder.path, "dec-quiet.xlsx", quiet);
    const dec = await cli(folder.path, ["run", "dec-quiet.xlsx", "--opening", "nov-off-result.xlsx", "--json"]);
    assert.equal(dec.code, 0, dec.stderr);
    const usage = (JSON.parse(dec.stdout) as { variances: { kind: string; item: string | null; amount: string }[] }).variances.filter((v) => v.kind === "usage");
    assert.deepEqual(usage.filter((v) => v.amount !== "0.00"), [], "a quiet month that counts the same finds no usage variance");
  });

  it("a period with no first day starts the day after the previous closing", async () => {
    await closeNovember();
    await workbookFile(folder.path, "december.xlsx", december((rows) => (rows[2][1] = null)));
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { settings: { periodStart: string } }).settings.periodStart, "2026-12-01");
  });

  it("refuses another currency, another trigger sequence and a gap, at this workbook's Settings cells, naming the previous result's", async () => {
    await closeNovember();
    await workbookFile(folder.path, "december.xlsx", december((rows) => {
      rows[1][1] = "purchase, sale";
      rows[2][1] = day("2026-12-02");
      rows[4][1] = "EUR";
    }));
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", "-o", "out.xlsx"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Settings!B2: The previous result \(november-result\.xlsx, sheet Closing, cell C5\) used the trigger points \(Purchase, completion, sale\), this workbook \(Purchase, sale\); both periods must use the same/);
    assert.match(run.stderr, /Settings!B5: The previous result \(november-result\.xlsx, sheet Closing, cell C6\) is in USD, this workbook in EUR/);
    assert.match(run.stderr, /Settings!B3: This period starts on 2026-12-02, but the previous result \(november-result\.xlsx, sheet Closing, cell C8\) closed on 2026-11-30: it must start on 2026-12-01/);
    // A gap after the previous period is a mismatch with it, not two dates in the wrong order.
    const json = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx", "--json"]);
    const codes = (JSON.parse(json.stdout) as { problems: { address: string; code: string }[] }).problems.map((p) => `${p.address} ${p.code}`);
    assert.deepEqual(codes.sort(), ["Settings!B2 previous-mismatch", "Settings!B3 previous-mismatch", "Settings!B5 previous-mismatch"]);
  });

  it("refuses an item opened both in the Inventory table and by the previous result, naming both cells", async () => {
    await closeNovember();
    const both = editSheet(december(), "Inventory", (rows) => [rows[0], ["CHAIR", 10, null]]);
    await workbookFile(folder.path, "december.xlsx", both);
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november-result.xlsx"]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /Inventory!B2: CHAIR has an opening here and in the previous result \(november-result\.xlsx, sheet Closing, cell C\d+\)/);
  });

  it("a file without a Closing sheet is a usage error naming it", async () => {
    await workbookFile(folder.path, "december.xlsx", december());
    await workbookFile(folder.path, "november.xlsx", november());
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "november.xlsx"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /november\.xlsx has no Closing sheet written by Backflush/);
  });

  /** A Closing sheet as a run lays it out (title, marker, a blank row, the table), with `rows` as its data. */
  /**
   * A Closing sheet of these rows; given no CarriedTotal or CarriedUnits row, one is put last with what the carried lines'
   * values or quantities add up to, as a run writes them.
   */
  function closingFixture(given: CellValue[][], marker = markerText("2026-12-01 09:30")): PortFixture {
    const t = translator("en");
    const header = CLOSING_COLUMNS.map((c) => t.t(`closing.col.${c}`));
    const carriedLines = given.filter((r) => r[0] !== "Setting" && wordsInEveryLanguage("closing.yes").includes(r[10] as string));
    const sumOf = (column: number) => carriedLines.filter((r) => typeof r[column] === "number").reduce((a, r) => a.plus(r[column] as number), new Decimal(0)).toNumber();
    const controls: CellValue[][] = [];
    if (!given.some((r) => r[1] === "CarriedTotal")) controls.push(["Setting", "CarriedTotal", null, null, sumOf(4), null, null, null, null, null, null]);
    if (!given.some((r) => r[1] === "CarriedUnits")) controls.push(["Setting", "CarriedUnits", null, sumOf(3), null, null, null, null, null, null, null]);
    const rows = [...given, ...controls];
    const sheetRows: CellValue[][] = [["Closing balances"], [marker], [], header, ...rows];
    return { sheets: [{ name: "Closing", rows: sheetRows }], tables: [{ name: "Backflush_Closing", sheet: "Closing", range: `A4:K${4 + rows.length}` }] };
  }
  const settingRows: CellValue[][] = [
    ["Setting", "Triggers", "purchase-completion-sale", null, null, null, null, null, null, null, null],
    ["Setting", "Currency", "USD", null, null, null, null, null, null, null, null],
    ["Setting", "PeriodEnd", "2026-11-30", null, null, null, null, null, null, null, null],
  ];

  it("a cell of the Closing sheet that cannot be read is named by file, sheet and cell", async () => {
    await workbookFile(folder.path, "december.xlsx", december());
    await workbookFile(folder.path, "bad.xlsx", closingFixture([...settingRows, ["Goods", "FG", "CHAIR", "many", 2407.03, 1330, 1000, 77.03, 13.3, 10, "yes"]]));
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "bad.xlsx"]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /bad\.xlsx, sheet Closing, cell D8: Quantity "many" is not a number/);

    await workbookFile(folder.path, "role.xlsx", closingFixture([...settingRows, ["Goods", "STOCK", "CHAIR", 1, 1, 1, 0, 0, null, null, "yes"]]));
    const role = await cli(folder.path, ["run", "december.xlsx", "--opening", "role.xlsx"]);
    assert.match(role.stderr, /role\.xlsx, sheet Closing, cell B8: "STOCK" is not an account role/);

    await workbookFile(folder.path, "unknown.xlsx", closingFixture([...settingRows, ["Goods", "FG", "TABLE", 1, 1, 1, 0, 0, null, null, "yes"]]));
    const unknown = await cli(folder.path, ["run", "december.xlsx", "--opening", "unknown.xlsx"]);
    assert.match(unknown.stderr, /unknown\.xlsx, sheet Closing, cell C8: TABLE is not in this workbook's Items table/);

    // The reader's language, not the sheets': a workbook written in Swedish, run by an English reader.
    await workbookFile(folder.path, "svenska.xlsx", editSheet(december(), "Settings", (rows) => void rows.push(["Language", "sv"])));
    const english = await cli(folder.path, ["run", "svenska.xlsx", "--opening", "unknown.xlsx", "--lang", "en"]);
    assert.match(english.stderr, /unknown\.xlsx, sheet Closing, cell C8: TABLE is not in this workbook's Items table/);
  });

  it("refuses Closing lines no run writes, at their cell, before anything runs: a period's own account carried, goods outside the inventory roles or of the other kind, more decimals than the currency, a variance that is not the value less the standard content", async () => {
    await workbookFile(folder.path, "december.xlsx", december());
    const cases: [string, CellValue[], RegExp][] = [
      ["cogs", ["Account", "COGS", null, 810, 810, 0, 0, 0, null, null, "yes"], /cell K8: COGS starts every period at nothing, so it is never carried forward: its Carried forward must be no/],
      ["apgoods", ["Goods", "AP", "CHAIR", 1, 23.3, 13.3, 10, 0, 13.3, 10, "yes"], /cell B8: AP holds no goods: a Goods line must be in RIP, MATERIALS_CLEARING or FG/],
      ["ripunits", ["Goods off the books", "RIP", "WOOD", 10, 0, 0, 0, 0, null, null, "yes"], /cell B8: RIP holds no goods off the books: a Goods off the books line must be in FG or MATERIALS_CLEARING/],
      ["negunit", ["Goods", "FG", "CHAIR", 100, 2407.03, 1330, 1000, 77.03, -13.3, 10, "yes"], /cell I8: Material per unit must not be negative \(is -13\.3\)/],
      ["blankitem", ["Goods", "FG", null, 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, "yes"], /cell C8: Item is blank/],
      ["trueitem", ["Goods", "FG", true, 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, "yes"], /cell C8: Item: TRUE is not text/],
      ["fgunits", ["Goods off the books", "FG", "CHAIR", 3, 12, 0, 12, 0, null, null, "yes"], /cell B8: with the trigger points purchase, completion, sale, FG holds no goods off the books, so no run writes a Goods off the books line in it/],
      ["mcunits", ["Goods off the books", "MATERIALS_CLEARING", "WOOD", 10, 0, 0, 0, 0, null, null, "yes"], /cell B8: with the trigger points purchase, completion, sale, MATERIALS_CLEARING holds no goods off the books/],
      ["decimals", ["Goods", "FG", "CHAIR", 100, 2407.035, 1330, 1000, 77.035, 13.3, 10, "yes"], /cell E8: 2,407\.035 has more decimals than USD has \(2\)/],
      // The Variance in it left as it was: the value's decimal too many is the cause, and is named at its cell.
      ["decimalsfirst", ["Goods", "FG", "CHAIR", 100, 2407.035, 1330, 1000, 77.03, 13.3, 10, "yes"], /cell E8: 2,407\.035 has more decimals than USD has \(2\)/],
      ["fabric", ["Goods", "FG", "FABRIC", 10, 40, 40, 0, 0, 4, 0, "yes"], /cell B8: FABRIC is a material, held in RIP or MATERIALS_CLEARING, not in FG/],
      ["chairrip", ["Goods", "RIP", "CHAIR", 10, 233, 233, 0, 0, 23.3, 0, "yes"], /cell B8: CHAIR is a product, held in FG, not in RIP/],
      ["blankvalue", ["Goods", "FG", "CHAIR", 100, null, 1330, 1000, 77.03, 13.3, 10, "yes"], /cell E8: Value is blank/],
      ["variance", ["Goods", "FG", "CHAIR", 100, 2407.03, 1330, 1000, 70, 13.3, 10, "yes"], /cell H8: Variance in it 70 is not the line's value less its standard content \(77\.03\), as a run writes it/],
      ["varianceonly", ["Variance", "FG", null, null, 12.5, null, null, 2.5, null, null, "yes"], /cell H8: Variance in it 2\.5 is not the line's value less its standard content \(12\.5\)/],
      // An inventory as one account line, a balance sheet's line not carried, goods where the trigger points keep none.
      ["accountrip", ["Account", "RIP", null, 0, 100, 0, 0, 0, null, null, "yes"], /cell A8: RIP is written item by item, as Goods lines: no run writes it as one Account line/],
      ["carriedno", ["Goods", "RIP", "WOOD", 10, 30, 30, 0, 0, 3, 0, "no"], /cell K8: RIP is carried into the next period by every run: its Carried forward must be yes/],
      ["apno", ["Account", "AP", null, 0, -100, 0, 0, 0, null, null, "no"], /cell K8: AP is carried into the next period by every run/],
      ["mcgoods", ["Goods", "MATERIALS_CLEARING", "WOOD", 10, 30, 30, 0, 0, 3, 0, "yes"], /cell B8: with the trigger points purchase, completion, sale, MATERIALS_CLEARING holds nothing, so no run writes a Goods line in it/],
    ];
    const wood = ["Goods", "RIP", "WOOD", 10, 30, 30, 0, 0, 3, 0, "yes"];
    // A refusal quoting a cell shows its control characters, never sends them to the terminal.
    await workbookFile(folder.path, "escapes.xlsx", closingFixture([...settingRows, ["ESCAPESGoods", "FG", "CHAIR", 1, 1, 1, 0, 0, null, null, "yes"]]));
    const escParts = readZip(readFileSync(join(folder.path, "escapes.xlsx")));
    for (const [name, data] of escParts) if (name.endsWith(".xml")) escParts.set(name, Buffer.from(data.toString("utf8").replace("ESCAPES", "_x001B_[2J_x0007_")));
    writeFileSync(join(folder.path, "escapes.xlsx"), writeZip(escParts));
    const escRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "escapes.xlsx"]);
    assert.equal(escRun.code, 2);
    assert.match(escRun.stderr, /\[U\+001B\]\[2J\[U\+0007\]Goods/);
    assert.doesNotMatch(escRun.stderr, /[\u0000-\u0009\u000b-\u001f]/);
    // A Closing kept the documented way (renamed, its marker cleared) beside the run's own: the run's own is opened.
    const kept = closingFixture([...settingRows, wood]);
    const own = closingFixture([...settingRows, ["Goods", "RIP", "SCREW", 100, 5, 5, 0, 0, 0.05, 0, "yes"]]);
    await workbookFile(folder.path, "kept.xlsx", {
      sheets: [{ name: "Closing Oct", rows: kept.sheets[0].rows.map((r, i) => (i === 1 ? ["my copy"] : r)) }, own.sheets[0]],
      tables: [{ ...kept.tables![0], sheet: "Closing Oct" }, { ...own.tables![0], name: "Backflush_Closing_2" }],
    });
    const keptRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "kept.xlsx", "--json"]);
    assert.equal(keptRun.code, 0, keptRun.stderr);
    await workbookFile(folder.path, "own.xlsx", own);
    const ownRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "own.xlsx", "--json"]);
    const balances = (run: { stdout: string }) => (JSON.parse(run.stdout) as { balances: Record<string, string> }).balances;
    assert.deepEqual(balances(keptRun), balances(ownRun), "opened at the run's own Closing (SCREW 5.00), not the kept copy (WOOD 30.00)");
    // Kept by renaming alone, its marker still in A2: still the user's copy, and the run's own is opened.
    await workbookFile(folder.path, "renamed.xlsx", {
      sheets: [{ name: "Closing Oct", rows: kept.sheets[0].rows }, own.sheets[0]],
      tables: [{ ...kept.tables![0], sheet: "Closing Oct" }, { ...own.tables![0], name: "Backflush_Closing_2" }],
    });
    const renamedRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "renamed.xlsx", "--json"]);
    assert.equal(renamedRun.code, 0, renamedRun.stderr);
    assert.deepEqual(balances(renamedRun), balances(ownRun), "opened at the run's own Closing, not the renamed copy that kept its marker");
    // A kept copy between them deleted: the run's own table is Backflush_Closing_3, with no _2.
    await workbookFile(folder.path, "gap.xlsx", {
      sheets: [{ name: "Closing Oct", rows: kept.sheets[0].rows }, own.sheets[0]],
      tables: [{ ...kept.tables![0], sheet: "Closing Oct" }, { ...own.tables![0], name: "Backflush_Closing_3" }],
    });
    assert.deepEqual(balances(await cli(folder.path, ["run", "december.xlsx", "--opening", "gap.xlsx", "--json"])), balances(ownRun), "the run's own Closing past a gap in the tables' numbers");
    await workbookFile(folder.path, "keptonly.xlsx", kept);
    assert.notDeepEqual(balances(await cli(folder.path, ["run", "december.xlsx", "--opening", "keptonly.xlsx", "--json"])), balances(ownRun));
    // A line twice (copied), and a line deleted under the control total the run wrote.
    await workbookFile(folder.path, "twice.xlsx", closingFixture([...settingRows, wood, ["Goods", "RIP", "SCREW", 100, 5, 5, 0, 0, 0.05, 0, "yes"], wood]));
    assert.match((await cli(folder.path, ["run", "december.xlsx", "--opening", "twice.xlsx"])).stderr, /twice\.xlsx, sheet Closing, cell C10: RIP WOOD is listed on row 8 already, and a run writes each line once/);
    const total = ["Setting", "CarriedTotal", null, null, 35, null, null, null, null, null, null];
    await workbookFile(folder.path, "total.xlsx", closingFixture([...settingRows, total, wood, ["Goods", "RIP", "SCREW", 100, 5, 5, 0, 0, 0.05, 0, "yes"]]));
    assert.equal((await cli(folder.path, ["run", "december.xlsx", "--opening", "total.xlsx"])).code, 0, "the lines add up to the control total");
    await workbookFile(folder.path, "deleted.xlsx", closingFixture([...settingRows, total, wood]));
    const deleted = await cli(folder.path, ["run", "december.xlsx", "--opening", "deleted.xlsx"]);
    assert.equal(deleted.code, 2);
    assert.match(deleted.stderr, /deleted\.xlsx, sheet Closing, cell E8: the lines carried forward add up to 30, where the run that wrote this sheet carried 35: a line was deleted or changed/);
    // The control total's row deleted with a line: refused, not read as a sheet with nothing to check against.
    const withTotal = closingFixture([...settingRows, total, wood]);
    const noTotal: PortFixture = { sheets: [{ name: "Closing", rows: withTotal.sheets[0].rows.filter((r) => r[1] !== "CarriedTotal") }], tables: [{ ...withTotal.tables![0], range: "A4:K9" }] };
    await workbookFile(folder.path, "nototal.xlsx", noTotal);
    const noTotalRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "nototal.xlsx", "-o", "nototal-out.xlsx"]);
    assert.equal(noTotalRun.code, 2, noTotalRun.stderr);
    assert.match(noTotalRun.stderr, /nototal\.xlsx, sheet Closing, cell B4: the Closing sheet has no Setting row CarriedTotal, which every run writes/);
    assert.equal(existsSync(join(folder.path, "nototal-out.xlsx")), false);
    // A quantity retyped beside the value the run wrote (100 kg of SCREW made 90, still worth 5.00), against the quantities'
    // control total, and the control total's row deleted: refused at its cell, nothing written.
    const units = ["Setting", "CarriedUnits", null, 110, null, null, null, null, null, null, null];
    await workbookFile(folder.path, "qty.xlsx", closingFixture([...settingRows, total, units, wood, ["Goods", "RIP", "SCREW", 90, 5, 5, 0, 0, 0.05, 0, "yes"]]));
    const qty = await cli(folder.path, ["run", "december.xlsx", "--opening", "qty.xlsx", "-o", "qty-out.xlsx"]);
    assert.equal(qty.code, 2, qty.stderr);
    assert.match(qty.stderr, /qty\.xlsx, sheet Closing, cell D9: the quantities carried forward add up to 100, where the run that wrote this sheet carried 110 \(units of every item together\): a quantity was changed or a line deleted/);
    assert.equal(existsSync(join(folder.path, "qty-out.xlsx")), false);
    assert.equal((await cli(folder.path, ["run", "december.xlsx", "--opening", "qty.xlsx", "--lang", "ms"])).stderr.includes("kuantiti yang dibawa ke hadapan berjumlah 100"), true);
    const withUnits = closingFixture([...settingRows, total, wood, ["Goods", "RIP", "SCREW", 100, 5, 5, 0, 0, 0.05, 0, "yes"]]);
    const noUnits: PortFixture = { sheets: [{ name: "Closing", rows: withUnits.sheets[0].rows.filter((r) => r[1] !== "CarriedUnits") }], tables: [{ ...withUnits.tables![0], range: "A4:K10" }] };
    await workbookFile(folder.path, "nounits.xlsx", noUnits);
    assert.match((await cli(folder.path, ["run", "december.xlsx", "--opening", "nounits.xlsx"])).stderr, /nounits\.xlsx, sheet Closing, cell B4: the Closing sheet has no Setting row CarriedUnits, which every run writes/);
    // A control total may pass the limit of one figure (10^15) that each line keeps below: two lines of 6 × 10^14 units.
    const many = ["WOOD", "SCREW"].map((item) => ["Goods", "RIP", item, 600000000000000, 0, 0, 0, 0, 0, 0, "yes"]);
    await workbookFile(folder.path, "many.xlsx", closingFixture([...settingRows, ...many]));
    // (December's standards then value them past what one journal line may carry: that is the run's to say, not the sheet's.)
    assert.doesNotMatch((await cli(folder.path, ["run", "december.xlsx", "--opening", "many.xlsx"])).stderr, /sheet Closing/);
    // Figures past a cell's 15 digits come back a unit off in the last place: within that, the lines add up.
    const huge = ["Setting", "CarriedTotal", null, null, 98765432109876.54, null, null, null, null, null, null];
    // Two lines of 49,382,716,054,938.27 each: read back as …938.3 each (15 digits), the sum is …876.6 against …876.5.
    const hugeLines = ["WOOD", "SCREW"].map((item) => ["Goods", "RIP", item, 1, 49382716054938.27, 49382716054938.27, 0, 0, 49382716054938.27, 0, "yes"]);
    await workbookFile(folder.path, "huge.xlsx", closingFixture([...settingRows, huge, ...hugeLines]));
    const hugeRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "huge.xlsx"]);
    assert.doesNotMatch(hugeRun.stderr, /add up to/, hugeRun.stderr);
    // A PeriodEnd typed again in Excel is a date cell, read as its day; a TRUE where yes or no belongs is shown as Excel shows it.
    const dated = settingRows.map((r) => (r[1] === "PeriodEnd" ? [r[0], r[1], day("2026-11-30"), ...r.slice(3)] : r));
    await workbookFile(folder.path, "dated.xlsx", closingFixture([...dated, ["Goods", "FG", "CHAIR", 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, "yes"]]));
    const datedRun = await cli(folder.path, ["run", "december.xlsx", "--opening", "dated.xlsx", "--json"]);
    assert.equal(datedRun.code, 0, datedRun.stderr);
    await workbookFile(folder.path, "truecarried.xlsx", closingFixture([...settingRows, ["Goods", "FG", "CHAIR", 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, true]]));
    assert.match((await cli(folder.path, ["run", "december.xlsx", "--opening", "truecarried.xlsx", "--lang", "sv"])).stderr, /cell K8: SANT är inget giltigt värde för Carried forward/);
    // Where purchases are not booked, materials off the books are a quantity above zero with no value.
    const offBooksRows = settingRows.map((r) => (r[1] === "Triggers" ? [r[0], r[1], "completion-sale", ...r.slice(3)] : r));
    for (const [name, row, message] of [
      ["negoff", ["Goods off the books", "MATERIALS_CLEARING", "WOOD", -20, 0, 0, 0, 0, null, null, "yes"], /cell D8: materials off the books are a quantity above zero with no value, as a run writes them/],
      ["valoff", ["Goods off the books", "MATERIALS_CLEARING", "WOOD", 20, 40, 0, 0, 40, null, null, "yes"], /cell E8: materials off the books are a quantity above zero with no value/],
    ] as [string, CellValue[], RegExp][]) {
      await workbookFile(folder.path, `${name}.xlsx`, closingFixture([...offBooksRows, row]));
      const run = await cli(folder.path, ["run", "december.xlsx", "--opening", `${name}.xlsx`]);
      assert.equal(run.code, 2, `${name}: ${run.stdout}`);
      assert.match(run.stderr, message, name);
    }
    for (const [name, row, message] of cases) {
      await workbookFile(folder.path, `${name}.xlsx`, closingFixture([...settingRows, row]));
      const run = await cli(folder.path, ["run", "december.xlsx", "--opening", `${name}.xlsx`, "-o", "out.xlsx"]);
      assert.equal(run.code, 2, `${name}: ${run.stdout}`);
      assert.match(run.stderr, message, name);
      assert.match(run.stderr, new RegExp(`^backflush: ${name}\\.xlsx, sheet Closing, `), name);
    }
    assert.ok(!existsSync(join(folder.path, "out.xlsx")));
    // Said in Swedish over a sheet written in English, the column is named as the sheet heads it, the figures the Swedish way.
    const sv = await cli(folder.path, ["run", "december.xlsx", "--opening", "cogs.xlsx", "--lang", "sv"]);
    assert.match(sv.stderr, /cell K8: COGS börjar varje period på noll och förs därför aldrig vidare: dess Carried forward måste vara nej/);
    const svVariance = await cli(folder.path, ["run", "december.xlsx", "--opening", "variance.xlsx", "--lang", "sv"]);
    assert.match(svVariance.stderr, /cell H8: Variance in it 70 är inte radens värde minus dess standardinnehåll \(77,03\)/);
    // A line typed right below the Closing table, which the table does not take in, is refused, not left out of the opening.
    const below = closingFixture([...settingRows, ["Goods", "FG", "CHAIR", 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, "yes"]]);
    const grown: PortFixture = { ...below, sheets: [{ name: "Closing", rows: [...below.sheets[0].rows, ["Goods", "RIP", "WOOD", 5, 15, 15, 0, 0, 3, 0, "yes"]] }] };
    await workbookFile(folder.path, "below.xlsx", grown);
    const outside = await cli(folder.path, ["run", "december.xlsx", "--opening", "below.xlsx"]);
    assert.equal(outside.code, 2, outside.stdout);
    assert.match(outside.stderr, /below\.xlsx, sheet Closing, cell A11: row 11 holds data right below the Excel table Backflush_Closing, outside it/);
  });

  it("reads a Closing sheet written in Swedish, and refuses one without our marker", async () => {
    await workbookFile(folder.path, "december.xlsx", december());
    const sv = translator("sv");
    const rows: CellValue[][] = [...settingRows.map((r) => [sv.t("closing.section.setting"), ...r.slice(1)]), [sv.t("closing.section.goods"), "FG", "CHAIR", 100, 2407.03, 1330, 1000, 77.03, 13.3, 10, sv.t("closing.yes")]];
    const swedish = closingFixture(rows);
    const header = CLOSING_COLUMNS.map((c) => sv.t(`closing.col.${c}`));
    const fixture: PortFixture = { ...swedish, sheets: [{ name: "Closing", rows: [...swedish.sheets[0].rows.slice(0, 3), header, ...swedish.sheets[0].rows.slice(4)] }] };
    await workbookFile(folder.path, "sv.xlsx", fixture);
    const run = await cli(folder.path, ["run", "december.xlsx", "--opening", "sv.xlsx", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { journal: JsonLine[] };
    assert.deepEqual(json.journal.filter((l) => l.trigger === "sale" && l.role === "COGS").map((l) => l.debit), ["77.03", "2330.00"]);

    await workbookFile(folder.path, "unmarked.xlsx", closingFixture(rows, "My own notes"));
    const unmarked = await cli(folder.path, ["run", "december.xlsx", "--opening", "unmarked.xlsx"]);
    assert.equal(unmarked.code, 2);
    assert.match(unmarked.stderr, /unmarked\.xlsx, sheet Closing: cell A2 does not carry Backflush's marker/);
  });
});
