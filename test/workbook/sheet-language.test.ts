/**
 * The generated sheets' language (Settings Language, else the pane's or the
 * command line's, else English): names, headers, totals label, titles, the Run
 * Log, the marker, the page header and footer, the chart; and re-runs that
 * replace exactly our own sheets whatever language they were written in.
 */
import { strict as assert } from "node:assert";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import type { XlsxWorkbook } from "../../src/adapters/xlsx/workbook";
import { LANGUAGES, translator, type Language } from "../../src/i18n";
import { runWorkbookJob, planSheetNames, type JobOptions } from "../../src/workbook/job";
import { headerFooter } from "../../src/workbook/layout";
import { generatedSheetName, sheetNameProblem } from "../../src/workbook/names";
import { formatProblem } from "../../src/workbook/parse";
import { ALL_GENERATED_KINDS, GENERATED_KINDS, SHEET_LAYOUT, isMarker, markerText, renderSheets, varianceTable } from "../../src/workbook/render";
import { Dec, runBackflush, type VarianceLine } from "../../src/engine";
import { reviewStandards } from "../../src/engine/review";
import { DEFAULT_ACCOUNTS } from "../../src/workbook/schema";
import { chairMaker as engineChairMaker } from "../support/build";
import { chairMaker, editSheet, rangeOf, withSheets, type FixtureSheet } from "../contract/fixtures";
import { bufferOf, excelWorkbook, inspectBook, loadBuffer } from "../adapters/xlsx-fixture";
import { readZip } from "../adapters/xlsx-zip";
import { readSetting } from "./support";

const NOW = new Date(2026, 10, 1, 9, 0);
/** The parts a run rewrites (the package's index and styles) and the parts of our own sheets; every other part must keep its bytes. */
const INDEX_PARTS = /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml)$/;

/** DOMAIN.md's chair maker with its input as Excel tables, a Language row in Settings (row 7) when given, and any sheets of the user's own. */
async function chairBook(language?: string, ...own: FixtureSheet[]): Promise<XlsxWorkbook> {
  let fixture = chairMaker();
  if (language !== undefined) fixture = editSheet(fixture, "Settings", (rows) => [...rows, ["Language", language]]);
  const tables = fixture.sheets.map((s) => ({ name: s.name, sheet: s.name, range: rangeOf(s.rows) }));
  return loadXlsx(await bufferOf(excelWorkbook(withSheets({ ...fixture, tables }, ...own))));
}

async function run(port: XlsxWorkbook, options: JobOptions = {}) {
  const outcome = await runWorkbookJob(port, { now: NOW, ...options });
  assert.ok(outcome.ok, outcome.ok ? "" : outcome.problems.slice(0, 3).map(formatProblem).join("; "));
  return outcome;
}

const saved = async (port: XlsxWorkbook) => inspectBook(await loadBuffer(Buffer.from(port.toBytes())));
const inputSheets = () => chairMaker().sheets.map((s) => s.name);
const namesIn = (language: Language) => GENERATED_KINDS.map((k) => generatedSheetName(k, language));

describe("workbook: the Language setting", () => {
  it("reads en, sv and ms, and the languages' names in any case", () => {
    for (const [key, value, want] of [
      ["Language", "sv", "sv"],
      ["Language", "ENGLISH", "en"],
      ["Språk", "Svenska", "sv"],
      ["Bahasa", "bahasa melayu", "ms"],
      ["language", " ms ", "ms"],
    ] as const) {
      const r = readSetting(key, value);
      assert.deepEqual(r.problems.map(formatProblem), [], `${key} ${value}`);
      assert.equal(r.sheet.language, want, `${key} ${value}`);
    }
    assert.equal(readSetting("Currency", "USD").sheet.language, undefined);
  });

  it("refuses anything else at its Value cell, with the value in the problem's params", () => {
    for (const value of ["fr", "Deutsch", 1] as const) {
      const p = readSetting("Language", value).problems;
      assert.equal(p.length, 1, String(value));
      assert.equal(p[0].address, "Settings!B2");
      assert.equal(p[0].code, "unknown-value");
      assert.match(p[0].message, /^Language .* is not en, sv or ms \(English, Svenska, Bahasa Melayu\)$/);
      assert.equal(p[0].key, "problem.notLanguage");
      assert.equal(p[0].params?.field, "Language");
    }
  });

  it("stops the run, writing nothing, when it is wrong", async () => {
    const port = await chairBook("Klingon");
    const before = port.toBytes();
    const outcome = await runWorkbookJob(port, { now: NOW });
    assert.ok(!outcome.ok);
    assert.deepEqual(outcome.problems.map((p) => p.address), ["Settings!B7"]);
    assert.deepEqual(port.toBytes(), before);
  });
});

