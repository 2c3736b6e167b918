/**
 * `backflush run` end to end on real .xlsx files: every trigger sequence, the
 * layout of what it writes, --json, running again in place, a user's own
 * Journal sheet, and item names that look like formulas.
 */
import { strict as assert } from "node:assert";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { runBackflush } from "../../src/engine/run";
import type { TriggerSequence } from "../../src/engine/types";
import { isoFromUtcDate } from "../../src/engine/dates";
import { decFromNumber } from "../../src/workbook/cells";
import { GENERATED_KINDS, SHEET_LAYOUT, isMarker, numberFormat } from "../../src/workbook/render";
import { chairMaker as engineChairMaker } from "../support/build";
import type { PortFixture } from "../contract/fixtures";
import { chairMaker, editSheet, withSheets } from "../contract/fixtures";
import { readZip, sheetXml } from "../adapters/xlsx-zip";
import { cli, money, netOf, readSaved, records, runToOutput, sha256, tempFolder, workbookFile } from "./support";

const SEQUENCES: readonly { sequence: TriggerSequence; triggers: string; absent: readonly string[] }[] = [
  { sequence: "purchase-completion-sale", triggers: "purchase, completion, sale", absent: [] },
  { sequence: "purchase-sale", triggers: "Purchase, Sale", absent: ["completion"] },
  { sequence: "completion-sale", triggers: "tillverkning, försäljning", absent: ["purchase"] },
  { sequence: "sale", triggers: "sale", absent: ["purchase", "completion"] },
];

