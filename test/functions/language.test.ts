/**
 * The custom functions speak the user's language: Excel's display language
 * picks English, Swedish or Malay (English for any other); every function's
 * error message is the catalog's text in that language with its values filled
 * in (the English as it always was); and what the functions spill (ROLLUP's
 * and EXPLODE's headers and types, JOURNAL's headers, triggers, descriptions
 * and memos, REVIEW's sheet) is written in it, unless a Settings range's
 * Language or REVIEW's language argument says otherwise.
 */
import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { excelSerialFromIso } from "../../src/engine/dates";
import { resetCache } from "../../src/functions/cache";
import { conversionVarianceOf, journalTable, userLanguage } from "../../src/functions/core";
import { FunctionError, type FunctionKey, type FunctionParams } from "../../src/functions/errors";
import { convVar, cost, explode, journal, priceVar, review, rollup, stdCost, usageVar } from "../../src/functions/functions";
import { LANGUAGES, translator, type Language } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { problemText } from "../../src/i18n/problems";
import { journalColumns, journalRows } from "../../src/workbook/render";
import { DEFAULT_ACCOUNTS, accountsIn } from "../../src/workbook/schema";
import { chairMaker } from "../support/build";
import { failure, gridsOf, type Grid } from "./support";

const g = gridsOf(chairMaker());
/** Excel's global `Office`, as the shared runtime has it; a record lets the test put in and take away a stand-in. */
const globals = globalThis as unknown as Record<string, unknown>;

/** Runs `call` as inside Excel with `displayLanguage` (office.js's `Office.context.displayLanguage`). */
function withDisplayLanguage<T>(displayLanguage: string | undefined, call: () => T): T {
  globals.Office = { context: { displayLanguage } };
  try {
    return call();
  } finally {
    delete globals.Office;
  }
}

/** The FunctionError a function throws in Excel whose display language is `tag`. */
const failureIn = (tag: string, call: () => unknown): FunctionError => withDisplayLanguage(tag, () => failure(call));

/** The functions' messages and spilled words: the `function.*` texts but the help Excel shows (metadata.test.ts checks those). */
type SaidKey = Exclude<FunctionKey, `function.help.${string}`>;
/** Values for every such text's parameters: a text added without them here is a compile error. */
const SAMPLE: { readonly [K in SaidKey]: FunctionParams<K> } = {
  "function.more.one": { count: 1 },
  "function.more.other": { count: 2 },
  "function.failed": { reason: "boom" },
  "function.resultTooLarge": { result: "999999999999998000000000000001", max: { figure: "1000000000000000" } },
  "function.tooWide": { argument: "bom", width: 9, order: "Parent, Component", table: "BOM" },
  "function.tooNarrow": { argument: "bom", columns: { plural: "function.columns", count: 2 }, order: "Parent, Component, QtyPer", needed: 3 },
  "function.columns.one": { count: 1 },
  "function.columns.other": { count: 2 },
  "function.unknownItem": { item: "STOOL", where: "items" },
  "function.unknownItemNear": { item: "chair", where: "items", near: "CHAIR" },
  "function.inBomOnly": { argument: "bom" },
  "function.choice": { argument: "part", value: '"mat"', choices: "total, material", last: "conversion" },
  "function.col.type": {},
  "function.col.materialCost": {},
  "function.col.conversionCost": {},
  "function.col.total": {},
  "function.type.material": {},
  "function.type.assembly": {},
  "function.type.phantom": {},
};
const paramsOf = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const functionKeys = Object.keys(en).filter((k): k is SaidKey => k.startsWith("function.") && !k.startsWith("function.help."));

/**
 * One failing call in the three languages: the English message as it has
 * always been; in Swedish and Malay the message the error's own texts make
 * from the catalog (each text in full, its values in place), no `{x}` left,
 * and not the English.
 */
