/** The Run step's chart of the variances (src/taskpane/wizard/chart.ts). */
import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { runReport } from "../../src/taskpane/job/reports";
import type { VarianceView } from "../../src/taskpane/job/reports";
import { LABEL_CHARS, fittedLabel, varianceChart } from "../../src/taskpane/wizard/chart";
import { runWorkbookJob } from "../../src/workbook/job";
import { fakeExcelOf } from "../adapters/office.contract.test";
import { OfficeWorkbook } from "../../src/adapters/office";
import { chairMaker } from "../contract/fixtures";
import { chairMaker as chairInput } from "../support/build";

const line = (kind: VarianceView["kind"], item: string | undefined, amount: string, side: VarianceView["side"]): VarianceView => ({ kind, item, amount, side, disposition: "cogs" });

describe("taskpane: the chart of the variances", () => {
  it("totals each kind's unfavorable and favorable lines apart, in bars scaled to the largest", () => {
    const chart = varianceChart(
      [line("price", "WOOD", "400.00", "U"), line("price", "SCREW", "40.00", "F"), line("price", "FABRIC", "60.00", "F"), line("usage", "WOOD", "60.00", "U"), line("conversion", undefined, "450.00", "U"), line("usage", "GLUE", "0.00", "")],
      2,
    );
    // price U 400.00; price F 40.00 + 60.00 = 100.00; usage U 60.00; conversion U 450.00, the largest.
    assert.deepEqual(
      chart.byKind.map((b) => [b.kind, b.side, b.amount, b.share.toFixed(4)]),
      [
        ["price", "U", "400.00", (400 / 450).toFixed(4)],
        ["price", "F", "100.00", (100 / 450).toFixed(4)],
        ["usage", "U", "60.00", (60 / 450).toFixed(4)],
        ["conversion", "U", "450.00", "1.0000"],
      ],
    );
    assert.deepEqual(
      chart.byItem.U.map((b) => `${b.kind} ${b.item ?? "all"} ${b.amount}`),
      ["conversion all 450.00", "price WOOD 400.00", "usage WOOD 60.00"],
    );
    assert.deepEqual(
      chart.byItem.F.map((b) => [b.item, b.share.toFixed(4)]),
      [
        ["FABRIC", (60 / 450).toFixed(4)],
        ["SCREW", (40 / 450).toFixed(4)],
      ],
      "favorable bars on the unfavorable bars' scale",
    );
  });

  it("shows the largest lines per side only", () => {
    const many = Array.from({ length: 20 }, (_, i) => line("price", `M${i}`, `${i + 1}.00`, i % 2 ? "U" : "F"));
    const chart = varianceChart(many, 2, 3);
    assert.deepEqual(chart.byItem.U.map((b) => b.item), ["M19", "M17", "M15"]);
    assert.deepEqual(chart.byItem.F.map((b) => b.item), ["M18", "M16", "M14"]);
  });

  it("draws DOMAIN.md's chair maker from a run's report: WOOD price 400 U, SCREW 40 F, FABRIC 60 F, usage 60 U, conversion 450 U", async () => {
    const outcome = await runWorkbookJob(new OfficeWorkbook(fakeExcelOf(chairMaker({ asTables: true }))), { now: new Date(2026, 10, 1) });
    const report = runReport(outcome);
    assert.ok(report.ok);
    const chart = varianceChart(report.variances, 2);
    // The report lists the largest line first, so conversion (450.00) leads.
    assert.deepEqual(
      chart.byKind.map((b) => `${b.kind} ${b.amount} ${b.side}`),
      ["conversion 450.00 U", "price 400.00 U", "price 100.00 F", "usage 60.00 U"],
    );
    assert.equal(report.chartSheet, "Variances");
    assert.equal(runBackflush(chairInput()).variances.length, report.variances.length);
  });
});

describe("taskpane: a bar's label cut to fit the chart", () => {
  it("keeps a label that fits, and cuts a long item code in the middle so that codes differing at their ends still differ", () => {
    assert.equal(fittedLabel("Purchase price", "WOOD"), "Purchase price · WOOD");
    const a = fittedLabel("Materialförbrukning", "WOOD-OAK-KILN-DRIED-FSC-CERTIFIED-2");
    const b = fittedLabel("Materialförbrukning", "WOOD-OAK-KILN-DRIED-FSC-CERTIFIED-3");
    assert.equal(a.length, LABEL_CHARS);
    assert.ok(a.startsWith("Materialförbrukning · WOOD-OAK") && a.endsWith("ED-2") && a.includes("…"), a);
    assert.notEqual(a, b);
    assert.equal(fittedLabel("x".repeat(60), undefined), `${"x".repeat(LABEL_CHARS - 1)}…`);
  });
});
