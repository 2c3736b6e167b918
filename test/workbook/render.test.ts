import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, TRIGGER_SEQUENCES, ZERO, reviewStandards, runBackflush, type BackflushResult, type VarianceLine } from "../../src/engine";
import { buildSampleTables, generatePlant, rawTablesOf } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { BROUGHT_FORWARD, JOURNAL_COLUMNS, MAX_CELL_TEXT, inputSentence, journalRows, renderSheets, varianceTable, type OutCell, type SheetModel } from "../../src/workbook/render";
import { chairMaker } from "../support/build";
import { newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { ZipArchive } from "../../src/adapters/xlsx/zip";
import { generatedCell } from "../../src/adapters/office/cells";

const ctx = { when: "2026-12-06 07:00", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test" };
const sheetOf = (result: BackflushResult, kind: SheetModel["kind"]) => renderSheets(result, ctx).find((s) => s.kind === kind)!;
const col = (sheet: SheetModel, header: string): number => {
  const j = sheet.columns.findIndex((c) => c.header === header);
  assert.ok(j >= 0, `${sheet.kind} has no column ${header}`);
  return j;
};
const sumOf = (rows: readonly (readonly OutCell[])[], j: number): Dec => rows.reduce((a, r) => (r[j] instanceof Dec ? a.plus(r[j] as Dec) : a), ZERO);
const amount = (c: OutCell): Dec => (c instanceof Dec ? c : ZERO);

const sample = (() => {
  const read = readInput(rawTablesOf(buildSampleTables()));
  assert.ok(read.input, "the sample reads");
  return runBackflush(read.input);
})();

describe("workbook: journal rows", () => {
  const result = runBackflush(chairMaker());
  const rows = journalRows(result, DEFAULT_ACCOUNTS, { Production: "Production" });
  const debit = JOURNAL_COLUMNS.findIndex((c) => c.header === "Debit");
  const credit = JOURNAL_COLUMNS.findIndex((c) => c.header === "Credit");

  it("shows each amount on its own side only: the other side is blank, never 0.00", () => {
    assert.equal(rows.length, result.journal.reduce((n, e) => n + e.lines.length, 0));
    for (const row of rows) assert.ok(row[debit] === null || row[credit] === null, `both sides filled: ${JSON.stringify(row)}`);
    const fg = rows.find((r) => r[5] === "FG" && r[2] === "completion")!;
    assert.equal((fg[debit] as { toFixed(n: number): string }).toFixed(2), "23300.00");
    assert.equal(fg[credit], null);
  });
});

describe("workbook: the Balances sheet is a trial balance", () => {
  for (const [name, result] of [
    ["the chair maker", runBackflush(chairMaker())],
    ["the sample", sample],
  ] as const) {
    it(`of ${name}: every balance on its own side, Debit and Credit totals equal`, () => {
      const sheet = sheetOf(result, "Balances");
      const [opening, debits, credits, debit, credit] = ["Opening value", "Period debits", "Period credits", "Debit", "Credit"].map((h) => col(sheet, h));
      for (const r of sheet.rows) {
        assert.ok(r[debit] === null || r[credit] === null, `both sides: ${String(r[1])} ${String(r[3])}`);
        // opening + period debits − period credits is the ending balance, debit − credit.
        assert.ok(amount(r[opening]).plus(amount(r[debits])).minus(amount(r[credits])).equals(amount(r[debit]).minus(amount(r[credit]))), `${String(r[1])} ${String(r[3])}`);
      }
      assert.ok(sumOf(sheet.rows, debit).greaterThan(0));
      assert.equal(sumOf(sheet.rows, debit).toFixed(2), sumOf(sheet.rows, credit).toFixed(2));
      assert.equal(sumOf(sheet.rows, debits).toFixed(2), result.totals.debit.toFixed(2));
      assert.equal(sumOf(sheet.rows, credits).toFixed(2), result.totals.credit.toFixed(2));
    });
  }

  it("brings the openings forward on the credit side in one last line", () => {
    const sheet = sheetOf(sample, "Balances");
    const last = sheet.rows[sheet.rows.length - 1];
    const openings = sample.balances.reduce((a, b) => a.plus(b.openingValue), ZERO);
    assert.ok(openings.greaterThan(0), "the sample opens with stock");
    assert.equal(last[col(sheet, "Account name")], BROUGHT_FORWARD);
    assert.equal((last[col(sheet, "Credit")] as Dec).toFixed(2), openings.toFixed(2));
    // The old total of ending values added assets, liabilities and expenses: 18,757.84 in the sample, now the openings' credit.
    assert.equal(openings.toFixed(2), "18757.84");
  });

  it("with no openings, has no brought-forward line", () => {
    const result = runBackflush(chairMaker());
    const sheet = sheetOf(result, "Balances");
    assert.ok(result.balances.every((b) => b.openingValue.isZero()), "the chair maker opens empty");
    assert.ok(!sheet.rows.some((r) => r[col(sheet, "Account name")] === BROUGHT_FORWARD));
  });
});

describe("workbook: the Variances sheet", () => {
  const sheet = sheetOf(sample, "Variances");
  const [kind, item, book, counted, bookValue, countedValue, variance] = ["Kind", "Item", "Book qty", "Counted qty", "Book at standard", "Counted at standard", "Variance"].map((h) => col(sheet, h));

  it("gives usage rows their book and counted quantities and values, which differ by the variance", () => {
    const usage = sheet.rows.filter((r) => r[kind] === "usage");
    assert.ok(usage.length > 0);
    for (const r of usage) {
      const v = sample.variances.find((x) => x.kind === "usage" && x.item === r[item])!;
      assert.ok((r[book] as Dec).minus(r[counted] as Dec).equals(v.qty!), `${String(r[item])} book − counted`);
      assert.ok((r[bookValue] as Dec).minus(r[countedValue] as Dec).equals(r[variance] as Dec), `${String(r[item])} values`);
      assert.equal(r[col(sheet, "At standard price")], null, "a usage row leaves the price columns blank");
    }
  });

  it("shows an item's counted value as the Balances sheet's ending value (FABRIC-GREY 1,019.17 on both)", () => {
    const balances = sheetOf(sample, "Balances");
    const [role, bItem, bDebit] = ["Role", "Item", "Debit"].map((h) => col(balances, h));
    const usage = sheet.rows.filter((r) => r[kind] === "usage");
    for (const r of usage) {
      const rip = balances.rows.find((b) => b[role] === "RIP" && b[bItem] === r[item])!;
      assert.equal(amount(rip[bDebit]).toFixed(2), (r[countedValue] as Dec).toFixed(2), String(r[item]));
    }
    const fabric = usage.find((r) => r[item] === "FABRIC-GREY")!;
    // 84.931 m counted × 12.00 = 1,019.172 → 1,019.17, rounded on its own; RIP held 1,064.15 (its rounded lines), so the variance is 44.98.
    assert.equal((fabric[countedValue] as Dec).toFixed(2), "1019.17");
  });

  it("names every column once, and a variance kind it has no layout for still shows, under Qty, At standard and Actual", () => {
    assert.equal(new Set(sheet.columns.map((c) => c.header)).size, sheet.columns.length);
    assert.ok(!sheet.columns.some((c) => c.header === "Actual"), "no generic columns without a new kind");
    const novel = { kind: "mix", item: "WIDGET", qty: new Dec(2), standard: new Dec(10), actual: new Dec(13), amount: new Dec(3), favorable: false, disposition: "cogs" } as unknown as VarianceLine;
    const table = varianceTable([...sample.variances, novel], DEFAULT_ACCOUNTS);
    const row = table.rows[table.rows.length - 1];
    const at = (h: string) => table.columns.findIndex((c) => c.header === h);
    assert.deepEqual([row[at("Kind")], row[at("Item")], String(row[at("Qty")]), String(row[at("At standard")]), String(row[at("Actual")]), String(row[at("Variance")]), row[at("F/U")]], ["mix", "WIDGET", "2", "10", "13", "3", "U"]);
    assert.equal(table.chart.valueColumn, at("Variance"));
  });

  it("explains the signs in its title", () => {
    assert.match(sheet.title, /actual − standard: positive unfavorable \(U, cost above standard\), negative favorable \(F\)/);
  });
});

describe("workbook: the Run Log", () => {
  it("gives debits and credits as amounts, and its inputs as sentences", () => {
    const inputs = [
      { table: "Items" as const, sheet: "Items", tableName: "Items", rows: 42 },
      { table: "Sales" as const, sheet: "Försäljning", rows: 1 },
    ];
    const log = renderSheets(sample, { ...ctx, inputs }).find((s) => s.kind === "Run Log")!;
    const amountAt = col(log, "Amount");
    const row = (label: string) => log.rows.find((r) => r[1] === label)!;
    assert.ok((row("Debits")[amountAt] as Dec).equals(sample.totals.debit));
    assert.ok((row("Credits")[amountAt] as Dec).equals(sample.totals.credit));
    assert.equal(log.columns[amountAt].kind, "money");
    assert.equal(row("Items")[2], "42 rows read from the table Items on the sheet Items.");
    assert.equal(row("Sales")[2], "1 row read from the sheet Försäljning (headers in row 1, no Excel table).");
    assert.equal(inputSentence({ table: "Items", sheet: "A", tableName: "T", rows: 0 }), "0 rows read from the table T on the sheet A.");
  });

  it("formats the amounts in titles with grouped thousands, as the sheet language writes them", () => {
    const debit = sample.totals.debit.toFixed(2);
    assert.ok(sample.totals.debit.greaterThan(1000), "a total with thousands to group");
    const title = sheetOf(sample, "Balances").title;
    assert.match(title, /journal debits \d{1,3}(,\d{3})+\.\d\d equal credits/);
    assert.ok(title.includes(`debits ${debit.replace(/\B(?=(\d{3})+(?!\d))/g, ",")} equal`), title);
    // Swedish groups with a no-break space and marks decimals with a comma: 18757.84 → 18 757,84.
    const swedish = renderSheets(sample, { ...ctx, language: "sv" }).find((s) => s.kind === "Balances")!.title;
    assert.ok(swedish.includes(`debet ${debit.replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0")} är lika med`), swedish);
  });
});

describe("workbook: one figure reads the same on every sheet, properties", function () {
  this.timeout(120_000);

  it("on generated plants in every sequence: the trial balance balances, and a counted value is RIP's ending value", () => {
    let counted = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(...TRIGGER_SEQUENCES), (seed, sequence) => {
        const read = readInput(rawTablesOf(generatePlant({ seed, sequence, materials: 6, assemblies: 4, bomDepth: 2, bomWidth: 3, completionRows: 40, salesRows: 15, purchaseRows: 20, conversionRows: 4, periodDays: 10 })));
        assert.ok(read.input, read.problems.map((p) => p.message).join("; "));
        const result = runBackflush(read.input);
        const balances = sheetOf(result, "Balances");
        assert.ok(sumOf(balances.rows, col(balances, "Debit")).equals(sumOf(balances.rows, col(balances, "Credit"))), "trial balance");
        const variances = sheetOf(result, "Variances");
        const [kind, item, bookValue, countedValue, variance] = ["Kind", "Item", "Book at standard", "Counted at standard", "Variance"].map((h) => col(variances, h));
        for (const r of variances.rows.filter((x) => x[kind] === "usage")) {
          assert.ok((r[bookValue] as Dec).minus(r[countedValue] as Dec).equals(r[variance] as Dec), `${String(r[item])}: book − counted = variance`);
          const rip = result.balances.find((b) => b.role === "RIP" && b.item === r[item]);
          if (!rip) continue; // materials off the books (clearing) have no RIP line
          assert.equal((r[countedValue] as Dec).toFixed(), rip.endingValue.toFixed(), `${String(r[item])} counted value vs RIP`);
          counted++;
        }
      }),
      { numRuns: 30 },
    );
    assert.ok(counted > 0, "some plant counted a booked material off its book");
  });
});