function saysInEveryLanguage(call: () => unknown, english: string, expected: Partial<Record<Language, string>> = {}): void {
  const inEnglish = failureIn("en-US", call);
  assert.equal(inEnglish.message, english);
  for (const [lang, tag] of [["sv", "sv-SE"], ["ms", "ms-MY"]] as const) {
    const e = failureIn(tag, call);
    assert.equal(e.code, inEnglish.code, tag);
    assert.equal(e.language, lang);
    const tr = translator(lang);
    // Each of the error's texts, said from the catalog, is in the message, in order, after its cell.
    let from = 0;
    for (const text of e.texts) {
      const said = (text.address === undefined ? "" : `${text.address}: `) + problemText(tr, text.key, text.params);
      const at = e.message.indexOf(said, from);
      assert.ok(at >= from, `${tag}: "${said}" is not in "${e.message}"`);
      from = at + said.length;
    }
    assert.doesNotMatch(e.message, /\{\w+\}/, `${tag}: ${e.message}`);
    assert.notEqual(e.message, english, `${tag}: still English`);
    if (expected[lang] !== undefined) assert.equal(e.message, expected[lang], tag);
  }
}

describe("functions: the user's language", () => {
  beforeEach(resetCache);

  it("follows Excel's display language: sv-SE is Swedish, ms-MY Malay, de-DE and none English", () => {
    assert.equal(userLanguage("sv-SE"), "sv");
    assert.equal(userLanguage("sv-FI"), "sv");
    assert.equal(userLanguage("ms-MY"), "ms");
    assert.equal(userLanguage("ms-BN"), "ms");
    assert.equal(userLanguage("en-GB"), "en");
    assert.equal(userLanguage("de-DE"), "en");
    assert.equal(userLanguage(""), "en");
    assert.equal(userLanguage(undefined), "en");
    // At the boundary: functions.ts reads Office.context.displayLanguage at each call.
    assert.equal(failureIn("sv-SE", () => stdCost(g.Items, g.BOM, "STOOL")).language, "sv");
    assert.equal(failureIn("ms-MY", () => stdCost(g.Items, g.BOM, "STOOL")).language, "ms");
    assert.equal(failureIn("de-DE", () => stdCost(g.Items, g.BOM, "STOOL")).language, "en");
    assert.equal(failure(() => stdCost(g.Items, g.BOM, "STOOL")).language, "en"); // no Office at all
    assert.equal(withDisplayLanguage(undefined, () => failure(() => stdCost(g.Items, g.BOM, "STOOL"))).language, "en");
  });

  it("has every function text in every language, with exactly the English text's parameters", () => {
    assert.deepEqual(Object.keys(SAMPLE).sort(), [...functionKeys].sort());
    for (const key of functionKeys) {
      assert.deepEqual(Object.keys(SAMPLE[key]).sort(), paramsOf(en[key]), `the sample of ${key}`);
      for (const { code } of LANGUAGES) {
        const text = problemText(translator(code), key, SAMPLE[key]);
        assert.doesNotMatch(text, /\{\w+\}|undefined|\[object Object\]/, `${code} ${key}: ${text}`);
        assert.equal(paramsOf(translator(code).t(key as never)).join(), paramsOf(en[key]).join(), `${code} ${key} has other parameters than the English`);
      }
    }
  });

  describe("each function's errors", () => {
    it("STDCOST: an item not in Items, one whose case differs, a part it does not know", () => {
      saysInEveryLanguage(() => stdCost(g.Items, g.BOM, "STOOL"), 'Item "STOOL" is not in items', { sv: 'Artikeln "STOOL" finns inte i items', ms: 'Barang "STOOL" tiada dalam items' });
      saysInEveryLanguage(() => stdCost(g.Items, g.BOM, "chair"), 'Item "chair" is not in items (did you mean "CHAIR"? codes are case-sensitive)', {
        sv: 'Artikeln "chair" finns inte i items (menade du "CHAIR"? koder skiljer på stora och små bokstäver)',
        ms: 'Barang "chair" tiada dalam items (adakah maksud anda "CHAIR"? kod membezakan huruf besar dan huruf kecil)',
      });
      saysInEveryLanguage(() => stdCost(g.Items, g.BOM, "CHAIR", "labour"), 'part "labour" must be total, material or conversion', { sv: 'part "labour" måste vara total, material eller conversion', ms: 'part "labour" mesti total, material atau conversion' });
    });

    it("ROLLUP: a date it cannot read, and a range with a bad cell (the workbook's own problem text)", () => {
      saysInEveryLanguage(() => rollup(g.Items, g.BOM, "next monday"), 'asOf "next monday" is not a date; write it as a date cell or as year-month-day (YYYY-MM-DD)', {
        sv: 'asOf "next monday" är inte ett datum; skriv det som en datumcell eller som år-månad-dag (ÅÅÅÅ-MM-DD)',
        ms: 'asOf "next monday" bukan tarikh; tulisnya sebagai sel tarikh atau sebagai tahun-bulan-hari (TTTT-BB-HH)',
      });
      const items: Grid = [g.Items[0], ["WOOD", "Gadget", 3, null]];
      saysInEveryLanguage(() => rollup(items, g.BOM), 'items!B2: Type "Gadget" is not Material, Assembly or Phantom', { sv: 'items!B2: Typen "Gadget" är varken Material, Sammansättning eller Fantom', ms: 'items!B2: Jenis "Gadget" bukan Bahan, Pemasangan atau Fantom' });
    });

    it("EXPLODE: an item in no BOM line; a range without a header too narrow or too wide", () => {
      saysInEveryLanguage(() => explode(g.BOM, "STOOL", 1), 'Item "STOOL" is not in bom (neither a Parent nor a Component)', { sv: 'Artikeln "STOOL" finns inte i bom (varken som Parent eller som Component)', ms: 'Barang "STOOL" tiada dalam bom (bukan Parent dan bukan Component)' });
      const order = "Parent, Component, QtyPer, Scrap, ValidFrom, ValidTo";
      saysInEveryLanguage(() => explode([["CHAIR"]], "CHAIR", 1), `bom: the range has 1 column and no header row; without a header the columns must be ${order}, in that order, and the first 3 are needed`, {
        sv: `bom: området har 1 kolumn och ingen rubrikrad; utan rubrikrad måste kolumnerna vara ${order}, i den ordningen, och de 3 första behövs`,
        ms: `bom: julat itu mempunyai 1 lajur dan tiada baris pengepala; tanpa pengepala, lajurnya mesti ${order}, mengikut susunan itu, dan 3 lajur pertama diperlukan`,
      });
      // Two columns: the plural, in English and Swedish (Malay has one form).
      assert.match(failureIn("sv-SE", () => explode([["CHAIR", "SEAT"]], "CHAIR", 1)).message, /^bom: området har 2 kolumner och/);
      assert.match(failureIn("ms-MY", () => explode([["CHAIR", "SEAT"]], "CHAIR", 1)).message, /^bom: julat itu mempunyai 2 lajur dan/);
      const wide = [["CHAIR", "SEAT", 1, null, null, null, "extra"]];
      saysInEveryLanguage(() => explode(wide, "CHAIR", 1), `bom: the range has 7 columns and no header row; without a header the columns must be ${order}, in that order. Include the header row (for example BOM[#All]) to use other columns or another order`);
    });

    it("COST: a quantity that is not a number; a BOM that loops (the engine's problem text, at its cell)", () => {
      saysInEveryLanguage(() => cost(g.Items, g.BOM, "CHAIR", "ten" as unknown as number), 'qty "ten" is not a number', { sv: 'qty "ten" är inte ett tal', ms: 'qty "ten" bukan nombor' });
      const loop: Grid = [...g.BOM, ["SEAT", "CHAIR", 1, null, null, null]];
      saysInEveryLanguage(() => cost(g.Items, loop, "CHAIR", 1), "bom!B8: The BOM loops: CHAIR → SEAT → CHAIR", { sv: "bom!B8: Strukturen går i cirkel: CHAIR → SEAT → CHAIR", ms: "bom!B8: BOM berpusing dalam gelung: CHAIR → SEAT → CHAIR" });
    });

    it("PRICEVAR: a figure too large, with the limit written each language's way", () => {
      // 10^15 grouped: en and ms with ",", sv with a no-break space.
      saysInEveryLanguage(() => priceVar(1e15, 1, 1), "actualAmount 1000000000000000 is too large; every figure must be below 1,000,000,000,000,000 (10^15), the most Backflush carries exactly", {
        sv: "actualAmount 1000000000000000 är för stort; varje tal måste vara under 1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000 (10^15), det största Backflush räknar exakt med",
        // Malay groups thousands with a comma, as English does.
        ms: "actualAmount 1000000000000000 terlalu besar; setiap angka mesti di bawah 1,000,000,000,000,000 (10^15), angka terbesar yang dibawa Backflush dengan tepat",
      });
    });

    it("USAGEVAR: a result too large to carry exactly", () => {
      // 999,999,999,999,999 × 999,999,999,999,999 = 999,999,999,999,998,000,000,000,000,001: each figure below 10^15, the result not.
      saysInEveryLanguage(() => usageVar(999999999999999, 0, 999999999999999), "The result, 999999999999998000000000000001, is too large; Backflush gives results below 1,000,000,000,000,000 (10^15), the most it carries exactly", {
        sv: "Resultatet, 999999999999998000000000000001, är för stort; Backflush ger resultat under 1\u00a0000\u00a0000\u00a0000\u00a0000\u00a0000 (10^15), det största det räknar exakt med",
        ms: "Hasilnya, 999999999999998000000000000001, terlalu besar; Backflush memberi hasil di bawah 1,000,000,000,000,000 (10^15), angka terbesar yang dibawanya dengan tepat",
      });
    });

    it("CONVVAR: an argument left blank; the core's error is language-free until the cell says it", () => {
      saysInEveryLanguage(() => convVar(1, null as unknown as number), "allocated: the cell is blank", { sv: "allocated: cellen är tom", ms: "allocated: sel itu kosong" });
      // The core says English; the cell (functions.ts) says the same error in the user's language, once per language.
      const e = failure(() => conversionVarianceOf(1, null));
      assert.equal(e.message, "allocated: the cell is blank");
      assert.equal(e.in("sv").message, "allocated: cellen är tom");
      assert.equal(e.in("sv"), e.in("sv"), "said in Swedish once");
    });

    it("JOURNAL: triggers it cannot read (the Settings table's own text), and more problems than it lists", () => {
      saysInEveryLanguage(() => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, "purchase, shipping"), 'triggers "purchase, shipping" is not a trigger sequence; write purchase, completion, sale — or purchase, sale — or completion, sale — or sale', {
        sv: 'triggers "purchase, shipping" är ingen följd av triggerpunkter; skriv inköp, färdigställande, försäljning — eller inköp, försäljning — eller färdigställande, försäljning — eller försäljning',
      });
      // Five sales of an item not in Items: three listed, then how many more.
      const sales: Grid = [g.Sales[0], ...[21, 22, 23, 24, 25].map((d) => [excelSerialFromIso(`2026-11-${d}`), "STOOL", 1, null])];
      const english = "sales!B2: Item \"STOOL\" is not in Items; sales!B3: Item \"STOOL\" is not in Items; sales!B4: Item \"STOOL\" is not in Items; and 2 more problems";
      saysInEveryLanguage(() => journal(g.Items, g.BOM, g.Production, sales, g.Purchases, g.Conversion), english, {
        sv: 'sales!B2: Item "STOOL" finns inte i Items; sales!B3: Item "STOOL" finns inte i Items; sales!B4: Item "STOOL" finns inte i Items; och 2 problem till',
        ms: 'sales!B2: Item "STOOL" tiada dalam Items; sales!B3: Item "STOOL" tiada dalam Items; sales!B4: Item "STOOL" tiada dalam Items; dan 2 masalah lagi',
      });
      // Four: exactly one more, in the singular.
      const four = sales.slice(0, 5);
      const listed = 'sales!B2: Item "STOOL" is not in Items; sales!B3: Item "STOOL" is not in Items; sales!B4: Item "STOOL" is not in Items';
      saysInEveryLanguage(() => journal(g.Items, g.BOM, g.Production, four, g.Purchases, g.Conversion), `${listed}; and 1 more problem`, {
        sv: 'sales!B2: Item "STOOL" finns inte i Items; sales!B3: Item "STOOL" finns inte i Items; sales!B4: Item "STOOL" finns inte i Items; och 1 problem till',
      });
    });

    it("REVIEW: a language it does not write", () => {
      const call = () => review(g.Items, g.BOM, g.Purchases, g.Production, g.Inventory, g.Sales, g.Conversion, undefined, undefined, "de");
      saysInEveryLanguage(call, 'language "de" must be en, sv or ms', { sv: 'language "de" måste vara en, sv eller ms', ms: 'language "de" mesti en, sv atau ms' });
    });

    it("an error read once and cached is said in each caller's language", () => {
      const bad: Grid = [g.BOM[0], ["CHAIR", "SEAT", "two", null, null, null]];
      assert.equal(failureIn("sv-SE", () => explode(bad, "CHAIR", 1)).message, 'bom!C2: QtyPer "two" är inte ett tal');
      assert.equal(failureIn("en-US", () => explode(bad, "CHAIR", 1)).message, 'bom!C2: QtyPer "two" is not a number');
      assert.equal(failureIn("ms-MY", () => stdCost(g.Items, bad, "CHAIR")).message, 'bom!C2: QtyPer "two" bukan nombor');
    });
  });

  describe("in a cell", () => {
    class CellError {
      constructor(
        readonly code: string,
        readonly message?: string,
      ) {}
    }
    const runtime = { associate: () => undefined, Error: CellError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!" } };
    /** What Excel's runtime receives from a call in `tag`: the value, or the error thrown. */
    function inExcel(tag: string, call: () => unknown): unknown {
      globals.CustomFunctions = runtime;
      try {
        return withDisplayLanguage(tag, call);
      } catch (e) {
        return e;
      } finally {
        delete globals.CustomFunctions;
      }
    }

    it("shows the message in the display language, and wraps even an unexpected exception in it", () => {
      assert.deepEqual(inExcel("sv-SE", () => stdCost(g.Items, g.BOM, "STOOL")), new CellError("#N/A", 'Artikeln "STOOL" finns inte i items'));
      const broken = new Proxy([], {
        get() {
          throw new TypeError("boom");
        },
      });
      assert.deepEqual(inExcel("sv-SE", () => stdCost(broken, g.BOM, "STOOL")), new CellError("#VALUE!", "Backflush kunde inte räkna ut detta: boom"));
      assert.deepEqual(inExcel("ms-MY", () => stdCost(broken, g.BOM, "STOOL")), new CellError("#VALUE!", "Backflush tidak dapat mengira ini: boom"));
      assert.deepEqual(inExcel("de-DE", () => stdCost(broken, g.BOM, "STOOL")), new CellError("#VALUE!", "Backflush could not compute this: boom"));
    });

    it("gives #NUM! without a message, which Excel takes with #VALUE! and #N/A only", () => {
      const e = inExcel("en-US", () => cost(g.Items, g.BOM, "CHAIR", 1e308)) as CellError;
      assert.equal(e.code, "#NUM!");
      assert.equal(e.message, undefined);
    });
  });

  describe("what the functions spill", () => {
    it("ROLLUP's and EXPLODE's headers and item types", () => {
      assert.deepEqual(withDisplayLanguage("sv-SE", () => rollup(g.Items, g.BOM)).slice(0, 2), [
        ["Artikel", "Typ", "Materialkostnad", "Förädlingskostnad", "Totalt"],
        ["CHAIR", "Sammansättning", 13.3, 10, 23.3],
      ]);
      assert.deepEqual(withDisplayLanguage("ms-MY", () => rollup(g.Items, g.BOM)).slice(0, 3), [
        ["Barang", "Jenis", "Kos bahan", "Kos penukaran", "Jumlah"],
        ["CHAIR", "Pemasangan", 13.3, 10, 23.3],
        ["FABRIC", "Bahan", 4, 0, 4],
      ]);
      assert.deepEqual(withDisplayLanguage("sv-SE", () => explode(g.BOM, "CHAIR", 1))[0], ["Råvara", "Antal"]);
      assert.deepEqual(withDisplayLanguage("ms-MY", () => explode(g.BOM, "CHAIR", 1))[0], ["Bahan", "Kuantiti"]);
      // Other display languages get the English, as before.
      assert.deepEqual(withDisplayLanguage("de-DE", () => rollup(g.Items, g.BOM))[0], ["Item", "Type", "Material", "Conversion", "Total"]);
    });

    it("JOURNAL: the Journal sheet's headers, triggers and memos in the user's language, as the engine writes them", () => {
      const spilled = withDisplayLanguage("sv-SE", () => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, undefined, g.Inventory));
      const sv = translator("sv");
      const columns = journalColumns(sv);
      assert.deepEqual(spilled[0], columns.map((c) => c.header));
      assert.equal(spilled[0][0], "Ver.nr");
      // The engine's own journal, run in Swedish and rendered as the Swedish Journal sheet renders it (records on rows 2, 3, … as in the grids).
      const input = chairMaker();
      const at = <T extends { row: number }>(records: readonly T[] | undefined): T[] => (records ?? []).map((r, i) => ({ ...r, row: i + 2 }));
      const renumbered = { items: at(input.items), bom: at(input.bom), completions: at(input.completions), sales: at(input.sales), purchases: at(input.purchases), conversion: at(input.conversion), inventory: at(input.inventory) };
      const expected = journalRows(runBackflush({ ...renumbered, settings: { ...input.settings, periodStart: undefined, periodEnd: undefined }, language: "sv" }), accountsIn(DEFAULT_ACCOUNTS, "sv"), {}, sv);
      assert.equal(spilled.length - 1, expected.length);
      // The default accounts are named in Swedish, as on the Journal sheet of a Swedish run.
      const texts = ["sheet.col.trigger", "sheet.col.accountName", "sheet.col.memo", "sheet.col.source"] as const;
      const accountName = columns.findIndex((c) => c.header === sv.t("sheet.col.accountName"));
      assert.ok(spilled.slice(1).some((r) => r[accountName] === "Prisavvikelse vid inköp"), "the default account names in Swedish");
      for (const key of texts) {
        const c = columns.findIndex((col) => col.header === sv.t(key));
        expected.forEach((row, r) => assert.equal(spilled[r + 1][c], row[c] ?? "", `row ${r + 1}, ${key}`));
      }
      const trigger = columns.findIndex((c) => c.header === sv.t("sheet.col.trigger"));
      assert.ok(spilled.slice(1).some((r) => r[trigger] === "färdigställande"), "no Swedish trigger word");
      // Not the English: the same journal in English has other memos.
      const english = journalTable({ items: g.Items, bom: g.BOM, production: g.Production, sales: g.Sales, purchases: g.Purchases, conversion: g.Conversion, inventory: g.Inventory });
      const memo = columns.findIndex((c) => c.header === sv.t("sheet.col.memo"));
      assert.ok(spilled.slice(1).some((r, i) => r[memo] !== "" && r[memo] !== english[i + 1][memo]), "no memo in Swedish");
      // Figures are the same as in English: only the words change.
      const debit = columns.findIndex((c) => c.header === sv.t("sheet.col.debit"));
      assert.deepEqual(spilled.slice(1).map((r) => r[debit]), english.slice(1).map((r) => r[debit]));
    });

    it("JOURNAL: a Settings range's Language wins over the display language, as it does for the sheets", () => {
      const settings: Grid = [["Setting", "Value"], ["Language", "ms"]];
      const spilled = withDisplayLanguage("sv-SE", () => journal(g.Items, g.BOM, g.Production, g.Sales, g.Purchases, g.Conversion, undefined, g.Inventory, settings));
      assert.deepEqual(spilled[0], journalColumns(translator("ms")).map((c) => c.header));
    });

    it("REVIEW: the display language when no language is given; the argument, then Settings Language, win", () => {
      const spill = (tag: string, language?: string, settings?: Grid) => withDisplayLanguage(tag, () => review(g.Items, g.BOM, g.Purchases, g.Production, g.Inventory, g.Sales, g.Conversion, undefined, settings, language));
      assert.deepEqual(spill("sv-SE")[0].slice(0, 2), ["Slag", "Artikel"]);
      assert.deepEqual(spill("ms-MY")[0].slice(0, 2), [translator("ms").t("review.col.kind"), translator("ms").t("review.col.item")]);
      assert.deepEqual(spill("sv-SE", "en")[0].slice(0, 2), ["Kind", "Item"]);
      assert.deepEqual(spill("en-US", undefined, [["Setting", "Value"], ["Language", "sv"]])[0].slice(0, 2), ["Slag", "Artikel"]);
      assert.deepEqual(spill("ms-MY", "en", [["Setting", "Value"], ["Language", "sv"]])[0].slice(0, 2), ["Kind", "Item"]);
    });
  });
});
