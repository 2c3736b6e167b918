/**
 * Problems in the reader's language (issue 20, item 3): each carries a catalog
 * key and its parameters; every catalog fills in exactly the English key's
 * parameters; the four-problem sample reads in Swedish and Malay with its
 * cells; and the pane's other words about a workbook (a file it cannot read, a
 * bug of ours, the default table names, the tables read) follow its language.
 */
import { strict as assert } from "node:assert";
import { PackageError } from "../../src/adapters/xlsx/errors";
import { said } from "../../src/engine/errors";
import { LANGUAGES, translator, type Language } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { problemText, type ProblemKey, type ProblemParams } from "../../src/i18n/problems";
import { rawTablesOf } from "../../src/sample";
import { BackflushBug, errorFrom, errorInfo } from "../../src/taskpane/job/protocol";
import { ProgressPort, type JobProgress } from "../../src/taskpane/job/progress";
import { reasonOf } from "../../src/taskpane/wizard/controller";
import { shown, toDec, uncalculatedFormula, whyAt } from "../../src/workbook/cells";
import { checkInput } from "../../src/workbook/check";
import { lookupNames } from "../../src/workbook/job";
import { readInput } from "../../src/workbook/parse";
import type { WorkbookPort } from "../../src/workbook/port";
import { TABLE_ORDER } from "../../src/workbook/schema";
import { FOUR_PROBLEMS, FOUR_PROBLEMS_IN, fourProblemSample } from "../support/four-problems";
import { readSetting } from "./support";