describe("workbook: the generated sheets in the sheet language", () => {
  it("writes Swedish sheet names, headers, totals label, titles and Run Log when Settings Language is Svenska, over the pane's English", async () => {
    const port = await chairBook("Svenska");
    const outcome = await run(port, { language: "en" });
    assert.equal(outcome.sheetLanguage, "sv");
    const book = await saved(port);
    assert.deepEqual(book.sheetNames(), [...inputSheets(), "Verifikationer", "Förbrukning", "Avvikelser", "Saldobalans", "Körlogg", "Utgående saldon", "Standardgranskning", "Föreslagna artiklar"]);

    const header = SHEET_LAYOUT.headerRow;
    assert.equal(book.cell("Verifikationer", `A${header}`).value, "Ver.nr");
    assert.equal(book.cell("Verifikationer", `H${header}`).value, "Debet");
    assert.equal(book.cell("Verifikationer", `I${header}`).value, "Kredit");
    assert.equal(book.cell("Verifikationer", `K${header}`).value, "Text");
    assert.equal(book.cell("Verifikationer", "A1").value, "Backflush-verifikationer · 2026-11-01 – 2026-11-30 · USD · triggerpunkter: inköp, färdigställande, försäljning");
    assert.match(String(book.cell("Verifikationer", "A2").value), /^Skapat av Backflush 2026-11-01 09:00\. /);

    // The totals row: its label, and a SUBTOTAL over the Swedish column name.
    const journal = book.values("Verifikationer");
    const totals = journal.length;
    assert.equal(book.cell("Verifikationer", `A${totals}`).value, "Summa");
    assert.equal(book.cell("Verifikationer", `H${totals}`).formula, "=SUBTOTAL(109,Backflush_Journal[Debet])");
    assert.equal(book.cell("Verifikationer", `H${totals}`).value, book.cell("Verifikationer", `I${totals}`).value, "debet equals kredit");

    const balances = book.values("Saldobalans")[header - 1];
    assert.deepEqual(balances, ["Konto", "Kontonamn", "Roll", "Artikel", "Ingående antal", "Ingående värde", "Periodens debet", "Periodens kredit", "Utgående antal", "Debet", "Kredit"]);
    const variances = book.values("Avvikelser");
    assert.match(String(variances[0][0]), /^Avvikelser · utfall − standard: positiv ogynnsam \(O/);
    assert.ok(variances[header - 1].includes("G/O") && variances[header - 1].includes("Avvikelse"));
    assert.ok(variances.slice(header).some((r) => r[0] === "pris" && (r.includes("G") || r.includes("O"))), "a price row, F/U as G/O");

    const log = book.values("Körlogg");
    assert.deepEqual(log[header - 1], ["Avsnitt", "Post", "Värde", "Belopp"]);
    const row = (item: string) => log.find((r) => r[1] === item);
    assert.equal(row("Redovisningsperiod")?.[2], "2026-11-01 – 2026-11-30");
    assert.equal(row("Items")?.[2], "5 rader lästa från tabellen Items på bladet Items.");
    assert.equal(row("Sales")?.[2], "1 rad läst från tabellen Sales på bladet Sales.");
    assert.equal(typeof row("Debet")?.[3], "number");
    assert.equal(row("Kontroll")?.[2], "debet är lika med kredit");

    const bytes = readZip(Buffer.from(port.toBytes()));
    const sheetParts = [...bytes.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => bytes.get(n)!.toString("utf8"));
    assert.ok(sheetParts.some((x) => x.includes("Sida &amp;P av &amp;N") && x.includes("Redovisningsperiod 2026-11-01 – 2026-11-30")), "page footer and header in Swedish");
    // The chart: a Swedish title, its series named by the Avvikelse header cell, its ranges on the quoted sheet name.
    const chart = [...bytes.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).map((n) => bytes.get(n)!.toString("utf8"));
    assert.equal(chart.length, 1);
    assert.ok(chart[0].includes("<a:t>Avvikelser per artikel (positiv = ogynnsam)</a:t>"));
    const varianceColumn = String.fromCharCode(65 + variances[header - 1].indexOf("Avvikelse"));
    assert.ok(chart[0].includes(`<c:tx><c:strRef><c:f>'Avvikelser'!$${varianceColumn}$${header}</c:f>`), "series name from the header cell");
    assert.ok(chart[0].includes(`<c:f>'Avvikelser'!$A$${header + 1}:$B$`), "categories on the quoted sheet: kind and item, two levels");
  });

  it("takes the pane's language when Settings has none, and English when neither does", async () => {
    const malay = await chairBook();
    assert.equal((await run(malay, { language: "ms" })).sheetLanguage, "ms");
    const book = await saved(malay);
    assert.deepEqual(book.sheetNames().slice(inputSheets().length), namesIn("ms"));
    assert.equal(book.cell("Jurnal", `H${SHEET_LAYOUT.headerRow}`).value, "Debit");
    assert.equal(book.cell("Jurnal", `I${SHEET_LAYOUT.headerRow}`).value, "Kredit");
    assert.equal(book.cell("Jurnal", `A${book.values("Jurnal").length}`).value, "Jumlah");

    const english = await chairBook();
    assert.equal((await run(english)).sheetLanguage, "en");
    assert.deepEqual((await saved(english)).sheetNames().slice(inputSheets().length), [...GENERATED_KINDS]);
  });

  it("replaces exactly its own sheets on a run in another language: Swedish, then English, then Swedish again", async () => {
    const port = await chairBook();
    const inputs = readZip(Buffer.from(port.toBytes()));
    const expected: Record<Language, string[]> = { en: [...inputSheets(), ...GENERATED_KINDS], sv: [...inputSheets(), ...namesIn("sv")], ms: [] };
    for (const language of ["sv", "en", "sv"] as const) {
      const outcome = await run(port, { language });
      assert.deepEqual(outcome.notes, [], language);
      const book = await saved(port);
      assert.deepEqual(book.sheetNames(), expected[language], language);
      // The user's sheets (the input tables) keep every byte.
      const now = readZip(Buffer.from(port.toBytes()));
      for (const [name, bytes] of inputs) if (!INDEX_PARTS.test(name)) assert.ok(now.get(name)?.equals(bytes), `${language}: ${name} changed`);
    }
  });

  it("never replaces a user's sheet named like one of ours in another language, and names ours apart in the run's language", async () => {
    // The user's own "Verifikationer" (a Swedish name of the Journal) and "Run Log" (our English name).
    const mine = (name: string): FixtureSheet => ({ name, rows: [["Note"], ["mine"]] });
    const port = await chairBook(undefined, mine("Verifikationer"), mine("Run Log"));
    const before = readZip(Buffer.from(port.toBytes()));

    const english = await run(port, { language: "en" });
    assert.deepEqual(english.notes, ['Your sheet "Run Log" was left as it is; this run\'s run log sheet is "Run Log (Backflush)".']);
    const swedish = await run(port, { language: "sv" });
    assert.deepEqual(swedish.notes, ['Ditt blad "Verifikationer" lämnades som det var; den här körningens verifikationer finns på "Verifikationer (Backflush)".']);
    const book = await saved(port);
    const ours = namesIn("sv").map((n) => (n === "Verifikationer" ? "Verifikationer (Backflush)" : n));
    assert.deepEqual(book.sheetNames(), [...inputSheets(), "Verifikationer", "Run Log", ...ours]);
    assert.deepEqual(book.values("Verifikationer"), [["Note"], ["mine"]]);
    assert.deepEqual(book.values("Run Log"), [["Note"], ["mine"]]);
    const after = readZip(Buffer.from(port.toBytes()));
    for (const [name, bytes] of before) if (!INDEX_PARTS.test(name)) assert.ok(after.get(name)?.equals(bytes), `${name} changed`);
  });

  it("keeps every name within Excel's limits in every language, even with a numbered suffix", () => {
    for (const { code } of LANGUAGES) {
      // Every one of our names taken by the user's sheets, then every first suffixed name too: ours get "(Backflush 2)".
      const mine = (names: readonly string[]) => names.map((name) => ({ name, generated: false }));
      const bases = ALL_GENERATED_KINDS.map((k) => generatedSheetName(k, code));
      const first = Object.values(planSheetNames(mine(bases), ALL_GENERATED_KINDS, code).names);
      const plan = planSheetNames(mine([...bases, ...first]), ALL_GENERATED_KINDS, code);
      const names = Object.values(plan.names);
      assert.equal(names.length, ALL_GENERATED_KINDS.length, code);
      for (const name of names) {
        assert.equal(sheetNameProblem(name), undefined, `${code}: ${name}`);
        assert.match(name, / \(Backflush 2\)$/, code);
      }
      assert.equal(new Set([...bases, ...first, ...names].map((n) => n.toLowerCase())).size, 3 * names.length, `${code}: names given twice`);
      for (const kind of ALL_GENERATED_KINDS) assert.equal(sheetNameProblem(generatedSheetName(kind, code)), undefined, `${code} ${kind}`);
    }
  });

  it("gives every column of every sheet a header of its own in every language, as Excel's tables require", () => {
    const input = engineChairMaker();
    const result = runBackflush(input);
    // A kind of variance the sheet has no columns for brings the generic ones in too.
    const novel = { kind: "mix", item: "WIDGET", qty: new Dec(2), standard: new Dec(10), actual: new Dec(13), amount: new Dec(3), favorable: false, disposition: "cogs" } as unknown as VarianceLine;
    for (const { code } of LANGUAGES) {
      const sheets = renderSheets(result, { when: "w", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "t", posting: "summary", review: reviewStandards(input, result), language: code });
      assert.deepEqual(sheets.map((s) => s.name), ALL_GENERATED_KINDS.map((k) => generatedSheetName(k, code)), code);
      const tables = [...sheets.map((s) => ({ name: s.name, headers: s.columns.map((c) => c.header) })), { name: "Variances, all kinds", headers: varianceTable([...result.variances, novel], DEFAULT_ACCOUNTS, translator(code)).columns.map((c) => c.header) }];
      for (const { name, headers } of tables) assert.equal(new Set(headers.map((h) => h.toLowerCase())).size, headers.length, `${code} ${name}: ${headers.join(", ")}`);
    }
  });

  it("marks its sheets in the sheet language, and knows its marker in every language", () => {
    for (const { code } of LANGUAGES) assert.ok(isMarker(markerText("2026-11-01 09:00", code)), code);
    assert.equal(markerText("2026-11-01 09:00"), "Generated by Backflush on 2026-11-01 09:00. The next run replaces this sheet: keep your own work on other sheets.");
    assert.ok(!isMarker("Generated by someone else"));
    assert.deepEqual(headerFooter({ period: "2026-10-01 – 2026-10-31" }, "sv"), { leftHeader: "", centerHeader: "&A", rightHeader: "Redovisningsperiod 2026-10-01 – 2026-10-31", leftFooter: "Backflush", rightFooter: "Sida &P av &N" });
    assert.equal(headerFooter({ period: "p" }, "ms").rightFooter, "Halaman &P daripada &N");
  });

  it("reads a Swedish run back through the port: the next run finds the sheets it wrote by their marker", async () => {
    const port = await chairBook("sv");
    await run(port);
    const reopened = await loadXlsx(port.toBytes());
    const generated = (await reopened.listSheets()).filter((s) => s.generated).map((s) => s.name);
    assert.deepEqual(generated, namesIn("sv"));
  });
});
