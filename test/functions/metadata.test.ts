/**
 * functions.json as custom-functions-metadata-plugin writes it, from the
 * generator's own Node API on src/functions/functions.ts (the webpack build
 * runs the same generator; test/addin/manifest.test.ts checks the built file).
 * Then docs/functions.md: every help URL lands on a heading, and every
 * example made of constants gives the result the page says.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { generateCustomFunctionsMetadata, type ICustomFunctionsMetadata, type IFunction } from "custom-functions-metadata";
import { excelSerialFromIso } from "../../src/engine/dates";
import * as functions from "../../src/functions/functions";
import { FUNCTION_HELP, metadataIn, type HelpKey } from "../../src/functions/metadata";
import { translator } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { buildSampleTables } from "../../src/sample";
import { argumentsOf } from "./support";

const ROOT = resolve(__dirname, "../..");
const SOURCE = resolve(ROOT, "src/functions/functions.ts");
const DOC = readFileSync(resolve(ROOT, "docs/functions.md"), "utf8");
const HELP_BASE = "https://localhost:3000/functions.md#";

/** Each function's parameters as name:type, "[]" for a range, "?" when optional. */
const SIGNATURES: Record<string, { params: string; spills: boolean }> = {
  STDCOST: { params: "items:any[] bom:any[] item:string part:string? asOf:any?", spills: false },
  ROLLUP: { params: "items:any[] bom:any[] asOf:any?", spills: true },
  EXPLODE: { params: "bom:any[] item:string qty:number asOf:any?", spills: true },
  COST: { params: "items:any[] bom:any[] item:string qty:number part:string? asOf:any?", spills: false },
  PRICEVAR: { params: "actualAmount:number qty:number stdPrice:number", spills: false },
  USAGEVAR: { params: "bookQty:number countedQty:number stdPrice:number", spills: false },
  CONVVAR: { params: "incurred:number allocated:number", spills: false },
  JOURNAL: { params: "items:any[] bom:any[] production:any[] sales:any[] purchases:any[] conversion:any[] triggers:string? inventory:any[]? settings:any[]? accounts:any[]?", spills: true },
  REVIEW: { params: "items:any[] bom:any[] purchases:any[] production:any[] inventory:any[] sales:any[]? conversion:any[]? triggers:string? settings:any[]? language:string?", spills: true },
};

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1].trim().toLowerCase().replace(/[^\w\s-]/g, "").replace(/\s/g, "-")));
}

describe("functions: functions.json from the JSDoc", () => {
  let metadata: ICustomFunctionsMetadata;
  let byId: Map<string, IFunction>;
  before(async function () {
    this.timeout(60_000);
    const generated = await generateCustomFunctionsMetadata(SOURCE);
    assert.deepEqual(generated.errors, []);
    metadata = JSON.parse(generated.metadataJson) as ICustomFunctionsMetadata;
    byId = new Map(metadata.functions.map((f) => [f.id, f]));
  });

  it("declares the nine BACKFLUSH functions, named as their ids", () => {
    assert.deepEqual([...byId.keys()].sort(), Object.keys(SIGNATURES).sort());
    for (const f of metadata.functions) assert.equal(f.name, f.id);
  });

  it("gives each the parameters, types and dimensionality it is called with", () => {
    for (const [id, { params, spills }] of Object.entries(SIGNATURES)) {
      const f = byId.get(id)!;
      assert.equal(f.parameters.map((p) => `${p.name}:${p.type}${p.dimensionality === "matrix" ? "[]" : ""}${p.optional ? "?" : ""}`).join(" "), params, id);
      assert.deepEqual(f.result, spills ? { dimensionality: "matrix" } : { type: "number" }, id);
      assert.ok(!f.options, `${id} has options ${JSON.stringify(f.options)}`);
    }
  });

  it("describes every function and every parameter", () => {
    for (const f of metadata.functions) {
      assert.ok((f.description ?? "").length > 30, `${f.id} has no description`);
      for (const p of f.parameters) assert.ok((p.description ?? "").length > 5, `${f.id}(${p.name}) has no description`);
    }
  });

  it("has its English descriptions in the catalogs word for word, and the same metadata in Swedish and Malay but the descriptions", () => {
    // The build makes functions-sv.json and functions-ms.json with metadataIn; the English one must be the JSDoc's, unchanged.
    assert.deepEqual(metadataIn(metadata, "en"), metadata);
    for (const language of ["sv", "ms"] as const) {
      const t = translator(language);
      const localized = metadataIn(metadata, language);
      // Without its descriptions each function is the same: id, name, types, help URL.
      const bare = (m: ICustomFunctionsMetadata) => m.functions.map((f) => ({ ...f, description: undefined, parameters: f.parameters.map((p) => ({ ...p, description: undefined })) }));
      assert.deepEqual(bare(localized), bare(metadata), language);
      localized.functions.forEach((f, i) => {
        const english = metadata.functions[i];
        const help = FUNCTION_HELP[f.id];
        assert.equal(f.description, t.t(help.description), `${language} ${f.id}`);
        assert.notEqual(f.description, english.description, `${language} ${f.id} is not translated`);
        f.parameters.forEach((p, j) => {
          assert.equal(p.description, t.t(help.parameters[p.name]), `${language} ${f.id}(${p.name})`);
          assert.notEqual(p.description, english.parameters[j].description, `${language} ${f.id}(${p.name}) is not translated`);
        });
      });
    }
    // Every help key is used by some function or parameter: none is left over in the catalogs.
    const used = new Set(Object.values(FUNCTION_HELP).flatMap((h) => [h.description, ...Object.values(h.parameters)]));
    assert.deepEqual(Object.keys(en).filter((k) => k.startsWith("function.help.") && !used.has(k as HelpKey)), []);
  });

  it("refuses to localize a function or a parameter it has no help text for, so the build fails", () => {
    const unknown = { functions: [{ id: "NEWFN", description: "x", parameters: [] }] };
    assert.throws(() => metadataIn(unknown, "sv"), /NEWFN has no help texts/);
    const extra = { functions: [{ id: "CONVVAR", description: "x", parameters: [{ name: "rate" }] }] };
    assert.throws(() => metadataIn(extra, "ms"), /CONVVAR\(rate\) has no help text/);
  });

  it("links each function to its own heading in docs/functions.md", () => {
    const headings = anchors(DOC);
    for (const f of metadata.functions) {
      assert.equal(f.helpUrl, `${HELP_BASE}backflush${f.id.toLowerCase()}`, f.id);
      assert.ok(headings.has(f.helpUrl!.slice(HELP_BASE.length)), `docs/functions.md has no heading for ${f.helpUrl}`);
    }
  });
});