describe("writing: no cell holds more text than Excel's 32,767 characters", () => {
  // Past Excel's limit (a file another program wrote): an item code, a category, a description and a unit of
  // 32,775 UTF-16 units, an emoji straddling the limit (its first half the 32,766th unit).
  const long = (c: string) => c.repeat(MAX_CELL_TEXT - 2) + "😀" + c.repeat(8);
  const wood = long("W");
  const base = chairMaker();
  const rename = (item: string) => (item === "WOOD" ? wood : item);
  const input = {
    ...base,
    items: base.items.map((it) => ({ ...it, item: rename(it.item), ...(it.item === "FABRIC" ? { description: long("d"), unit: long("u") } : {}) })),
    bom: base.bom.map((l) => ({ ...l, component: rename(l.component) })),
    purchases: base.purchases.map((p) => ({ ...p, item: rename(p.item), amount: p.item === "FABRIC" ? new Dec("2700.00") : p.amount })),
    inventory: (base.inventory ?? []).map((s) => ({ ...s, item: rename(s.item) })),
    conversion: base.conversion.map((c) => ({ ...c, category: long("c") })),
  };
  const result = runBackflush(input);
  const sheets = renderSheets(result, { ...ctx, review: reviewStandards(input, result) });

  it("the .xlsx writer cuts every text on every sheet (Consumption, Balances, Closing, Proposed Items…), never mid-character", async () => {
    assert.ok(sheets.some((s) => s.kind === "Proposed Items"), "the review proposes FABRIC's price, so Proposed Items lists it with its description");
    const book = await newXlsx();
    await book.writeSheets(sheets, [], { minorUnits: 2, marker: "m" });
    const zip = new ZipArchive(xlsxBytes(book));
    let texts = 0;
    for (const entry of zip.entries.filter((e) => e.name.startsWith("xl/worksheets/sheet"))) {
      const xml = await zip.text(entry);
      for (const m of xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) {
        const text = m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
        texts++;
        assert.ok(text.length <= MAX_CELL_TEXT, `${entry.name}: ${text.length} characters`);
        const last = text.charCodeAt(text.length - 1);
        assert.ok(!(last >= 0xd800 && last <= 0xdbff), `${entry.name} has a text ending in half a character`);
      }
    }
    assert.ok(texts > 100);
  });

  it("the Office adapter cuts them as it writes them", () => {
    const consumption = sheets.find((s) => s.kind === "Consumption")!;
    const longest = consumption.rows.flat().find((v) => typeof v === "string" && v.length > MAX_CELL_TEXT) as string;
    const written = generatedCell("text", longest, "@").value as string;
    assert.equal(written.length, MAX_CELL_TEXT - 1);
    assert.ok(written.endsWith("…") && !written.includes("😀"));
  });
});

describe("render: the Variances sheet's title, prorated", () => {
  it("says prorated in a line short enough to print with the table, in every language; the Run Log says where each kind goes", () => {
    const result = runBackflush(chairMaker({ disposition: "prorate" }));
    for (const language of ["en", "sv", "ms"] as const) {
      const sheets = renderSheets(result, { ...ctx, language });
      const title = sheets.find((s) => s.kind === "Variances")!.title;
      // The sheet is some 150 characters wide at the title's size; the whole rule took 320 and shrank the printed table to half.
      assert.ok(title.length <= 200, `${language}: ${title.length} characters: ${title}`);
      const log = sheets.find((s) => s.kind === "Run Log")!.rows.map((r) => r.map(String).join(" ")).join("\n");
      assert.ok(log.length > 0 && /COGS|kostnad sålda varor|kos barang dijual/.test(log) && log.includes(language === "en" ? "usage and conversion variances over finished goods and COGS" : language === "sv" ? "förbruknings- och förädlingsavvikelser" : "varians penggunaan dan penukaran"), `${language}: the Run Log's disposition`);
    }
  });
});
