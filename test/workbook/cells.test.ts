/**
 * The plain conversions of the usual cells, which readers take before the
 * general ones: text is trimmed as `trim` trims it, whatever its ends.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { dateFromSerial, isDateFormatCode, plainDate, plainRef, plainText, serialFromIso, timeOfDateText, toDate, toDec } from "../../src/workbook/cells";

describe("workbook: plain cell conversions", () => {
  it("trims text exactly as String.prototype.trim does, with or without anything to trim", () => {
    // Ends of every kind: printable ASCII, the space, tabs and line ends, no-break and other Unicode spaces, the BOM, letters past ASCII.
    const char = fc.constantFrom("a", "Z", "0", "-", "~", "!", " ", "\t", "\n", "\r", "\u000b", "\u00a0", "\u2007", "\u202f", "\u3000", "\ufeff", "\u2028", "\u007f", "é", "\u0085");
    const text = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (v) => {
        assert.equal(plainText(v), v.trim() === "" ? undefined : v.trim());
        assert.equal(plainRef(v), v.trim() || undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("workbook: which number formats show a date", () => {
  it("a day, a month or a year; not a time of day alone, an elapsed time, a percentage, text or a currency", () => {
    const dates = ["yyyy-mm-dd", "m/d/yy", "d/m/yy", "mmm-yy", "mmmm", "m/d/yy h:mm", "[$-41D]yyyy-mm-dd", 'yyyy"年"m"月"'];
    const numbers = ["General", "0.00", "@", "0%", '"day "0', "[Red]0.00", "#,##0 \\m", "[$€-2] #,##0.00", "h:mm", "h:mm:ss", "h:mm AM/PM", "mm:ss", "[h]:mm", "[m]:ss"];
    assert.deepEqual(dates.filter((f) => !isDateFormatCode(f)), [], "read as numbers");
    assert.deepEqual(numbers.filter((f) => isDateFormatCode(f)), [], "read as dates");
  });
});

describe("workbook: a figure's size", () => {
  const read = (v: number | string) => {
    const d = toDec(v);
    return d.ok ? `ok ${d.value.isNegative() ? "-" : "+"}${d.value.toString()}` : `no ${d.why.key}`;
  };

  it("reads −0 as 0, a number or a text: no negative figure (an export's -0,00, a rounding that came to nothing)", () => {
    assert.deepEqual([read(-0), read("-0,00"), read("-0.00"), read(0)], ["ok +0", "ok +0", "ok +0", "ok +0"]);
  });

  it("reads one below 10^-10 in size as 0 (a formula's crumbs, which Excel shows as 0.00), and refuses one of 10^15 or more", () => {
    assert.deepEqual([read(3e-308), read(-1e-300), read(1e-11), read(0.1 + 0.2 - 0.3), read("0,00000000000001")], ["ok +0", "ok +0", "ok +0", "ok +0", "ok +0"]);
    assert.deepEqual([read(1e-10), read(0.0003333), read(999999999999999)], ["ok +0.0000000001", "ok +0.0003333", "ok +999999999999999"]);
    assert.equal(read(1e15), "no problem.tooLarge");
  });
});

describe("workbook: a date past Excel's last day", () => {
  it("is said to be past 9999-12-31, not shown as a year of five digits ('+010000-01') that no one typed", () => {
    const past = toDate(new Date(Date.UTC(10000, 0, 1)));
    assert.equal(past.ok ? "ok" : past.why.key, "problem.pastLastDay");
    const last = toDate(new Date(Date.UTC(9999, 11, 31)));
    assert.deepEqual(last.ok ? last.value : last.why.key, "9999-12-31");
  });
});

describe("workbook: a date written as text with a time of day", () => {
  const read = (v: string) => {
    const r = toDate(v);
    return r.ok ? r.value : r.why.key;
  };
  it("is the date, the time passed over as a date cell's is (an ERP's 2026-10-05 08:30:00), and a time that is none is no date", () => {
    assert.deepEqual(
      ["2026-10-05 08:30", "2026-10-05T08:30:15", "2026-10-05 23:59:59.5", "2026-10-05 00:00", "2026-10-05"].map(read),
      ["2026-10-05", "2026-10-05", "2026-10-05", "2026-10-05", "2026-10-05"],
    );
    assert.deepEqual(["2026-10-05 24:00", "2026-10-05 08:60", "2026-10-05 8:30", "2026-10-05 08:30 pm"].map(read), Array(4).fill("problem.notADateText"));
    assert.equal(read("2026-11-31 08:30"), "problem.noSuchDay");
  });
  it("keeps its time for telling two rows apart, as a date cell's time does: 09:00 and 15:00 are two sales, not one pasted twice", () => {
    assert.deepEqual(
      ["2026-10-05 09:00", "2026-10-05 15:00:00", "2026-10-05 08:30:00.1", "2026-10-05 08:30:00.9", "2026-10-05 00:00", "2026-10-05"].map(timeOfDateText),
      [9 * 3_600_000, 15 * 3_600_000, 30_600_100, 30_600_900, undefined, undefined],
    );
  });
});

describe("workbook: Excel's serials in January and February 1900", () => {
  it("read as the day Excel shows (serial 1 is 1900-01-01), past its 1900-02-29 that never was, and written back the same", () => {
    const shown: [number, string][] = [[1, "1900-01-01"], [31, "1900-01-31"], [59, "1900-02-28"], [61, "1900-03-01"], [46331, "2026-11-05"]];
    for (const [serial, iso] of shown) {
      assert.equal(plainDate(serial), iso, `serial ${serial}`);
      assert.equal(dateFromSerial(serial, false).toISOString().slice(0, 10), iso, `cell ${serial}`);
      assert.equal(serialFromIso(iso, false), serial, iso);
    }
    // Serial 60 is Excel's 1900-02-29, no day of the calendar: read as the 28th, never as an invalid date.
    assert.equal(plainDate(60), "1900-02-28");
    // The 1904 system has no such day: its serial 0 is 1904-01-01.
    assert.equal(dateFromSerial(0, true).toISOString().slice(0, 10), "1904-01-01");
    assert.equal(serialFromIso("1904-01-01", true), 0);
  });
});