// ------------------------------------------------------------ the page's examples

type Value = string | number | null | Value[][];

/** Parses the arguments of an Excel formula made of constants: numbers, "text", {array;constants} and empty arguments. */
function parseArguments(text: string): Value[] {
  let at = 0;
  const fail = (): never => assert.fail(`cannot read ${text.slice(at, at + 20)}…`);
  const scalar = (): string | number => {
    if (text[at] === '"') {
      let s = "";
      for (at++; !(text[at] === '"' && text[at + 1] !== '"'); at++) {
        if (at >= text.length) fail();
        if (text[at] === '"') at++;
        s += text[at];
      }
      at++;
      return s;
    }
    const m = /^-?\d+(\.\d+)?/.exec(text.slice(at)) ?? fail();
    at += m[0].length;
    return Number(m[0]);
  };
  const value = (): Value => {
    if (text[at] === "," || text[at] === ")") return null;
    if (text[at] !== "{") return scalar();
    const rows: Value[][] = [[]];
    for (at++; ; ) {
      rows[rows.length - 1].push(scalar());
      const sep = text[at++];
      if (sep === "}") return rows;
      if (sep === ";") rows.push([]);
      else if (sep !== ",") fail();
    }
  };
  const args: Value[] = [];
  for (;;) {
    while (text[at] === " ") at++;
    args.push(value());
    const sep = text[at++];
    if (sep === ")") return args;
    if (sep !== ",") fail();
  }
}

/** The markdown table after "Result:", as rows of cells (numbers where they are numbers). */
function tableAfter(markdown: string): (string | number)[][] {
  const lines = markdown.split("\n").filter((l) => l.startsWith("|") && !/^\|[-|\s]+\|$/.test(l));
  return lines.map((l) => l.slice(1, -1).split("|").map((c) => c.trim()).map((c) => (/^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
}

describe("functions: docs/functions.md", () => {
  const examples = [...DOC.matchAll(/```\n=BACKFLUSH\.([A-Z]+)\(([^\n]*)\n```\n\nResult:(?: `([^`]+)`|\n\n((?:\|.*\n)+))/g)];
  const call = functions as unknown as Record<string, (...args: Value[]) => unknown>;
  const byId: Record<string, string> = { STDCOST: "stdCost", ROLLUP: "rollup", EXPLODE: "explode", COST: "cost", PRICEVAR: "priceVar", USAGEVAR: "usageVar", CONVVAR: "convVar", JOURNAL: "journal", REVIEW: "review" };

  it("has a pasteable example with its result for most functions", () => {
    assert.ok(examples.length >= 6, `${examples.length} examples with results`);
  });

  it("gives the results the page says", () => {
    for (const [, id, args, scalar, table] of examples) {
      const got = call[byId[id]](...parseArguments(args));
      if (scalar !== undefined) assert.equal(got, Number(scalar), `${id}(${args.slice(0, 40)}…)`);
      else assert.deepEqual(got, tableAfter(table), id);
    }
  });

  it("quotes the sample workbook's standard costs as the functions give them", () => {
    const a = argumentsOf(buildSampleTables());
    const total = functions.stdCost(a.Items!, a.BOM!, "CHAIR-CLASSIC");
    const before = functions.stdCost(a.Items!, a.BOM!, "CHAIR-CLASSIC", "material", excelSerialFromIso("2026-10-01"));
    assert.ok(DOC.includes(`In the sample workbook these give ${total} and ${before}`), `the page should say ${total} and ${before}`);
  });

  it("documents every function's errors", () => {
    for (const id of Object.keys(byId)) {
      const section = DOC.split(/^## /m).find((s) => s.startsWith(`BACKFLUSH.${id}\n`));
      assert.ok(section, `no section for ${id}`);
      assert.match(section, /^Errors: /m, `${id} has no Errors paragraph`);
      assert.match(section, /```\n=BACKFLUSH\./, `${id} has no example`);
    }
  });
});
