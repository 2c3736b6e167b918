/**
 * One language on every generated sheet and ledger file, in its own terms
 * (review of the Swedish and Malay output): the Run Log names each
 * suitability check in words, the Closing sheet says trigger points as the
 * other sheets do, the CSV's sources and the summary entry follow the
 * sheets' language, cost of goods sold is never "COGS" in Swedish or Malay
 * memos, and Swedish says "färdigställande" for completion everywhere.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadXlsx } from "../../src/adapters/xlsx/bytes";
import { runBackflush } from "../../src/engine";
import { CATALOGS, translator, type Language } from "../../src/i18n";
import { runWorkbookJob } from "../../src/workbook/job";
import { ledgerFiles } from "../../src/workbook/ledger-files";
import { csvText, summaryEntry } from "../../src/workbook/posting";
import { renderSheets } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS, sequenceOf } from "../../src/workbook/schema";
import { chairMaker as engineChairMaker } from "../support/build";
import { chairMaker, rangeOf } from "../contract/fixtures";
import { bufferOf, excelWorkbook } from "../adapters/xlsx-fixture";
import { projectRoot } from "../support/root";

const rendered = (language: Language) => {
  const result = runBackflush({ ...engineChairMaker(), language });
  const sheets = renderSheets(result, { when: "2026-12-01 09:00", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test", language });
  return { result, sheets };
};

describe("workbook: the sheets' terms in Swedish and Malay", () => {
  it("names each suitability check on the Run Log in the sheet's language, never by its id", () => {
    for (const language of ["en", "sv", "ms"] as const) {
      const { result, sheets } = rendered(language);
      const t = translator(language);
      const log = sheets.find((s) => s.kind === "Run Log")!;
      const suitability = log.rows.filter((r) => r[0] === t.t("sheet.log.suitability")).slice(1); // the verdict comes first
      assert.deepEqual(
        suitability.map((r) => r[1]),
        result.suitability.checks.map((c) => `${t.t(`sheet.log.check.${c.id}`)} (${t.t(`sheet.log.status.${c.status}`)})`),
      );
      for (const c of result.suitability.checks) assert.ok(!suitability.some((r) => String(r[1]).startsWith(`${c.id} `)), `${language}: ${c.id}`);
    }
    const sv = rendered("sv").sheets.find((s) => s.kind === "Run Log")!;
    assert.ok(sv.rows.some((r) => r[1] === "Lagrets andel (observera)"), JSON.stringify(sv.rows.map((r) => r[1])));
  });

  it("labels a warning that names no item on the Run Log by its kind in the sheet's language, never by its code", () => {
    for (const language of ["en", "sv", "ms"] as const) {
      // No conversion recorded: a warning with no item (engine/cases.test.ts).
      const result = runBackflush({ ...engineChairMaker(), conversion: [], language });
      const warning = result.warnings.find((w) => w.code === "no-conversion-costs")!;
      assert.equal(warning.item, undefined);
      const sheets = renderSheets(result, { when: "2026-12-01 09:00", accounts: DEFAULT_ACCOUNTS, sheets: {}, inputs: [], notes: [], version: "test", language });
      const t = translator(language);
      const log = sheets.find((s) => s.kind === "Run Log")!;
      const row = log.rows.find((r) => r[0] === t.t("sheet.log.warnings") && r[2] === warning.message)!;
      assert.equal(row[1], { en: "No conversion costs", sv: "Inga förädlingskostnader", ms: "Tiada kos penukaran" }[language], language);
    }
  });

  it("says the trigger points on the Closing sheet in the words and the term the Journal uses", () => {
    for (const language of ["sv", "ms"] as const) {
      const { sheets } = rendered(language);
      const words = translator(language).t("sheet.seq.purchase-completion-sale");
      const journal = sheets.find((s) => s.kind === "Journal")!.title;
      const closing = sheets.find((s) => s.kind === "Closing")!.title;
      const term = language === "sv" ? "triggerpunkter" : "titik pencetus";
      assert.ok(journal.includes(`${term}: ${words}`), journal);
      assert.ok(closing.includes(`${term}: ${words}`), closing);
      assert.doesNotMatch(closing, /purchase-completion-sale/);
    }
  });

  it("writes the CSV's sources and the summary entry in the sheets' language", async () => {
    const fixture = chairMaker();
    const tables = fixture.sheets.map((s) => ({ name: s.name, sheet: s.name, range: rangeOf(s.rows) }));
    const port = await loadXlsx(await bufferOf(excelWorkbook({ ...fixture, tables })));
    const outcome = await runWorkbookJob(port, { now: new Date(2026, 11, 1), language: "sv" });
    assert.ok(outcome.ok);
    const csv = new TextDecoder().decode(ledgerFiles(outcome, new Date(2026, 11, 1)).csv);
    assert.match(csv, /,Purchases rad 2\r\n/);
    assert.doesNotMatch(csv, / row /);
    // The English CSV as before.
    assert.match(csvText(outcome.result, outcome.read.accounts, outcome.read.ledger), /,Purchases row 2\r\n/);
    const summary = summaryEntry(outcome.result, outcome.read.accounts, translator("sv"));
    assert.equal(summary.text, "Backflush-sammandrag 2026-11-01 till 2026-11-30");
    assert.match(summary.lines[0].memo, /^Netto av verifikationerna \d/);
    assert.match(summary.lines[0].source, /^Verifikationer \d/);
    assert.match(summaryEntry(outcome.result, outcome.read.accounts).lines[0].memo, /^Net of journal entries \d/);
  });

  it("keeps the CSV's format in every language, and the docs say how to open it in an Excel that expects \";\"", async () => {
    const fixture = chairMaker();
    const tables = fixture.sheets.map((s) => ({ name: s.name, sheet: s.name, range: rangeOf(s.rows) }));
    const outcome = await runWorkbookJob(await loadXlsx(await bufferOf(excelWorkbook({ ...fixture, tables }))), { now: new Date(2026, 11, 1), language: "sv" });
    assert.ok(outcome.ok);
    const csv = new TextDecoder().decode(ledgerFiles(outcome, new Date(2026, 11, 1)).csv);
    // The purchase of 4,000 kg WOOD at standard 3: 12000.00 on the debit side, with a point, between commas.
    // The account the workbook does not name is named in the run's language (Råvaror och produkter i arbete).
    assert.match(csv, /^2026-11-02,1,1300,Råvaror och produkter i arbete,12000\.00,,/m);
    const readme = readFileSync(join(projectRoot(), "README.md"), "utf8");
    const posting = readFileSync(join(projectRoot(), "docs/posting.md"), "utf8");
    assert.doesNotMatch(readme, /opens right in Excel/);
    for (const doc of [readme, posting]) assert.match(doc, /Data › From Text\/CSV/);
    assert.match(posting, /### Opening the CSV in Excel[\s\S]*semicolon \(`;`\) with Swedish settings/);
  });

  it("writes cost of goods sold in Swedish and Malay words in every engine text", () => {
    for (const language of ["sv", "ms"] as const) {
      for (const [key, text] of Object.entries(CATALOGS[language])) {
        if (key.startsWith("engine.") || key.startsWith("sheet.") || key.startsWith("cli.sum.")) assert.doesNotMatch(text, /\bCOGS\b|\bKSV\b/, `${language} ${key}`);
      }
    }
    // The chair maker's variances written off: the close entries' descriptions.
    const sv = runBackflush({ ...engineChairMaker({ disposition: "cogs" }), language: "sv" });
    const writtenOff = sv.journal.map((e) => e.description).filter((d) => d.includes("kostnadsförs"));
    assert.ok(writtenOff.length > 0, sv.journal.map((e) => e.description).join(" | "));
    for (const d of writtenOff) assert.match(d, /kostnadsförs mot kostnad sålda varor$/);
    const ms = runBackflush({ ...engineChairMaker({ disposition: "cogs" }), language: "ms" });
    assert.ok(ms.journal.some((e) => e.description.endsWith("dihapus kira ke kos barang dijual")));
  });

  it("says completion in Swedish as färdigställande, in the trigger-points problem too, which reads back", () => {
    const t = translator("sv");
    const hint = t.t("problem.notTriggers", { field: "Triggers", value: '"x"' });
    assert.ok(hint.includes(t.t("sheet.seq.purchase-completion-sale")), hint);
    assert.ok(hint.includes(t.t("sheet.seq.completion-sale")), hint);
    assert.doesNotMatch(hint, /tillverkning/);
    assert.equal(sequenceOf(t.t("sheet.seq.purchase-completion-sale")), "purchase-completion-sale");
  });
});
