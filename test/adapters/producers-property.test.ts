/**
 * Random tables written by two producers — ExcelJS (shared strings, its own
 * table and style parts) and our own writer (inline strings) — and, for a
 * sample of them, LibreOffice saving ExcelJS's file again, read back by the
 * .xlsx adapter to identical tables: the same header, the same cells.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { loadXlsx, newXlsx } from "../../src/adapters/xlsx/bytes";
import type { CellValue } from "../../src/workbook/cells";
import type { InputTableModel } from "../../src/workbook/port";
import type { ColumnKind } from "../../src/workbook/schema";
import { bufferOf, excelWorkbook } from "./xlsx-fixture";

type Table = { kinds: ColumnKind[]; header: string[]; rows: CellValue[][] };

const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);

/** A column and its cells: text (any characters a person types, blanks among them), numbers, or dates. */
const textArb: fc.Arbitrary<CellValue> = fc.option(fc.string({ unit: fc.constantFrom("a", "Z", "å", "Ö", " ", "&", "<", ">", '"', "'", "=", "+", "-", "@", "_x0041_", "\t", "\n", "é", "中", "1"), minLength: 1, maxLength: 12 }), { freq: 5 });
// Figures as people type them (up to 4 decimals): spreadsheets keep 15 significant digits, so a double's 17 would not survive LibreOffice.
const numberArb: fc.Arbitrary<CellValue> = fc.option(fc.integer({ min: -1e12, max: 1e12 }).map((n) => n / 10_000), { freq: 5 });
const dateArb: fc.Arbitrary<CellValue> = fc.option(fc.integer({ min: 0, max: 3650 }).map(day), { freq: 5 });

/** A column and its cells: text (any characters a person types, blanks among them), numbers, or dates. */
const columnArb = fc.constantFrom<ColumnKind>("text", "number", "date").chain((kind) =>
  fc
    .array(kind === "text" ? textArb : kind === "number" ? numberArb : dateArb, { minLength: 1, maxLength: 8 })
    .map((cells) => ({ kind, cells: cells.map((c) => (typeof c === "string" && c.trim() === "" ? null : c)) })),
);

/** ExcelJS writes a typed "_x0041_" as it is, which the format reads as "A" (it should write "_x005F_x0041_"); Excel would show its file so too. */
const exceljsCannotSay = (t: Table) => t.rows.some((r) => r.some((c) => typeof c === "string" && /_x[0-9A-Fa-f]{4}_/.test(c)));

const tableArb = fc.array(columnArb, { minLength: 1, maxLength: 5 }).map((columns) => {
  const rows = Math.max(...columns.map((c) => c.cells.length));
  return {
    kinds: columns.map((c) => c.kind),
    header: columns.map((_, j) => `Col ${j + 1}`),
    rows: Array.from({ length: rows }, (_, i) => columns.map((c) => c.cells[i] ?? null)),
  };
});


/** The table as our writer writes an input table. */
async function ours(t: Table): Promise<Uint8Array> {
  const port = await newXlsx();
  const model: InputTableModel = { table: "Sales", sheet: "Sales", columns: t.header.map((h, j) => ({ header: h, kind: t.kinds[j], width: 10 })), rows: t.rows };
  await port.writeInputTables([model]);
  return port.toBytes();
}

/** The table as ExcelJS writes it: a sheet with an Excel table over it. */
async function exceljs(t: Table): Promise<Uint8Array> {
  const right = String.fromCharCode(64 + t.header.length);
  return bufferOf(excelWorkbook({ sheets: [{ name: "Sales", rows: [t.header, ...t.rows] }], tables: [{ name: "Sales", sheet: "Sales", range: `A1:${right}${t.rows.length + 1}` }] }));
}

async function read(bytes: Uint8Array): Promise<{ header: readonly CellValue[]; rows: readonly (readonly CellValue[])[] }> {
  const t = await (await loadXlsx(bytes)).findTable(["Sales"]);
  assert.ok(t, "no table");
  return { header: t.header, rows: t.rows };
}

describe("xlsx reader: random tables from several producers read to identical tables", function () {
  this.timeout(300_000);

  it("ExcelJS's file and ours give the same header and cells", async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const b = await read(await ours(t));
        assert.deepEqual(b.header, t.header);
        assert.deepEqual(b.rows, t.rows);
        if (!exceljsCannotSay(t)) assert.deepEqual(await read(await exceljs(t)), b);
      }),
      { numRuns: 150 },
    );
  });

  it("LibreOffice saving ExcelJS's file again changes none of the cells", async () => {
    const soffice = "/usr/bin/soffice";
    assert.ok(existsSync(soffice), `LibreOffice is needed at ${soffice} (.ci/run installs libreoffice-calc)`);
    const work = mkdtempSync(join(tmpdir(), "backflush-producers-prop-"));
    try {
      // LibreOffice takes a few seconds a file: a handful of random tables, one conversion for all.
      const tables = fc.sample(tableArb, { numRuns: 12, seed: 20261206 }).filter((t) => !exceljsCannotSay(t)).slice(0, 6);
      for (const [i, t] of tables.entries()) writeFileSync(join(work, `t${i}.xlsx`), await exceljs(t));
      execFileSync(soffice, [`-env:UserInstallation=file://${join(work, "profile")}`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", join(work, "lo"), ...tables.map((_, i) => join(work, `t${i}.xlsx`))], { stdio: "pipe", timeout: 240_000 });
      for (const [i, t] of tables.entries()) {
        const back = await read(readFileSync(join(work, "lo", `t${i}.xlsx`)));
        assert.deepEqual(back.header, t.header, `table ${i}`);
        assert.deepEqual(back.rows.slice(0, t.rows.length), t.rows, `table ${i}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
