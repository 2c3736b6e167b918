/**
 * The plain conversions of the usual cells, which readers take before the
 * general ones: text is trimmed as `trim` trims it, whatever its ends.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { plainRef, plainText } from "../../src/workbook/cells";

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