/** Values for every problem key's parameters: a key added without them here is a compile error. */
const SAMPLE: { readonly [K in ProblemKey]: ProblemParams<K> } = {
  "problem.required": { field: "Qty" },
  "problem.belowTable": { row: "3", name: "Sales" },
  "problem.belowTableFar": { row: "4", name: "Table1" },
  "problem.headersLow": { sheet: "Production", row: "3" },
  "problem.foundTwice": { table: "Sales", places: { list: [{ term: "place.sheet", params: { sheet: "Sales" } }, { term: "place.table", params: { table: "Sales2", sheet: "Other" } }] } },
  "problem.readTwice": { place: { term: "place.sheet", params: { sheet: "Sales" } }, first: "Production", second: "Sales", picked: "Production" },
  "problem.blankCell": { field: "Qty" },
  "problem.shown.blank": {},
  "problem.shown.invalidDate": {},
  "problem.shown.true": {},
  "problem.shown.false": {},
  "problem.shown.error.na": {},
  "problem.shown.error.value": {},
  "problem.shown.error.ref": {},
  "problem.shown.error.div0": {},
  "problem.shown.error.num": {},
  "problem.shown.error.name": {},
  "problem.shown.error.null": {},
  "problem.cellError": { field: "Qty", error: "#N/A" },
  "problem.uncalculated": { field: "Qty", formula: "B2*2" },
  "problem.notANumber": { field: "Qty", value: '"12,5kg"' },
  "problem.notANumberWord": { field: "Qty", value: "TRUE" },
  "problem.dateNotNumber": { field: "Qty", value: "2026-11-03" },
  "problem.twoWays": { field: "Qty", value: "1.234", whole: "1234", decimal: "1.234" },
  "problem.tooLarge": { field: "Qty", value: "1000000000000000", max: { figure: "1000000000000000" } },
  "problem.notADate": { field: "Date", value: "5" },
  "problem.notADateWord": { field: "Date", value: "TRUE" },
  "problem.notADateText": { field: "Date", value: "31/11/2026" },
  "problem.noSuchDay": { field: "Date", value: "2026-11-31" },
  "problem.invalidDate": { field: "Date" },
  "problem.pastLastDay": { field: "Date" },
  "problem.dateNotText": { field: "Item", value: "2026-11-03" },
  "problem.notText": { field: "Item", value: "TRUE" },
  "problem.codeTooLong": { field: "Item", start: "AAAAAAAAAAAAAAAAAAAA", length: 1000, max: 255 },
  "problem.invisibleOne": { field: "Item", code: "A[U+200B]B", kinds: { list: [{ term: "problem.char", params: { code: "U+200B", name: { term: "problem.char.zeroWidthSpace" } } }] } },
  "problem.invisibleMany": { field: "Item", code: "A[U+200B][U+00AD]", count: 2, kinds: { list: ["U+200B", "U+00AD"] } },
  "problem.char": { code: "U+0009", name: { term: "problem.char.tab" } },
  "problem.char.zeroWidthSpace": {},
  "problem.char.zeroWidthNonJoiner": {},
  "problem.char.zeroWidthJoiner": {},
  "problem.char.wordJoiner": {},
  "problem.char.byteOrderMark": {},
  "problem.char.softHyphen": {},
  "problem.char.leftToRightMark": {},
  "problem.char.rightToLeftMark": {},
  "problem.char.lineSeparator": {},
  "problem.char.paragraphSeparator": {},
  "problem.char.tab": {},
  "problem.char.lineBreak": {},
  "problem.char.carriageReturn": {},
  "problem.char.control": {},
  "problem.char.formatting": {},
  "problem.columnTwice": { header: '"Qty"', field: "Qty", other: "C" },
  "problem.noColumn": { table: "Items", field: "Type" },
  "problem.noColumnOr": { table: "Items", field: "Type", others: "Item type, Typ, Jenis" },
  "problem.noTable": { names: "Items, Artiklar, Barangan" },
  "problem.blankRow": { row: "12", table: "Sales" },
  "problem.blankRows": { first: "3", last: "4999", table: "Sales" },
  "problem.unknownSetting": { value: "Colour", keys: "Triggers, PeriodStart" },
  "problem.settingTwice": { field: "Currency", first: "3" },
  "problem.notTriggers": { field: "Triggers", value: '"soon"' },
  "problem.notCurrency": { field: "Currency", value: '"kronor"' },
  "problem.notDisposition": { field: "Disposition", value: '"later"' },
  "problem.notCompany": { field: "Company", value: "TRUE" },
  "problem.notOrgNumber": { field: "OrgNumber", value: "TRUE" },
  "problem.notPosting": { field: "Posting", value: '"often"' },
  "problem.toleranceRange": { field: "StandardTolerance", value: { figure: "1.5" }, percent: { figure: "150" } },
  "problem.notYesNo": { field: "CapitalizeConversion", value: '"maybe"' },
  "problem.notLanguage": { field: "Language", value: "\"de\"" },
  "problem.unknownItemType": { value: "Widget" },
  "problem.unknownRole": { value: "CASH", roles: "RIP, FG" },
  "problem.roleTwice": { role: "RIP", first: "4" },
  "problem.accountNamedTwice": { account: "1400", name: "Finished goods", other: "Inventory", first: "3" },
  "problem.accountIsDefault": { account: "2000", role: "CONV_SOURCE", other: "AP" },
  "problem.unknownTriggers": { value: "soon" },
  "problem.unknownDisposition": { value: "later" },
  "problem.datesOutOfOrder": { first: "PeriodStart", start: "2026-12-01", last: "PeriodEnd", end: "2026-11-30" },
  "problem.nothingToCost": {},
  "problem.noItems": {},
  "problem.outsidePeriod": { date: "2026-12-05", start: "2026-11-01", end: "2026-11-30" },
  "problem.outsidePeriodPaneOne": { date: "2026-12-05", start: "2026-11-01", end: "2026-11-30", day: { term: "method.periodEnd" } },
  "problem.outsidePeriodPaneBoth": { date: "2026-12-05", start: "2026-11-01", end: "2026-11-30" },
  "problem.outsidePeriodPaneRowsOne": { count: 378, start: "2026-10-01", end: "2026-10-01", day: { term: "method.periodEnd" }, date: "2026-10-02", address: "Production!A6" },
  "problem.outsidePeriodPaneRowsBoth": { count: 378, start: "2026-10-01", end: "2026-10-01", date: "2026-10-02", address: "Production!A6" },
  "problem.periodOrder": { start: { term: "problem.paneDate", params: { field: { term: "method.periodStart" }, date: "2026-12-01" } }, end: { term: "problem.sheetDate", params: { key: "PeriodEnd", date: "2026-11-30", address: "Settings!B4" } } },
  "problem.paneDate": { field: { term: "method.periodStart" }, date: "2026-12-01" },
  "problem.sheetDate": { key: "PeriodEnd", date: "2026-11-30", address: "Settings!B4" },
  "problem.notInItems": { field: "Item", item: "CHAIR-CLASIC", items: "Items" },
  "problem.notInItemsPadded": { field: "Item", item: "123", items: "Items", like: "00123" },
  "problem.type.material": {},
  "problem.type.assembly": {},
  "problem.type.phantom": {},
  "problem.notCompleted": { item: "WOOD", type: { term: "problem.type.material" } },
  "problem.notSold": { item: "KIT", type: { term: "problem.type.phantom" } },
  "problem.notPurchased": { item: "CHAIR", type: { term: "problem.type.assembly" } },
  "problem.phantomStocked": { item: "KIT" },
  "problem.repeatedRow": { first: "7" },
  "problem.itemOnRow": { item: "WOOD", first: "3" },
  "problem.itemTwice": { item: "WOOD" },
  "problem.notFinite": { field: "Qty", value: "NaN" },
  "problem.notPositive": { field: "Qty", value: { figure: "-1.5" } },
  "problem.negative": { field: "Amount", value: { figure: "-12345.5" } },
  "problem.negativeOf": { field: "StdPrice", item: "WOOD" },
  "problem.valueWithoutQty": { value: { figure: "100" } },
  "problem.unknownType": { value: "widget", item: "WOOD" },
  "problem.noPrice": { item: "FELT-PAD" },
  "problem.materialHasBom": { item: "WOOD" },
  "problem.scrapRange": { field: "Scrap", value: { figure: "5" }, percent: { figure: "500" } },
  "problem.openingBelowConversion": { item: "CHAIR", value: { figure: "99.99" }, conversion: { figure: "100.00" } },
  "problem.bomLineTwice": { parent: "CHAIR", component: "SCREW", first: "5" },
  "problem.bomLoop": { path: "A → B → A" },
  "problem.bomTooDeep": { levels: 5000, path: "L0 → L1 → … → WOOD", max: 500 },
  "problem.noBomAssembly": { item: "TABLE" },
  "problem.noBomPhantom": { item: "KIT" },
  "problem.noValidBom": { date: "2026-11-03", components: { list: ['"SEAT"', '"LEG"'] }, item: "CHAIR" },
  "problem.noValidBomOpening": { date: "2026-11-01", components: { list: ['"SEAT"'] }, item: "CHAIR" },
  "problem.noValidBomCount": { date: "2026-11-30", components: { list: ['"SEAT"'] }, item: "CHAIR" },
  "problem.noValidLine": { item: "SEAT" },
  "problem.noValidLineOn": { item: "SEAT", date: "2026-11-03" },
  "problem.noValidLineNewest": { item: "SEAT", date: "2026-11-15" },
  "problem.lineTooLarge": { role: "RIP", amount: { figure: "2000000000000000" }, max: { figure: "1000000000000000" } },
  "problem.lineTooLargeFor": { role: "RIP", item: "WOOD", amount: { figure: "2000000000000000" }, max: { figure: "1000000000000000" } },
  "problem.paidTooLarge": { amount: { figure: "20000000000000" }, max: { figure: "10000000000000" } },
  "problem.openingCurrency": { file: "october-result.xlsx", sheet: "Closing", cell: "C6", previous: "USD", current: "EUR" },
  "problem.openingSequence": { file: "october-result.xlsx", sheet: "Closing", cell: "C5", previous: "purchase-sale", current: "sale" },
  "problem.openingPeriod": { file: "october-result.xlsx", sheet: "Closing", cell: "C8", start: "2026-11-02", end: "2026-10-31", next: "2026-11-01" },
  "problem.openingBoth": { file: "october-result.xlsx", sheet: "Closing", cell: "C12", item: "CHAIR" },
};

const paramsOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const problemKeys = Object.keys(en).filter((k): k is ProblemKey => k.startsWith("problem."));

describe("workbook: problems in the reader's language", () => {
  it("has sample values for exactly the English problem keys' parameters, and every catalog fills them all in", () => {
    assert.deepEqual(Object.keys(SAMPLE).sort(), [...problemKeys].sort());
    for (const key of problemKeys) {
      assert.deepEqual(Object.keys(SAMPLE[key]).sort(), [...new Set(paramsOf(en[key]))].sort(), `the sample of ${key}`);
      for (const { code } of LANGUAGES) {
        const text = problemText(translator(code), key, SAMPLE[key]);
        assert.doesNotMatch(text, /\{\w+\}/, `${code} ${key}: ${text}`);
        assert.doesNotMatch(text, /undefined|\[object Object\]/, `${code} ${key}: ${text}`);
      }
    }
  });

  it("makes message, in English, from the same key and parameters the other languages are made from", () => {
    for (const key of problemKeys) {
      const text = (said as (k: ProblemKey, p: object) => { message: string })(key, SAMPLE[key]);
      assert.equal(text.message, problemText(translator("en"), key, SAMPLE[key]), key);
    }
  });

  it("writes the numbers it states the reader's way, and what the user typed as it was typed", () => {
    // -12345.5: en groups with "," and marks decimals with "."; sv groups with a no-break space and writes "−" and ",".
    const negative = SAMPLE["problem.negative"];
    assert.equal(problemText(translator("en"), "problem.negative", negative), "Amount must not be negative (is -12,345.5)");
    assert.equal(problemText(translator("sv"), "problem.negative", negative), "Amount får inte vara negativt (är \u221212\u00a0345,5)");
    // The cell's text "12,5kg" is the user's, in every language.
    for (const { code } of LANGUAGES) assert.match(problemText(translator(code), "problem.notANumber", SAMPLE["problem.notANumber"]), /^Qty "12,5kg" /);
    assert.equal(problemText(translator("ms"), "problem.notCompleted", SAMPLE["problem.notCompleted"]), '"WOOD" ialah bahan; hanya pemasangan yang disiapkan (fantom tidak pernah distok, bahan dibeli)');
  });

  it("shows TRUE, FALSE and a blank cell as Excel shows them in the reader's language", () => {
    const truth = toDec(true);
    assert.ok(!truth.ok);
    const said = (code: Language, why: typeof truth.why) => problemText(translator(code), why.key, { ...why.params, field: "Qty" });
    assert.deepEqual((["en", "sv", "ms"] as const).map((code) => said(code, truth.why)), ["Qty: TRUE is not a number", "Qty: SANT är inte ett tal", "Qty: BENAR bukan nombor"]);
    const settings = readSetting("Language", false);
    assert.deepEqual(settings.problems.map((p) => problemText(translator("ms"), p.key, p.params)), ["Language PALSU bukan en, sv atau ms (English, Svenska, Bahasa Melayu)"]);
    assert.equal(problemText(translator("sv"), "problem.notLanguage", { field: "Language", value: shown(null) }), problemText(translator("sv"), "problem.notLanguage", { field: "Language", value: "(tom)" }));
  });

  it("says a formula the file never calculated in the reader's language, the formula as it is", () => {
    const why = toDec({ error: uncalculatedFormula("B2*2") });
    assert.ok(!why.ok);
    const text = whyAt("Qty", why.why);
    assert.equal(text.message, `Qty: the cell holds ${uncalculatedFormula("B2*2")}`);
    assert.equal(problemText(translator("sv"), text.key, text.params), "Qty: cellen innehåller en formel utan sparat resultat (=B2*2); öppna filen i Excel, låt den räkna om och spara den");
    const na = toDec({ error: "#N/A" });
    assert.ok(!na.ok);
    // An error value as Excel shows it in the reader's language: Swedish Excel shows #N/A as #SAKNAS!; Excel has no Malay names.
    assert.equal(problemText(translator("sv"), na.why.key, { ...na.why.params, field: "Qty" }), "Qty: cellen innehåller #SAKNAS!");
    assert.equal(problemText(translator("ms"), na.why.key, { ...na.why.params, field: "Qty" }), "Qty: sel itu mengandungi #N/A");
    assert.equal(problemText(translator("en"), na.why.key, { ...na.why.params, field: "Qty" }), "Qty: the cell holds #N/A");
    const div = toDec({ error: "#DIV/0!" });
    assert.ok(!div.ok);
    assert.equal(problemText(translator("sv"), div.why.key, { ...div.why.params, field: "Qty" }), "Qty: cellen innehåller #DIVISION/0!");
    const spill = toDec({ error: "#SPILL!" });
    assert.ok(!spill.ok);
    assert.equal(problemText(translator("sv"), spill.why.key, { ...spill.why.params, field: "Qty" }), "Qty: cellen innehåller #SPILL!", "an error with no other name, as it is");
  });

  it("asks for a date as year-month-day in every language, with no fixed date that may lie outside the workbook's period", () => {
    for (const { code } of LANGUAGES) {
      const text = problemText(translator(code), "problem.notADateText", SAMPLE["problem.notADateText"]);
      // The only date-like text left is the user's own "31/11/2026".
      assert.doesNotMatch(text.replace('"31/11/2026"', ""), /\d{4}-\d{2}-\d{2}|\d+\/\d+/, `${code}: ${text}`);
    }
    assert.equal(problemText(translator("en"), "problem.notADateText", SAMPLE["problem.notADateText"]), 'Date "31/11/2026" is not a date; write it as a date cell or as year-month-day (YYYY-MM-DD)');
  });

  it("offers a missing column's other names in the reader's language first", () => {
    const tables = rawTablesOf(fourProblemSample());
    const rename = (table: "Production" | "Sales", from: string, to: string) => {
      const raw = tables[table]!;
      tables[table] = { ...raw, header: raw.header.map((h) => (h === from ? to : h)) };
    };
    rename("Production", "Qty", "Quantity produced");
    rename("Sales", "Item", "Product");
    const read = readInput(tables);
    const missing = read.problems.filter((p) => p.code === "missing-column");
    const said = (lang: Language) => missing.map((p) => problemText(translator(lang), p.key, p.params));
    // Malay: all of its own names (Kuantiti; Barang, Kod item), then others up to three names in all.
    assert.deepEqual(said("ms"), ["Production tiada lajur Qty (atau Kuantiti, Quantity, Antal)", "Sales tiada lajur Item (atau Barang, Kod item, Item code)"]);
    assert.deepEqual(said("sv"), ["Production har ingen kolumn Qty (eller Antal, Kvantitet, Quantity)", "Sales har ingen kolumn Item (eller Artikel, Artikelnummer, Item code)"]);
    // English reads as it always has, and is the message.
    assert.deepEqual(said("en"), ["Production has no column Qty (or Quantity, Antal, Kvantitet)", "Sales has no column Item (or Item code, Artikel, Artikelnummer)"]);
    assert.deepEqual(missing.map((p) => p.message), said("en"));
  });

  it("lists issue 20's four problems with their cells in Swedish and Malay", () => {
    const checked = checkInput(readInput(rawTablesOf(fourProblemSample())));
    assert.ok(!checked.ok);
    assert.deepEqual(checked.problems.map((p) => `${p.address}: ${p.message}`), FOUR_PROBLEMS);
    for (const lang of ["sv", "ms"] as const) {
      const tr = translator(lang);
      assert.deepEqual(checked.problems.map((p) => `${p.address}: ${problemText(tr, p.key, p.params)}`), FOUR_PROBLEMS_IN[lang], lang);
    }
  });
});

