/**
 * The generated sheets' layout (src/workbook/layout.ts): widths from content,
 * wrapping, a readable print scale, formats and the page header and footer.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Dec, runBackflush } from "../../src/engine";
import { DEVIATION_PLACES } from "../../src/engine/review";
import { LANGUAGES } from "../../src/i18n";
import { buildSampleTables, rawTablesOf } from "../../src/sample";
import { QUANTITY_FRACTION, QUANTITY_WHOLE, READABLE_PRINT_SCALE, cellFormat, fitColumns, headerFooter, numberFormat, printScale, rowHeight, wrappedLines } from "../../src/workbook/layout";
import { readInput } from "../../src/workbook/parse";
import { renderSheets, type OutColumn } from "../../src/workbook/render";

describe("workbook: layout of the generated sheets", () => {
  const read = readInput(rawTablesOf(buildSampleTables()));
  const sheets = renderSheets(runBackflush(read.input!), { when: "2026-12-06 07:00", accounts: read.accounts, sheets: {}, inputs: [], notes: [], version: "test" });

  it("prints every sheet of the sample one landscape page wide at a readable scale, in every language", () => {
    const result = runBackflush(read.input!);
    const revalued = result.variances.some((v) => v.kind === "revaluation");
    for (const { code } of LANGUAGES) {
      const written = code === "en" ? sheets : renderSheets(result, { when: "2026-12-06 07:00", accounts: read.accounts, sheets: {}, inputs: [], notes: [], version: "test", language: code });
      for (const s of written) {
        // A period with a standard change adds the revaluation's three columns to Variances, which then prints smaller (see docs/workbook.md).
        const floor = s.kind === "Variances" && revalued ? READABLE_PRINT_SCALE - 10 : READABLE_PRINT_SCALE;
        assert.ok(printScale(s.columns) >= floor, `${code} ${s.name} at ${printScale(s.columns)} %`);
      }
    }
    // The Journal's old widths, 230 characters: 230 × 7 + 12 × 5 = 1,670 pixels on a page of (11 − 0.6) × 96 = 998.4: 59 %, and less in a wider font.
    assert.equal(printScale([7, 11, 11, 9, 30, 15, 14, 14, 14, 11, 60, 34].map((width) => ({ width }))), 59);
  });

  it("never cuts an item code: a code column is as wide as its widest code", () => {
    const journal = sheets.find((s) => s.kind === "Journal")!;
    const item = journal.columns.findIndex((c) => c.header === "Item");
    const longest = Math.max(...journal.rows.map((r) => String(r[item] ?? "").length));
    // Capitals count 1.2 digit widths: DRAWER-RUNNER is 12 capitals and a hyphen, 12 × 1.2 + 1 = 15.4.
    assert.ok(journal.columns[item].width >= longest + 1, `${journal.columns[item].width} for ${longest} characters`);
    assert.ok(!journal.columns[item].wrap);
    const [drawer] = fitColumns([{ header: "Item", kind: "text", width: 14 }], [["DRAWER-RUNNER"]], 2);
    assert.equal(drawer.width, 17); // ⌈15.4⌉ + 1
  });

  it("wraps memos within their column, and any text longer than 30 characters", () => {
    const [memo, code, note] = fitColumns(
      [
        { header: "Memo", kind: "text", width: 30, wrap: true },
        { header: "Item", kind: "text", width: 14 },
        { header: "Note", kind: "text", width: 10 },
      ],
      [["word ".repeat(16), "AB", "many words ".repeat(4)]],
      2,
    );
    assert.deepEqual([memo.width, memo.wrap], [30, true]);
    assert.deepEqual([code.width, code.wrap], [5, undefined], "a short code column keeps the least width");
    assert.deepEqual([note.width, note.wrap], [30, true]);
  });

  it("never cuts a word where a text wraps: a column is as wide as the widest word of its texts (up to 40), a role code whole", () => {
    // CONV_ALLOCATED: 13 capitals and an underscore (no place to break), 13 × 1.2 + 1 = 16.6, so 18 against the role column's 15;
    // Förbrukningsavvikelse (21 letters, one of them a capital) 20 + 1.2 = 21.2 → 23 against the account name's 16; a 60-letter word stops at 40.
    const [role, name, long] = fitColumns(
      [
        { header: "Role", kind: "text", width: 15, wrap: true },
        { header: "Account name", kind: "text", width: 16, wrap: true },
        { header: "Memo", kind: "text", width: 30, wrap: true },
      ],
      [
        ["CONV_ALLOCATED", "Förbrukningsavvikelse material", `a ${"z".repeat(60)} b`],
        ["RIP", "Lager", "short"],
      ],
      2,
    );
    assert.deepEqual([role.width, name.width, long.width], [18, 23, 40]);
    assert.ok(role.wrap && name.wrap && long.wrap);
  });

  it("makes a number column as wide as its widest figure, grouped and bracketed", () => {
    const cols: OutColumn[] = [
      { header: "Debit", kind: "money", width: 14 },
      { header: "Qty", kind: "quantity", width: 11 },
    ];
    const [money, qty] = fitColumns(cols, [[new Dec("-1234567.891"), new Dec("47.277")], [new Dec("5"), new Dec("20000")]], 2);
    assert.equal(money.width, 15); // "1,234,567" 9 + ".89" 3 + brackets 2 = 14, + 1
    assert.equal(qty.width, 13); // "20,000" 6 + ".277" 4 + brackets 2 = 12, + 1
  });

  it("shows a price's own decimals, up to ten: a proposed 0.03793 is not shown as 0.0379", () => {
    assert.equal(cellFormat("quantity", new Dec("0.03793"), 2), QUANTITY_FRACTION);
    const decimals = /\.0(#*)_/.exec(QUANTITY_FRACTION)![1].length + 1;
    assert.equal(decimals, 10);
    const [price] = fitColumns([{ header: "Std", kind: "quantity", width: 12 }], [[new Dec("0.03793")], [new Dec("12.5")]], 2);
    assert.equal(price.width, 11); // "12" 2 + ".03793" 6 + brackets 2 = 10, + 1
  });

  it("makes a sum column as wide as its total too, which the totals row shows under it (a journal's debits: never ####)", () => {
    // 200 lines of 999.00: each "999.00" takes 6 + 2; their total 199,800.00 takes 10 + 2.
    const cols: OutColumn[] = [{ header: "Debit", kind: "money", width: 14, total: "sum" }];
    const [debit] = fitColumns(cols, Array.from({ length: 200 }, () => [new Dec("999")]), 2);
    assert.equal(debit.width, 13);
    assert.equal(debit.sum?.toFixed(2), "199800.00");
    const [plain] = fitColumns([{ ...cols[0], total: undefined }], [[new Dec("999")], [new Dec("999")]], 2);
    assert.equal(plain.width, 9);
    assert.equal(plain.sum, undefined);
  });

  it("counts the lines a wrapped text takes, and the row height they need", () => {
    assert.equal(wrappedLines("Purchase price variance on DRAWER-RUNNER: actual 3.8042 vs standard 3.9", 30), 3);
    assert.equal(wrappedLines("short", 30), 1);
    assert.equal(wrappedLines("x".repeat(65), 30), 3); // a long word breaks: 30 + 30 + 5
    // An item code in capitals, 52 characters in a column 40 wide: Excel breaks it after its hyphen, then inside the rest
    // (45 capitals, 54 wide): three lines, where counting characters alone gave two, and the third was cut.
    assert.equal(wrappedLines("FABRIC-BLUE_VARIANT_LONGCODE_WITHOUT_ANY_BREAKS_0001", 40), 3);
    const cols: OutColumn[] = [{ header: "Memo", kind: "text", width: 10, wrap: true }];
    assert.equal(rowHeight(cols, ["one two three"]), 30);
    assert.equal(rowHeight(cols, ["one"]), undefined);
    // Fewer characters than a line holds, but capitals, wider than one: measured, and two lines tall (one was counted).
    assert.equal(rowHeight([{ header: "Item", kind: "text", width: 30, wrap: true }], ["ABCDEFGHIJKLMNOPQRSTUVWXYZABC"]), 30);
  });

  it("counts a text's pieces as a split on \\s and after hyphens would, capitals wider, whatever its white space", () => {
    // The words read as text.split(/\s+/) reads them, each broken after its hyphens as Excel breaks it; a capital 1.2 wide.
    const bySplit = (text: string, width: number): number => {
      const room = Math.max(1, Math.floor(width));
      let lines = 1;
      let used = 0;
      for (const word of text.split(/\s+/)) {
        if (word === "") continue;
        (word.match(/[^-]*-|[^-]+/g) ?? []).forEach((piece, k) => {
          const w = [...piece].reduce((a, ch) => a + (ch >= "A" && ch <= "Z" ? 1.2 : 1), 0);
          const gap = k === 0 ? 1 : 0;
          if (used > 0 && used + gap + w <= room) used += gap + w;
          else if (used === 0 && w <= room) used = w;
          else {
            if (used > 0) lines++;
            const full = Math.ceil(w / room) - 1;
            lines += full;
            used = w - full * room;
          }
        });
      }
      return lines;
    };
    const unit = fc.constantFrom("a", "B", "é", "-", " ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u1680", "\u2003", "\u200b", "\u2028", "\u202f", "\u3000", "\ufeff", "\u0085");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.integer({ min: 1, max: 40 }), (text, width) => {
        assert.equal(wrappedLines(text, width), bySplit(text, width), JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("shows whole quantities without decimals, fractions as they are, negatives in brackets", () => {
    assert.equal(cellFormat("quantity", new Dec("2880"), 2), QUANTITY_WHOLE);
    assert.equal(cellFormat("quantity", new Dec("2880.5"), 2), QUANTITY_FRACTION);
    assert.equal(numberFormat("money", 2), "#,##0.00_);(#,##0.00)");
    assert.equal(numberFormat("money", 0), "#,##0_);(#,##0)");
    assert.equal(cellFormat("money", new Dec("1.5"), 3), "#,##0.000_);(#,##0.000)");
  });

  it("heads each page with company, sheet and period, and foots it with page n of m", () => {
    assert.deepEqual(headerFooter({ company: "Möbel & Co", period: "2026-10-01 to 2026-10-31" }), {
      leftHeader: "Möbel && Co",
      centerHeader: "&A",
      rightHeader: "Period 2026-10-01 to 2026-10-31",
      leftFooter: "Backflush",
      rightFooter: "Page &P of &N",
    });
    // After a code, digits would set the font size: a space keeps them text.
    assert.equal(headerFooter({ company: "3M Svenska AB", period: "p" }).leftHeader, " 3M Svenska AB");
    // What XML cannot hold goes (one made every generated sheet unreadable); a long name is never cut inside a character.
    assert.equal(headerFooter({ company: "ACME\u0001 AB\uffff\ud800", period: "p" }).leftHeader, "ACME AB");
    const cut = headerFooter({ company: `${"x".repeat(98)}😀😀`, period: "p" }).leftHeader;
    assert.equal(cut, `${"x".repeat(98)}…`);
    assert.equal(headerFooter({ period: "p" }).leftHeader, "");
    assert.equal(headerFooter({ company: "x".repeat(300), period: "p" }).leftHeader.length, 100);
  });
});

describe("layout: the review's deviation as a percentage", () => {
  it("shows the two decimals of a percent the review keeps, so a small negative one reads −0.04 %, not -0.0%", () => {
    const decimals = /0\.(0+)%$/.exec(numberFormat("ratio", 2))?.[1].length;
    assert.equal(decimals, DEVIATION_PLACES);
  });
});
