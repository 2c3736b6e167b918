import { strict as assert } from "node:assert";
import { runBackflush } from "../../src/engine";
import { chairMaker } from "../support/build";
import { ending, entryOf, entryTotals, net } from "../support/ledger-views";

describe("engine: DOMAIN.md worked example (purchase, completion, sale)", () => {
  const r = runBackflush(chairMaker());

  it("rolls up SEAT and CHAIR with material and conversion apart", () => {
    const std = new Map(r.standards.map((s) => [s.item, s]));
    assert.equal(std.get("SEAT")!.material.toFixed(2), "5.20");
    assert.equal(std.get("SEAT")!.conversion.toFixed(2), "2.00");
    assert.equal(std.get("CHAIR")!.material.toFixed(2), "13.30");
    assert.equal(std.get("CHAIR")!.conversion.toFixed(2), "10.00");
    assert.equal(std.get("CHAIR")!.total.toFixed(2), "23.30");
  });

  it("1. purchases: Dr RIP 15,400, Dr PPV 300 (WOOD 400 U, SCREW 40 F, FABRIC 60 F), Cr AP 15,700", () => {
    const e = entryOf(r, "purchase");
    assert.equal(net(e, "RIP"), "15400.00");
    assert.equal(net(e, "PPV"), "300.00");
    assert.equal(net(e, "PPV", "WOOD"), "400.00");
    assert.equal(net(e, "PPV", "SCREW"), "-40.00");
    assert.equal(net(e, "PPV", "FABRIC"), "-60.00");
    assert.equal(net(e, "AP"), "-15700.00");
  });

  it("2. conversion incurred: Dr CONV_CONTROL 10,450, Cr source 10,450", () => {
    const e = entryOf(r, "conversion-incurred");
    assert.equal(net(e, "CONV_CONTROL"), "10450.00");
    assert.equal(net(e, "CONV_SOURCE"), "-10450.00");
  });

  it("3. completion: Dr FG 23,300; Cr RIP 13,300, Cr CONV_ALLOCATED 10,000", () => {
    const e = entryOf(r, "completion");
    assert.equal(net(e, "FG"), "23300.00");
    assert.equal(net(e, "RIP"), "-13300.00");
    assert.equal(net(e, "CONV_ALLOCATED"), "-10000.00");
    assert.equal(net(e, "RIP", "WOOD"), "-10500.00");
  });

  it("4. sale: Dr COGS 20,970, Cr FG 20,970", () => {
    const e = entryOf(r, "sale");
    assert.equal(net(e, "COGS"), "20970.00");
    assert.equal(net(e, "FG"), "-20970.00");
  });

  it("5. conversion close: Dr CONV_ALLOCATED 10,000, Dr COGS 450, Cr CONV_CONTROL 10,450", () => {
    const e = entryOf(r, "conversion-close");
    assert.equal(net(e, "CONV_ALLOCATED"), "10000.00");
    assert.equal(net(e, "COGS"), "450.00");
    assert.equal(net(e, "CONV_CONTROL"), "-10450.00");
  });

  it("6. count: WOOD book 500, counted 480 → Dr usage variance 60, Cr RIP 60", () => {
    const e = entryOf(r, "material-count");
    assert.equal(net(e, "USAGE_VARIANCE", "WOOD"), "60.00");
    assert.equal(net(e, "RIP", "WOOD"), "-60.00");
    assert.equal(e.lines.length, 2, "SCREW and FABRIC match their counts");
  });

  it("7. write-off: Dr COGS 360; Cr PPV 300, Cr usage variance 60", () => {
    const e = entryOf(r, "variance-disposition");
    assert.equal(net(e, "COGS"), "360.00");
    assert.equal(net(e, "PPV"), "-300.00");
    assert.equal(net(e, "USAGE_VARIANCE"), "-60.00");
  });

  it("ends with RIP 2,040, FG 2,330, COGS 21,780 and variance accounts closed", () => {
    assert.equal(ending(r, "RIP"), "2040.00");
    assert.equal(ending(r, "FG"), "2330.00");
    assert.equal(ending(r, "COGS"), "21780.00");
    for (const role of ["PPV", "USAGE_VARIANCE", "CONV_CONTROL", "CONV_ALLOCATED"] as const) assert.equal(ending(r, role), "0.00", role);
  });

  it("balances every entry exactly and the journal as a whole", () => {
    for (const e of r.journal) {
      const t = entryTotals(e);
      assert.ok(t.debit.equals(t.credit), `entry ${e.entry} ${e.description}: ${t.debit} ≠ ${t.credit}`);
    }
    assert.ok(r.totals.debit.equals(r.totals.credit));
  });

  it("traces every flushed line back to its source rows and names the standard used", () => {
    const e = entryOf(r, "completion");
    const fg = e.lines.find((l) => l.role === "FG")!;
    assert.equal(fg.sources[0].table, "Production");
    assert.equal(fg.sources[0].rows.length, 1);
    assert.match(fg.memo, /1000 CHAIR completed at standard 23\.3 \(material 13\.3, conversion 10\)/);
    const wood = e.lines.find((l) => l.role === "RIP" && l.item === "WOOD")!;
    assert.equal(wood.qty!.toFixed(), "3500");
    assert.match(wood.memo, /3500 kg WOOD at standard 3 backflushed for CHAIR/);
  });

  it("lists variances with F/U: WOOD price 400 U, SCREW 40 F, usage 60 U, conversion 450 U", () => {
    const find = (kind: string, item?: string) => r.variances.find((v) => v.kind === kind && v.item === item)!;
    assert.equal(find("price", "WOOD").amount.toFixed(2), "400.00");
    assert.equal(find("price", "WOOD").favorable, false);
    assert.equal(find("price", "SCREW").amount.toFixed(2), "-40.00");
    assert.equal(find("price", "SCREW").favorable, true);
    assert.equal(find("usage", "WOOD").amount.toFixed(2), "60.00");
    assert.equal(find("usage", "WOOD").qty!.toFixed(), "20");
    assert.equal(find("conversion").amount.toFixed(2), "450.00");
    assert.equal(find("conversion").favorable, false);
  });

  it("reports consumption per product and material: 3,500 kg WOOD, 16,000 SCREW, 500 m FABRIC", () => {
    const c = new Map(r.consumption.map((x) => [x.material, x]));
    assert.equal(c.get("WOOD")!.materialQty.toFixed(), "3500");
    assert.equal(c.get("SCREW")!.materialQty.toFixed(), "16000");
    assert.equal(c.get("FABRIC")!.materialQty.toFixed(), "500");
    assert.equal(c.get("WOOD")!.value.toFixed(2), "10500.00");
  });
});