describe("taskpane: the words about a workbook in the pane's language", () => {
  it("offers each table's default name in the pane's language, a name the job looks up", () => {
    for (const { code } of LANGUAGES) {
      const tr = translator(code);
      for (const table of TABLE_ORDER) {
        const name = tr.t(`tableName.${table}`);
        assert.ok(lookupNames(table).includes(name), `${code} ${table}: ${name} is not among ${lookupNames(table).join(", ")}`);
      }
    }
    assert.equal(translator("sv").t("data.default", { name: translator("sv").t("tableName.Items") }), "Standardnamn: Artiklar");
  });

  it("says why a file cannot be read, and that a failure is a bug of ours, in the pane's language, also when the worker reports it", () => {
    const damaged = new PackageError("badSheet", { sheet: "Sales", cell: "B7" });
    assert.equal(damaged.message, "it is damaged: sheet Sales, near cell B7, could not be read; open it in Excel (which may repair it) and save it again");
    const fromWorker = errorFrom(errorInfo(damaged));
    assert.equal(reasonOf(fromWorker, translator("sv")), "den är skadad: bladet Sales, nära cell B7, gick inte att läsa; öppna den i Excel (som kan reparera den) och spara den igen");
    // 2 GB is 2048 MB: Malay groups it as English does.
    assert.equal(reasonOf(new PackageError("fileTooLarge", { limit: 2 * 1024 ** 3 }), translator("ms")), "bahagiannya akan mengambil lebih daripada 2,048 MB apabila dibuka; Backflush menolak fail sebesar ini untuk melindungi memori komputer anda");
    const bug = errorFrom(errorInfo(new BackflushBug()));
    assert.equal(reasonOf(bug, translator("sv")), translator("sv").t("failure.bug"));
    assert.match(reasonOf(bug, translator("sv")), /^Backflush misslyckades oväntat/);
    assert.equal(reasonOf(bug, translator("en")), "Backflush failed unexpectedly while working on the workbook. This is a bug: please report it, with the file if you can.");
  });

  it("names each table it reads, so the pane can say it by its label", async () => {
    const seen: JobProgress[] = [];
    const port = { findTable: async () => undefined } as unknown as WorkbookPort;
    const progress = new ProgressPort(port, (p) => seen.push(p));
    for (const table of TABLE_ORDER) await progress.findTable(lookupNames(table));
    assert.deepEqual(
      seen.flatMap((p) => (p.phase === "read" ? [p.table] : [])),
      TABLE_ORDER,
    );
    const sv: Language = "sv";
    assert.equal(translator(sv).t("progress.read", { name: translator(sv).t("table.Production") }), "Läser Tillverkning (färdigrapportering)…");
  });
});
