/**
 * The pane's languages: the same keys and parameters in every catalog, real
 * translations (not English copies), the language pick, and numbers written
 * each language's way from exact decimal text.
 */
import { strict as assert } from "node:assert";
import { CATALOGS, LANGUAGES, formatDecimalText, languageOf, pickLanguage, translator } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { planSheetNames } from "../../src/workbook/job";

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const NBSP = "\u00a0";

describe("taskpane i18n", () => {
  it("says a sheet named apart from the user's in a sentence that reads for every kind (the Variances are plural)", () => {
    const { notes } = planSheetNames([{ name: "Variances", generated: false }], ["Variances"], "en");
    assert.deepEqual(notes, ['Your sheet "Variances" was left as it is; this run\'s variances sheet is "Variances (Backflush)".']);
  });

  it("gives every language exactly the English keys, each with the same {parameters}", () => {
    const keys = Object.keys(en).sort();
    for (const { code } of LANGUAGES) {
      const catalog = CATALOGS[code] as Record<string, string>;
      assert.deepEqual(Object.keys(catalog).sort(), keys, code);
      for (const k of keys) assert.deepEqual(paramsOf(catalog[k]), paramsOf(en[k as keyof typeof en]), `${code} ${k}`);
      for (const k of keys) assert.ok(catalog[k].trim().length > 0, `${code} ${k} is empty`);
    }
  });

  it("translates: Swedish and Malay texts differ from the English one except for names and shared words", () => {
    // Texts the languages may share with English: "Data", "OK", "Period", "Debit", "{sequence} · …", "Material"; and Excel's
    // error values, which Malay Excel (there is none: Malay users run it in English) shows as English does.
    for (const code of ["sv", "ms"] as const) {
      const catalog = CATALOGS[code] as Record<string, string>;
      const copies = Object.keys(en).filter((k) => catalog[k] === en[k as keyof typeof en] && !k.startsWith("problem.shown.error."));
      assert.ok(copies.length <= 5, `${code}: ${copies.length} texts are the English ones: ${copies.join(", ")}`);
      for (const k of copies) assert.ok(!/\b(the|and|is|not|with|of|to)\b/.test(catalog[k]), `${code} ${k} is an English sentence: ${catalog[k]}`);
    }
    assert.equal(CATALOGS.sv["nav.next"], "Nästa");
    assert.equal(CATALOGS.sv["data.title"], "Dina tabeller");
    assert.equal(CATALOGS.ms["nav.next"], "Seterusnya");
    assert.equal(CATALOGS.ms["step.check"], "Semak");
  });

  it("picks ?lang first, then the remembered choice, Office's display language, the browser's languages, else English", () => {
    assert.equal(pickLanguage({ query: "sv", saved: "ms", office: "en-US", browser: ["en-GB"] }), "sv");
    assert.equal(pickLanguage({ query: "de", saved: "ms", office: "sv-SE" }), "ms");
    assert.equal(pickLanguage({ query: null, office: "sv-SE", browser: ["ms-MY"] }), "sv");
    assert.equal(pickLanguage({ office: "fr-FR", browser: ["de-DE", "ms-MY", "sv-SE"] }), "ms");
    assert.equal(pickLanguage({ office: "fi-FI", browser: ["de-DE"] }), "en");
    assert.equal(pickLanguage({}), "en");
    assert.equal(languageOf("SV_fi"), "sv");
    assert.equal(languageOf("msa"), undefined);
    assert.equal(languageOf(undefined), undefined);
  });

  it("fills in parameters and picks plural forms by the language's rules", () => {
    const en = translator("en");
    assert.equal(en.t("open.failed", { file: "a.xlsx", reason: "bad zip" }), "a.xlsx could not be read as a workbook (.xlsx, .xlsm): bad zip");
    assert.equal(en.tn("check.problems", 1), "1 problem. Nothing is written until it is fixed.");
    assert.equal(en.tn("check.problems", 1234), "1,234 problems. Nothing is written until they are fixed.");
    const sv = translator("sv");
    assert.equal(sv.tn("data.found", 1, { where: "bladet Items" }), "Hittad: bladet Items, 1 rad");
    assert.equal(sv.tn("data.found", 2, { where: "bladet Items" }), "Hittad: bladet Items, 2 rader");
    // Malay nouns do not inflect for number: one form serves every count.
    const ms = translator("ms");
    assert.equal(ms.tn("data.found", 1, { where: "helaian Items" }), "Dijumpai: helaian Items, 1 baris");
    assert.equal(ms.tn("data.found", 5, { where: "helaian Items" }), "Dijumpai: helaian Items, 5 baris");
  });

  it("writes exact decimal text with each language's grouping and decimal mark, without rounding it", () => {
    assert.equal(translator("en").num("1234567.50"), "1,234,567.50");
    assert.equal(translator("ms").num("1234567.50"), "1,234,567.50");
    assert.equal(translator("sv").num("1234567.50"), `1${NBSP}234${NBSP}567,50`);
    assert.equal(translator("en").num("-21780.00"), "-21,780.00");
    assert.equal(translator("sv").num("-21780.00"), `\u221221${NBSP}780,00`);
    assert.equal(translator("en").num("123456789012345678901234.123456789"), "123,456,789,012,345,678,901,234.123456789");
    assert.equal(translator("en").num("999"), "999");
    // A negative zero is written as zero; text that is not a plain decimal passes through.
    assert.equal(formatDecimalText("-0.00", { group: ",", decimal: ".", minus: "-" }), "0.00");
    assert.equal(formatDecimalText("1e9", { group: ",", decimal: ".", minus: "-" }), "1e9");
  });
});
