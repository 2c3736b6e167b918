/**
 * Numbers as docs/workbook.md promises to read them ("Numbers, dates, scrap
 * and text"): numeric text formatted in every style the docs name (English,
 * Swedish and Malay grouping; spaces, no-break spaces, dots, commas,
 * apostrophes; a decimal comma or point; a percent sign) and number cells are
 * read as the number they were written from, or refused; never as another
 * number. A single "." or "," followed by exactly three digits after one to
 * three digits is the one refusal for two readings.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec } from "../../src/engine";
import { priceVar } from "../../src/functions/functions";
import type { CellValue, Converted } from "../../src/workbook/cells";
import { toDec, whyAt } from "../../src/workbook/cells";
import { formatProblem, readInput, type RawTable } from "../../src/workbook/parse";
import { TABLES, requiredTables } from "../../src/workbook/schema";
import type { TableName } from "../../src/engine";
import { failure } from "../functions/support";
import { translator } from "../../src/i18n";
import { problemText } from "../../src/i18n/problems";

/** A decimal to write: its sign, whole digits (no leading zero but for "0") and fraction digits. */
interface Written {
  negative: boolean;
  whole: string;
  fraction: string;
  percent: boolean;
}

const digits = (min: number, max: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const wholeDigits = fc.oneof(fc.constant("0"), fc.tuple(fc.constantFrom(..."123456789"), digits(0, 11)).map(([a, b]) => a + b));
const written: fc.Arbitrary<Written> = fc.record({ negative: fc.boolean(), whole: wholeDigits, fraction: fc.oneof(fc.constant(""), digits(1, 6)), percent: fc.boolean() });

/** The number the text was written from. */
function meant(w: Written): Dec {
  const d = new Dec(`${w.negative ? "-" : ""}${w.whole}${w.fraction ? `.${w.fraction}` : ""}`);
  return w.percent ? d.dividedBy(100) : d;
}

/** The thousands separators and decimal marks of the styles the docs accept: en and ms (1,234.5), sv (1 234,5, with a no-break space from Excel), 1.234,5, Swiss 1'234.5. */
const GROUPS = ["", ",", ".", " ", "\u00a0", "\u202f", "'", "\u2019"] as const;
const MARKS = [".", ","] as const;
const MINUS = ["-", "\u2212"] as const;

/** `whole` in groups of three from the right, joined by `group`. */
function grouped(whole: string, group: string): string {
  if (group === "") return whole;
  const parts: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) parts.unshift(whole.slice(Math.max(0, end - 3), end));
  return parts.join(group);
}

const style = fc.record({ group: fc.constantFrom(...GROUPS), mark: fc.constantFrom(...MARKS), minus: fc.constantFrom(...MINUS), plus: fc.boolean(), percentSpace: fc.boolean(), pad: fc.constantFrom("", " ", "\u00a0") }).filter((s) => s.group !== s.mark);

/**
 * The docs' one ambiguous shape, decided on what was written: no thousands
 * separator but one "." or "," (as the decimal mark, or as the single
 * thousands separator of a whole number), with exactly three digits after it
 * and one to three digits, not a lone 0, before it.
 */
/** Why a text was refused, as the reader says it of a Qty cell ("" for one that was read). */
function whyOf(r: Converted<unknown>): string {
  return r.ok ? "" : whyAt("Qty", r.why).message;
}

function twoReadings(text: string): boolean {
  const body = text.replace(/[%\s\u00a0\u202f+\-\u2212]/g, "");
  return /^[1-9]\d{0,2}[.,]\d{3}$/.test(body);
}

