/**
 * The plain conversions of the usual cells, which readers take before the
 * general ones: text is trimmed as `trim` trims it, whatever its ends.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { isDateFormatCode, plainRef, plainText } from "../../src/workbook/cells";

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
