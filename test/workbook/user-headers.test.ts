/**
 * A problem names the column as the workbook heads it, where the rule that
 * found it named the column by the contract's key: "Spill 5 means 500 %" for
 * a BOM whose Scrap column is headed Spill.
 */
import { strict as assert } from "node:assert";
import { chairMaker, editSheet, setCell } from "../contract/fixtures";
import { checked, readSetting } from "./support";

describe("workbook: problems name the column by its heading", () => {
  it("a scrap out of range, in a BOM whose Scrap column is headed Spill", () => {
    let fixture = setCell(chairMaker(), "BOM", "D2", 5);
    fixture = editSheet(fixture, "BOM", (rows) => {
      rows[0] = rows[0].map((h) => (h === "Scrap" ? "Spill" : h));
    });
    assert.deepEqual(checked(fixture).problems, ["BOM!D2: Spill 5 means 500 %; write a fraction from 0 to below 1 (0.05 for 5 %)"]);
  });
});

describe("workbook: problems name a setting as the Settings table writes its key", () => {
  it("Valuta, not Currency; Avräkning, not Disposition", () => {
    for (const [key, value] of [
      ["Valuta", "KRONOR"],
      ["Avräkning", "somewhere"],
    ] as const) {
      const [problem] = readSetting(key, value).problems;
      assert.ok(problem, key);
      assert.ok(problem.message.startsWith(`${key} `), problem.message);
      assert.equal(problem.address, "Settings!B2");
    }
  });
});

describe("workbook: a rule that names two settings names both as the table writes them", () => {
  it("Periodens början after Periodslut, not PeriodStart after PeriodEnd", () => {
    const fixture = editSheet(chairMaker(), "Settings", (rows) =>
      rows.map((r) => (r[0] === "PeriodStart" ? ["Periodens början", new Date(Date.UTC(2026, 11, 31))] : r[0] === "PeriodEnd" ? ["Periodslut", r[1]] : r)),
    );
    const problems = checked(fixture).problems ?? [];
    assert.ok(problems.some((p) => /Periodens början 2026-12-31 is after Periodslut 2026-11-30/.test(p)), problems.join("\n"));
    assert.ok(!problems.some((p) => /PeriodStart|PeriodEnd/.test(p)), problems.join("\n"));
  });
});