describe("e2e: backflush run", () => {
  const folder = tempFolder();

  for (const { sequence, triggers, absent } of SEQUENCES) {
    it(`costs the chair maker with triggers "${triggers}" (${sequence}) and writes the engine's journal line for line`, async () => {
      const { run, saved } = await runToOutput(folder.path, chairMaker({ triggers }));
      const journal = records(saved, "Journal");

      const expected = runBackflush(engineChairMaker({ sequence }));
      const lines = expected.journal.flatMap((e) => e.lines.map((l) => ({ e, l })));
      assert.equal(journal.length, lines.length);
      journal.forEach((row, i) => {
        const { e, l } = lines[i];
        const got = [row.Entry, isoFromUtcDate(row.Date as Date), row.Trigger, row.Role, row.Item, money(row.Debit), money(row.Credit), row.Memo];
        assert.deepEqual(got, [e.entry, e.date, e.trigger, l.role, l.item ?? l.category ?? null, l.debit.toFixed(2), l.credit.toFixed(2), l.memo], `line ${i + 1}`);
        if (row.Qty !== null) assert.equal(decFromNumber(row.Qty as number).toFixed(), l.qty?.toFixed());
      });

      // Anchors from DOMAIN.md: 900 chairs sold at a standard 23.30 is 20,970.00 of COGS in every sequence.
      assert.equal(netOf(journal.filter((r) => r.Trigger === "sale" && r.Role === "COGS")), "20970.00");
      assert.equal(netOf(journal), "0.00", "debits equal credits");
      const triggersSeen = new Set(journal.map((r) => r.Trigger));
      for (const t of absent) assert.ok(!triggersSeen.has(t), `${t} entries in ${sequence}`);
      assert.ok(triggersSeen.has("sale") && triggersSeen.has("period-end"));
      if (sequence === "purchase-completion-sale") {
        assert.equal(netOf(journal.filter((r) => r.Role === "COGS")), "21780.00");
        const cogs = records(saved, "Balances").filter((b) => b.Role === "COGS");
        assert.equal(netOf(cogs.map((b) => ({ Debit: b.Debit, Credit: b.Credit }))), "21780.00");
      }
      assert.equal((await readdir(folder.path)).sort().join(" "), "chairs.xlsx out.xlsx");
      assert.ok(run.stdout.includes("Wrote out.xlsx"), run.stdout);
    });
  }

  it("writes each generated sheet as a formatted table with a marker, totals and a frozen header, and keeps the input", async () => {
    const fixture = chairMaker({ asTables: true });
    const { saved } = await runToOutput(folder.path, fixture);
    assert.deepEqual(saved.sheetNames(), [...fixture.sheets.map((s) => s.name), ...GENERATED_KINDS]);
    for (const s of fixture.sheets) assert.deepEqual(saved.values(s.name).map((r) => r.map((v) => (v instanceof Date ? isoFromUtcDate(v) : v))), s.rows.map((r) => trimmed(r).map((v) => (v instanceof Date ? isoFromUtcDate(v) : v))), s.name);
    const tables = saved.tables();
    for (const kind of GENERATED_KINDS) {
      assert.ok(isMarker(saved.cell(kind, "A2").value), `${kind} marker`);
      assert.equal(saved.frozenRows(kind), SHEET_LAYOUT.headerRow, `${kind} frozen header`);
      const own = tables.filter((t) => t.sheet === kind);
      assert.equal(own.length, 1, `${kind} table`);
      assert.ok(own[0].range.startsWith(`A${SHEET_LAYOUT.headerRow}:`), own[0].range);
      // Proposed Items is pasted into next period's Items: a totals row there would be pasted too. Closing is read by the next
      // period, and its values of different accounts do not add up to anything.
      assert.equal(own[0].totalsRow, kind !== "Run Log" && kind !== "Proposed Items" && kind !== "Closing", `${kind} totals`);
    }
    for (const s of fixture.sheets) assert.ok(tables.some((t) => t.name === s.name && t.sheet === s.name && t.headerRow), `input table ${s.name} kept`);

    const journal = records(saved, "Journal");
    const last = SHEET_LAYOUT.headerRow + journal.length;
    assert.equal(saved.cell("Journal", "B5").numberFormat, numberFormat("date", 2));
    assert.equal(saved.cell("Journal", "H5").numberFormat, numberFormat("money", 2));
    assert.equal(saved.cell("Journal", "K5").numberFormat, "@");
    const debit = saved.cell("Journal", `H${last + 1}`);
    const credit = saved.cell("Journal", `I${last + 1}`);
    assert.match(debit.formula ?? "", /^=SUBTOTAL\(109,/);
    assert.equal(money(debit.value), money(credit.value));
    assert.equal(money(debit.value), journal.reduce((a, r) => a.plus(decFromNumber(Number(r.Debit ?? 0))), decFromNumber(0)).toFixed(2));
    assert.ok(saved.values("Run Log").some((r) => r[1] === "Check" && r[2] === "debits equal credits"));
    // Input rows, or the entries a period-end line closes (after the rows it has).
    assert.ok(journal.every((r) => typeof r.Source === "string" && /^((Purchases|Conversion|Production|Sales|Inventory|Items) rows? \d[^;]*(; |$))*(Journal entr(y|ies) \d.*)?$/.test(r.Source) || r.Source === null));
    assert.ok(journal.some((r) => /Journal entr/.test(String(r.Source))), "a period-end close names its entries");
  });

  it("prints one JSON document with --json: journal lines, balances by role, variances and warnings as exact decimals", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const run = await cli(folder.path, ["run", "chairs.xlsx", "--json", "-o", "out.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    const doc = JSON.parse(run.stdout) as {
      ok: boolean;
      output: string;
      journal: Record<string, unknown>[];
      balances: Record<string, string>;
      variances: { kind: string; item: string | null; amount: string; favorable: boolean }[];
      warnings: unknown[];
      totals: { debit: string; credit: string };
      standardsReview: Record<string, unknown>[];
      proposedRollup: { item: string; standard: Record<string, string>; proposed: Record<string, string> }[];
    };
    assert.equal(doc.ok, true);
    assert.equal(doc.output, "out.xlsx");
    for (const key of ["entry", "date", "trigger", "role", "account", "debit", "credit", "memo", "source"]) assert.ok(doc.journal.every((l) => key in l), key);
    assert.ok(doc.journal.every((l) => /^\d+\.\d{2}$/.test(String(l.debit)) && /^\d+\.\d{2}$/.test(String(l.credit))));
    assert.deepEqual(
      { RIP: doc.balances.RIP, FG: doc.balances.FG, COGS: doc.balances.COGS, PPV: doc.balances.PPV },
      { RIP: "2040.00", FG: "2330.00", COGS: "21780.00", PPV: "0.00" },
    );
    const price = Object.fromEntries(doc.variances.filter((v) => v.kind === "price").map((v) => [v.item, [v.amount, v.favorable]]));
    assert.deepEqual(price, { WOOD: ["400.00", false], SCREW: ["-40.00", true], FABRIC: ["-60.00", true] });
    assert.ok(Array.isArray(doc.warnings));
    assert.equal(doc.totals.debit, doc.totals.credit);
    // The standards review, in the shape: WOOD paid 12,400 / 4,000 = 3.10 against 3.00, +3.33 %, within 5 %.
    assert.ok(doc.standardsReview.every((r) => Object.keys(r).join() === "item,kind,standard,actual,deviationPct,flagged,proposed"));
    assert.deepEqual(doc.standardsReview.find((r) => r.kind === "price" && r.item === "WOOD"), { item: "WOOD", kind: "price", standard: "3", actual: "3.1", deviationPct: "3.33", flagged: false, proposed: "3" });
    // Conversion 10,450 / 10,000: the CHAIR's 8.00 → 8.36, +4.50 %.
    assert.deepEqual(doc.standardsReview.find((r) => r.kind === "conversion" && r.item === "CHAIR"), { item: "CHAIR", kind: "conversion", standard: "8", actual: "8.36", deviationPct: "4.50", flagged: false, proposed: "8" });
    assert.deepEqual(doc.proposedRollup.find((r) => r.item === "CHAIR"), { item: "CHAIR", standard: { material: "13.3", conversion: "10", total: "23.3" }, proposed: { material: "13.3", conversion: "10", total: "23.3" } });
  });

  it("checks and costs without -o or --in-place, writing nothing", async () => {
    const input = await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    const before = await sha256(input);
    const run = await cli(folder.path, ["run", "chairs.xlsx"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Cost of goods sold +21,780\.00/);
    assert.match(run.stdout, /Nothing written/);
    assert.equal(await sha256(input), before);
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
  });

  it("points to the Run Log sheet for the warnings past three only when it wrote one; otherwise says how to see them", async () => {
    // Completion and sale as trigger points keep materials off the books: each of the five materials' opening quantities gives a warning.
    const fixture = editSheet(editSheet(chairMaker({ triggers: "completion, sale" }), "Items", (rows) => void rows.push(["GLUE", "Material", 1, null, "l"], ["NAIL", "Material", 0.01, null, null])), "Inventory", (rows) => {
      for (const r of rows.slice(1)) r[1] = 10;
      rows.push(["GLUE", 10, null], ["NAIL", 10, null]);
    });
    await workbookFile(folder.path, "chairs.xlsx", fixture);
    const unwritten = [
      [[], "  … and 2 more: to see them all, write the result with -o OUTPUT.xlsx (its Run Log sheet lists them) or print them with --json"],
      [["--lang", "sv"], "  … och 2 till: för att se alla, skriv resultatet med -o OUTPUT.xlsx (bladet Körlogg listar dem) eller skriv ut dem med --json"],
      [["--lang", "ms"], "  … dan 2 lagi: untuk melihat semuanya, tulis hasil dengan -o OUTPUT.xlsx (helaian Log Larian menyenaraikannya) atau cetak dengan --json"],
    ] as const;
    for (const [lang, line] of unwritten) {
      const run = await cli(folder.path, ["run", "chairs.xlsx", ...lang]);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.split("\n").some((l) => l.trimStart() === line.trimStart()), run.stdout);
      assert.doesNotMatch(run.stdout, /\(see |\(se |\(lihat /);
    }
    assert.deepEqual(await readdir(folder.path), ["chairs.xlsx"]);
    const written = await cli(folder.path, ["run", "chairs.xlsx", "-o", "out.xlsx"]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /^ +… and 2 more \(see the Run Log sheet\)$/m);
  });

  it("runs again in place: a backup each time, its own sheets replaced, the user's sheets as they were", async () => {
    const fixture = chairMaker({ asTables: true });
    const input = await workbookFile(folder.path, "chairs.xlsx", fixture);
    const original = await readFile(input);
    const first = await cli(folder.path, ["run", "chairs.xlsx", "--in-place"], new Date(2026, 11, 1, 9, 30, 5));
    assert.equal(first.code, 0, first.stderr);
    const afterFirst = await readFile(input);
    const second = await cli(folder.path, ["run", "chairs.xlsx", "--in-place"], new Date(2026, 11, 2, 14, 0, 0));
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /Backed up the input as chairs\.backup-20261202-140000\.xlsx/);

    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.backup-20261201-093005.xlsx", "chairs.backup-20261202-140000.xlsx", "chairs.xlsx"]);
    assert.ok((await readFile(join(folder.path, "chairs.backup-20261201-093005.xlsx"))).equals(original), "first backup is the original");
    assert.ok((await readFile(join(folder.path, "chairs.backup-20261202-140000.xlsx"))).equals(afterFirst), "second backup is the first result");

    const saved = await readSaved(input);
    assert.deepEqual(saved.sheetNames(), [...fixture.sheets.map((s) => s.name), ...GENERATED_KINDS]);
    assert.match(String(saved.cell("Journal", "A2").value), /on 2026-12-02 14:00/);
    assert.equal(saved.tables().length, fixture.sheets.length + GENERATED_KINDS.length);
    assert.equal(netOf(records(saved, "Journal").filter((r) => r.Role === "COGS")), "21780.00");
    const originalBook = await readSaved(join(folder.path, "chairs.backup-20261201-093005.xlsx"));
    for (const s of fixture.sheets) assert.deepEqual(saved.values(s.name), originalBook.values(s.name), s.name);
  });

  it("keeps a backup name free when two runs fall in the same second", async () => {
    await workbookFile(folder.path, "chairs.xlsx", chairMaker());
    assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    assert.equal((await cli(folder.path, ["run", "chairs.xlsx", "--in-place"])).code, 0);
    assert.deepEqual((await readdir(folder.path)).sort(), ["chairs.backup-20261201-093000-2.xlsx", "chairs.backup-20261201-093000.xlsx", "chairs.xlsx"]);
  });

  it("never overwrites a user's own sheet named Journal: its journal goes to Journal (Backflush), on every run", async () => {
    const mine = { name: "Journal", rows: [["My own journal"], ["Dr", "Cash", 100], ["Cr", "Sales", 100]] };
    const { run } = await runToOutput(folder.path, withSheets(chairMaker(), mine));
    assert.match(run.stdout, /Note: Your sheet "Journal" was left as it is; this run's journal sheet is "Journal \(Backflush\)"/);
    for (let i = 0; i < 2; i++) assert.equal((await cli(folder.path, ["run", "out.xlsx", "--in-place"], new Date(2026, 11, 3 + i))).code, 0);
    const saved = await readSaved(join(folder.path, "out.xlsx"));
    assert.deepEqual(saved.values("Journal"), mine.rows);
    assert.equal(saved.sheetNames().filter((n) => n.startsWith("Journal")).join("|"), "Journal|Journal (Backflush)");
    assert.equal(netOf(records(saved, "Journal (Backflush)").filter((r) => r.Role === "COGS")), "21780.00");
  });

  it("writes item names that look like formulas as text cells, everywhere they appear", async () => {
    const names: Record<string, string> = { WOOD: '=HYPERLINK("http://example.com","wood")', SCREW: "+1", FABRIC: "@SUM(A1:A9)", SEAT: "-SEAT" };
    const renamed: PortFixture = { sheets: chairMaker().sheets.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((v) => (typeof v === "string" && v in names ? names[v] : v))) })) };
    const { saved } = await runToOutput(folder.path, renamed);
    const journal = records(saved, "Journal");
    for (const name of Object.values(names).filter((n) => n !== names.SEAT)) assert.ok(journal.some((r) => r.Item === name), `${name} in the journal`);
    const itemColumn = "G";
    journal.forEach((r, i) => {
      const cell = saved.cell("Journal", `${itemColumn}${SHEET_LAYOUT.headerRow + 1 + i}`);
      assert.equal(cell.formula, undefined, `${String(r.Item)} became a formula`);
      assert.equal(cell.value, r.Item);
    });
    // In the file itself: no formula anywhere in the generated sheets but the totals.
    const zip = readZip(await readFile(join(folder.path, "out.xlsx")));
    for (const kind of GENERATED_KINDS) {
      const formulas = [...sheetXml(zip, kind).matchAll(/<f>(.*?)<\/f>/g)].map((m) => m[1]);
      assert.ok(formulas.every((f) => f.startsWith("SUBTOTAL(109,")), `${kind}: ${formulas.join(", ")}`);
    }
    assert.ok(records(saved, "Consumption").some((r) => r.Material === names.WOOD && r.Product === "CHAIR"));
  });
});

/** A fixture row as it reads back: without trailing empty cells. */
function trimmed<T>(row: readonly (T | null)[]): (T | null)[] {
  let n = row.length;
  while (n > 0 && row[n - 1] === null) n--;
  return row.slice(0, n);
}