describe("workbook: numbers as docs/workbook.md says they are read", () => {
  it("refuses text such as 1.234 and 1,450, which could mean 1234 and 1450, wherever it is read", () => {
    for (const text of ["1.234", "1.450", "1,234", "12,400", "-1.234", "999.999", "1.234%"]) {
      const r = toDec(text);
      assert.equal(r.ok, false, text);
      assert.match(whyOf(r), /could be read two ways/);
    }
    // The same text read for what it can only be.
    for (const [text, value] of [["0.234", "0.234"], ["1234.567", "1234.567"], ["1.2345", "1.2345"], ["1.23", "1.23"], ["1,234.5", "1234.5"], ["1.234,5", "1234.5"], ["1.234.567", "1234567"], ["1 234", "1234"], ["1'234.50", "1234.5"], ["\u22121\u00a0234,5", "-1234.5"]] as const) {
      const r = toDec(text);
      assert.ok(r.ok && r.value.equals(value), `${text}: ${JSON.stringify(r)}`);
    }
  });

  it("names both readings of a percentage, percent sign included", () => {
    const r = toDec("-1.234 %");
    assert.equal(whyOf(r), 'Qty "-1.234 %" could be read two ways (-1234% or -1.234%); write -1234%, or enter -1.234% as a number rather than as text');
  });

  it("reads text in every documented style as the number it was written from, or refuses it for its two readings", () => {
    fc.assert(
      fc.property(written, style, (w, s) => {
        const number = `${grouped(w.whole, s.group)}${w.fraction ? s.mark + w.fraction : ""}`;
        const sign = w.negative ? s.minus : s.plus ? "+" : "";
        const text = `${s.pad}${sign}${number}${w.percent ? (s.percentSpace ? " %" : "%") : ""}${s.pad}`;
        const r = toDec(text);
        if (twoReadings(text)) {
          assert.equal(r.ok, false, text);
          assert.match(whyOf(r), /could be read two ways/, text);
        } else {
          assert.ok(r.ok, `${JSON.stringify(text)} was refused: ${whyOf(r)}`);
          assert.ok(r.value.equals(meant(w)), `${JSON.stringify(text)} read as ${r.value.toString()}, written from ${meant(w).toString()}`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("reads text that Intl writes for en-US, sv-SE and ms-MY as that number, or refuses it for its two readings", () => {
    const locales = ["en-US", "sv-SE", "ms-MY"];
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (locale, units, places, grouping) => {
        const value = new Dec(units).dividedBy(10 ** places);
        const text = new Intl.NumberFormat(locale, { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: grouping }).format(value.toNumber());
        const r = toDec(text);
        if (twoReadings(text)) assert.equal(r.ok, false, text);
        else assert.ok(r.ok && r.value.equals(value), `${locale} ${JSON.stringify(text)}: ${JSON.stringify(r)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses thousands in groups of other than three, and separators mixed or misplaced, as not a number", () => {
    const wrongGroups = fc.tuple(fc.constantFrom(...GROUPS.filter((g) => g !== "")), fc.constantFrom(1, 2, 3), fc.array(fc.constantFrom(1, 2, 3, 4, 5), { minLength: 2, maxLength: 4 }), fc.constantFrom("", ".5", ",5"));
    fc.assert(
      fc.property(wrongGroups, ([group, first, rest, tail]) => {
        fc.pre(rest.some((n) => n !== 3));
        fc.pre(!tail.startsWith(group));
        const text = ["1".repeat(first), ...rest.map((n) => "2".repeat(n))].join(group) + tail;
        const r = toDec(text);
        assert.equal(r.ok, false, text);
        assert.match(whyOf(r), /is not a number/, text);
      }),
      { numRuns: 2000 },
    );
    for (const text of ["12,5kg", "n/a", "TRUE", "1e5", "1,23,456", "1.234.5", "1,234,5", "1 234 5", "1'234'5", "(12.50)", "$12", "12-", "--1", ".5", "1."]) {
      assert.equal(toDec(text).ok, false, text);
    }
  });

  it("reads a number cell as its 15 significant digits", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e14, max: 1e14, noNaN: true }), (n) => {
        const r = toDec(n);
        // Below 10^-10 in size, a formula's crumbs: 0 (docs/workbook.md, Limits).
        const expected = Math.abs(n) < 1e-10 ? new Dec(0) : new Dec(n.toPrecision(15));
        assert.ok(r.ok && r.value.equals(expected) && !(expected.isZero() && r.value.isNegative()), String(n));
      }),
      { numRuns: 3000 },
    );
    // A number cell is never ambiguous: 1.234 typed into a number cell is 1.234.
    const r = toDec(1.234);
    assert.ok(r.ok && r.value.equals("1.234"));
  });

  it("reports the text with its cell, in any number column", () => {
    const empty = (name: TableName): RawTable => ({ sheet: name, headerRow: 1, firstColumn: 0, header: TABLES[name].columns.map((c) => c.key), rows: [] });
    const tables: Partial<Record<TableName, RawTable>> = Object.fromEntries(requiredTables("purchase-completion-sale").map((n) => [n, empty(n)]));
    const rows: CellValue[][] = [
      [46329, "WOOD", 10, "1.234", "INV-1"],
      [46329, "WOOD", "1,450", 12.5, "INV-2"],
    ];
    tables.Purchases = { ...empty("Purchases"), rows };
    tables.Conversion = { ...empty("Conversion"), rows: [[46329, "1.450", "Labor", null]] };
    const read = readInput(tables);
    assert.equal(read.input, undefined);
    assert.deepEqual(read.problems.map(formatProblem), [
      'Purchases!D2: Amount "1.234" could be read two ways (1234 or 1.234); write 1234, or enter 1.234 as a number rather than as text',
      'Purchases!C3: Qty "1,450" could be read two ways (1450 or 1.450); write 1450, or enter 1.450 as a number rather than as text',
      'Conversion!B2: Amount "1.450" could be read two ways (1450 or 1.450); write 1450, or enter 1.450 as a number rather than as text',
    ]);
    // Said in Swedish, the decimal reading is written as a Swede types it: 1,234.
    const [first] = read.problems;
    assert.equal(problemText(translator("sv"), first.key, first.params), 'Amount "1.234" kan läsas på två sätt (1234 eller 1,234); skriv 1234, eller ange 1,234 som ett tal i stället för som text');
  });

  it("PRICEVAR refuses \"1.234\" with #VALUE! instead of reading 1.234", () => {
    const e = failure(() => priceVar("1.234" as unknown as number, 1, 1));
    assert.deepEqual([e.code, e.message], ["#VALUE!", 'actualAmount "1.234" could be read two ways (1234 or 1.234); write 1234, or enter 1.234 as a number rather than as text']);
  });
});
