/**
 * STDCOST, ROLLUP, EXPLODE and COST, called as Excel calls them: on DOMAIN.md's
 * chair maker, on BOM versions, on bad input, and against a full run of the
 * sample workbook (a cell and the generated sheets must agree).
 */
import { strict as assert } from "node:assert";
import { Dec, roundMoney, runBackflush, explode as engineExplode, checkStructure, type BackflushResult } from "../../src/engine";
import { excelSerialFromIso } from "../../src/engine/dates";
import { resetCache } from "../../src/functions/cache";
import { cost, explode, rollup, stdCost } from "../../src/functions/functions";
import { buildSampleTables, rawTablesOf, SAMPLE_BOM_CHANGE, SAMPLE_PERIOD } from "../../src/sample";
import { readInput } from "../../src/workbook/parse";
import { assembly, chairMaker, line, material, phantom } from "../support/build";
import { argumentsOf, failure, type Grid, gridsOf } from "./support";


describe("functions: STDCOST, ROLLUP, EXPLODE, COST", () => {
  beforeEach(resetCache);
  const g = gridsOf(chairMaker());

  describe("on DOMAIN.md's chair maker", () => {
    it("STDCOST rolls up CHAIR to 23.30: material 13.30, conversion 10.00", () => {
      assert.equal(stdCost(g.Items, g.BOM, "CHAIR"), 23.3);
      assert.equal(stdCost(g.Items, g.BOM, "CHAIR", "total"), 23.3);
      assert.equal(stdCost(g.Items, g.BOM, "CHAIR", "material"), 13.3);
      assert.equal(stdCost(g.Items, g.BOM, "CHAIR", "Conversion"), 10);
      assert.equal(stdCost(g.Items, g.BOM, "SEAT", "material"), 5.2);
      assert.equal(stdCost(g.Items, g.BOM, "SCREW"), 0.05);
      assert.equal(stdCost(g.Items, g.BOM, "SCREW", "conversion"), 0);
    });

    it("takes optional arguments left out as null or undefined alike", () => {
      assert.equal(stdCost(g.Items, g.BOM, "CHAIR", null as unknown as undefined, null as unknown as undefined), 23.3);
      assert.equal(cost(g.Items, g.BOM, "CHAIR", 2, undefined, undefined), 46.6);
      assert.deepEqual(rollup(g.Items, g.BOM, null as unknown as undefined), rollup(g.Items, g.BOM));
      assert.deepEqual(explode(g.BOM, "CHAIR", 1, null as unknown as undefined), explode(g.BOM, "CHAIR", 1));
    });

    it("works on ranges without their header rows too", () => {
      assert.equal(stdCost(g.Items.slice(1), g.BOM.slice(1), "CHAIR", "material"), 13.3);
    });

    it("ROLLUP spills every item, sorted, with a header row", () => {
      assert.deepEqual(rollup(g.Items, g.BOM), [
        ["Item", "Type", "Material", "Conversion", "Total"],
        ["CHAIR", "Assembly", 13.3, 10, 23.3],
        ["FABRIC", "Material", 4, 0, 4],
        ["SCREW", "Material", 0.05, 0, 0.05],
        ["SEAT", "Assembly", 5.2, 2, 7.2],
        ["WOOD", "Material", 3, 0, 3],
      ]);
    });

    it("EXPLODE: one chair consumes 3.5 kg WOOD, 16 SCREW, 0.5 m FABRIC", () => {
      assert.deepEqual(explode(g.BOM, "CHAIR", 1), [
        ["Material", "Qty"],
        ["FABRIC", 0.5],
        ["SCREW", 16],
        ["WOOD", 3.5],
      ]);
      assert.deepEqual(explode(g.BOM, "CHAIR", 1000).slice(1), [
        ["FABRIC", 500],
        ["SCREW", 16000],
        ["WOOD", 3500],
      ]);
    });

    it("EXPLODE of an item that is never a Parent is the item itself (a leaf material)", () => {
      assert.deepEqual(explode(g.BOM, "WOOD", 7), [
        ["Material", "Qty"],
        ["WOOD", 7],
      ]);
    });

    it("COST: 1,000 chairs completed flush 23,300.00 — 13,300.00 material, 10,000.00 conversion", () => {
      assert.equal(cost(g.Items, g.BOM, "CHAIR", 1000), 23300);
      assert.equal(cost(g.Items, g.BOM, "CHAIR", 1000, "material"), 13300);
      assert.equal(cost(g.Items, g.BOM, "CHAIR", 1000, "conversion"), 10000);
      assert.equal(cost(g.Items, g.BOM, "CHAIR", 900), 20970);
    });
  });

  describe("phantoms, scrap and BOM versions", () => {
    // LAMP = 1 BASE (phantom) + 2 SHADE-CLOTH with 10 % scrap; BASE = 0.4 kg STEEL until 2026-11-15, 0.3 kg from 2026-11-16.
    const plant = gridsOf({
      ...chairMaker(),
      items: [material("STEEL", "5.00", "kg"), material("CLOTH", "2.50", "m"), phantom("BASE", "1.00"), assembly("LAMP", "3.00")],
      bom: [line("LAMP", "BASE", 1), line("LAMP", "CLOTH", 2, "0.1"), line("BASE", "STEEL", "0.4", 0, undefined, "2026-11-15"), line("BASE", "STEEL", "0.3", 0, "2026-11-16")],
    });
    const before = excelSerialFromIso("2026-11-10");

    it("explodes through the phantom with scrap, with the BOM in force on asOf", () => {
      assert.deepEqual(explode(plant.BOM, "LAMP", 10, before).slice(1), [
        ["CLOTH", 22],
        ["STEEL", 4],
      ]);
      assert.deepEqual(explode(plant.BOM, "LAMP", 10, "2026-11-16").slice(1), [
        ["CLOTH", 22],
        ["STEEL", 3],
      ]);
      assert.deepEqual(explode(plant.BOM, "LAMP", 10).slice(1), [
        ["CLOTH", 22],
        ["STEEL", 3],
      ]);
    });

    it("costs each BOM version: LAMP = 2.2 × 2.50 + steel + conversion 1.00 + 3.00", () => {
      assert.equal(stdCost(plant.Items, plant.BOM, "LAMP", "material", before), 7.5); // 5.50 + 0.4 × 5
      assert.equal(stdCost(plant.Items, plant.BOM, "LAMP", "material", "2026-11-16"), 7);
      assert.equal(stdCost(plant.Items, plant.BOM, "LAMP", "conversion"), 4);
      assert.deepEqual(rollup(plant.Items, plant.BOM, before)[3], ["LAMP", "Assembly", 7.5, 4, 11.5]);
      assert.equal(cost(plant.Items, plant.BOM, "LAMP", 3, "total", before), 34.5);
    });

    it("says which item has no valid BOM line on asOf, pointing at its row", () => {
      const early = plant.BOM.map((r) => [...r]);
      early[3][4] = excelSerialFromIso("2026-11-01"); // the first STEEL line now starts on 1 November
      const e = failure(() => stdCost(plant.Items, early, "LAMP", "total", "2026-10-15"));
      assert.equal(e.code, "#VALUE!");
      assert.equal(e.message, 'items!A4: No BOM line of "BASE" is valid on 2026-10-15');
      assert.equal(failure(() => explode(early, "LAMP", 1, "2026-10-15")).message, 'bom!A4: No BOM line of "BASE" is valid on 2026-10-15');
    });

    it("says an assembly without a line in the newest BOM once, with the day the BOM last changes, when asOf is left out", () => {
      // BASE's second line ends on 2026-11-20: the newest lines start the day after, with none for BASE.
      const ended = plant.BOM.map((r) => [...r]);
      ended[4][5] = excelSerialFromIso("2026-11-20");
      const e = failure(() => rollup(plant.Items, ended));
      assert.equal(e.code, "#VALUE!");
      // ROLLUP asks for BASE itself and for LAMP, whose tree holds it: one problem, not two.
      assert.equal(e.message, 'items!A4: No BOM line of "BASE" is valid from 2026-11-21, when the BOM last changes (a line starts or ends); give asOf a date its lines were valid on');
      assert.deepEqual(rollup(plant.Items, ended, before)[3], ["LAMP", "Assembly", 7.5, 4, 11.5]);
    });
  });

  describe("bad arguments", () => {
    it("says an Items range with its header alone has no rows, as a run's check does, not that every BOM line's item is missing", () => {
      for (const call of [() => stdCost([g.Items[0]], g.BOM, "CHAIR"), () => rollup([g.Items[0]], g.BOM), () => cost([g.Items[0]], g.BOM, "CHAIR", 1)]) {
        const e = failure(call);
        assert.equal(e.code, "#VALUE!");
        assert.match(e.message, /^items: The Items table has no rows: list in it every material and assembly/);
        assert.doesNotMatch(e.message, /is not in Items/);
      }
    });

    it("#N/A for an item that is not there, with a hint when only the case differs", () => {
      const e = failure(() => stdCost(g.Items, g.BOM, "STOOL"));
      assert.deepEqual([e.code, e.message], ["#N/A", 'Item "STOOL" is not in items']);
      assert.equal(failure(() => cost(g.Items, g.BOM, "chair", 1)).message, 'Item "chair" is not in items (did you mean "CHAIR"? codes are case-sensitive)');
      const x = failure(() => explode(g.BOM, "STOOL", 1));
      assert.deepEqual([x.code, x.message], ["#N/A", 'Item "STOOL" is not in bom (neither a Parent nor a Component)']);
    });

    it("#VALUE! for a bad part, quantity or date", () => {
      assert.equal(failure(() => stdCost(g.Items, g.BOM, "CHAIR", "labour")).message, 'part "labour" must be total, material or conversion');
      assert.equal(failure(() => cost(g.Items, g.BOM, "CHAIR", "ten" as unknown as number)).message, 'qty "ten" is not a number');
      assert.match(failure(() => rollup(g.Items, g.BOM, "next monday")).message, /^asOf "next monday" is not a date/);
    });

    it("#VALUE! naming the cell of a table the engine refuses: unknown component, loop, no price", () => {
      const bom = g.BOM.map((r) => [...r]);
      bom[4][1] = "GLUE";
      assert.equal(failure(() => stdCost(g.Items, bom, "CHAIR")).message, 'bom!B5: Component "GLUE" is not in Items');
      const loop: Grid = [...g.BOM, ["SEAT", "CHAIR", 1, null, null, null]];
      const e = failure(() => rollup(g.Items, loop));
      assert.equal(e.code, "#VALUE!");
      assert.equal(e.message, "bom!B8: The BOM loops: CHAIR → SEAT → CHAIR");
      assert.equal(failure(() => explode(loop, "CHAIR", 1)).message, "bom!B8: The BOM loops: CHAIR → SEAT → CHAIR");
      const items = g.Items.map((r) => [...r]);
      items[2][2] = null; // SCREW loses its price
      assert.equal(failure(() => stdCost(items, g.BOM, "WOOD")).message, 'items!C3: Material "SCREW" has no standard price');
    });
  });

  describe("the sample workbook: cells agree with the run", () => {
    const models = buildSampleTables();
    const a = argumentsOf(models) as Record<string, Grid>;
    const read = readInput(rawTablesOf(models));
    let result: BackflushResult;
    before(() => {
      assert.ok(read.input, "the sample does not read");
      result = runBackflush(read.input);
    });

    it("ROLLUP on the period end is the run's standards, item by item", () => {
      const spilled = rollup(a.Items, a.BOM, SAMPLE_PERIOD.end);
      assert.equal(spilled.length, result.standards.length + 1);
      assert.ok(result.standards.length > 20);
      result.standards.forEach((s, i) => {
        const [item, , m, c, t] = spilled[i + 1];
        assert.deepEqual([item, m, c, t], [s.item, s.material.toNumber(), s.conversion.toNumber(), s.total.toNumber()], s.item);
        assert.equal(stdCost(a.Items, a.BOM, s.item, "total", SAMPLE_PERIOD.end), s.total.toNumber());
      });
    });

    it("the BOM change shows: some standard differs either side of it", () => {
      const dayBefore = excelSerialFromIso(SAMPLE_BOM_CHANGE) - 1;
      const changed = result.standards.filter((s) => stdCost(a.Items, a.BOM, s.item, "total", dayBefore) !== stdCost(a.Items, a.BOM, s.item, "total", SAMPLE_BOM_CHANGE));
      assert.ok(changed.length > 0);
    });

    it("COST of each day's completions: its conversion, rounded to cents, is the FG line's conversion; its total is the debit to the material rounding", () => {
      const completions = result.journal.filter((e) => e.kind === "completion");
      const fg = completions.flatMap((e) => e.lines.filter((l) => l.role === "FG").map((l) => ({ date: e.date, line: l, materials: e.lines.filter((x) => x.role === "RIP").length })));
      assert.ok(fg.length > 50);
      for (const { date, line: l, materials } of fg) {
        const conversion = cost(a.Items, a.BOM, l.item!, l.qty!.toNumber(), "conversion", date);
        assert.ok(roundMoney(new Dec(conversion), 2).equals(l.element!.conversion), `${date} ${l.item}: conversion ${conversion} vs ${l.element!.conversion.toFixed(2)}`);
        // The line that balances its entry also takes the rounding of the entry's material credits: half a cent each at most.
        const total = cost(a.Items, a.BOM, l.item!, l.qty!.toNumber(), "total", date);
        assert.ok(roundMoney(new Dec(total), 2).minus(l.debit).abs().lte(new Dec(materials + 1).times("0.01")), `${date} ${l.item}: ${total} vs ${l.debit.toFixed(2)}`);
      }
    });

    it("EXPLODE gives the engine's explosion of every product, BOM lines alone telling the leaves", () => {
      const model = checkStructure(read.input!.items, read.input!.bom);
      const products = read.input!.items.filter((i) => i.type === "assembly");
      for (const p of products) {
        const expected = engineExplode(model, p.item, new Dec(5), SAMPLE_PERIOD.start).map((m) => [m.material, m.qty.toNumber()]);
        assert.deepEqual(explode(a.BOM, p.item, 5, SAMPLE_PERIOD.start).slice(1), expected, p.item);
      }
    });
  });
});
