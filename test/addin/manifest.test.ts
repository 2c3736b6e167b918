/**
 * Offline check of manifest.xml against itself, the production build and the
 * source (Microsoft's online validator is out of reach here; this is no XSD
 * validation, but it catches what breaks add-ins in practice: dangling
 * resource ids, URLs that 404, wrong icon sizes, missing translations,
 * elements out of schema order, and requirement sets lower than the code needs).
 *
 * The `before` hook runs the real webpack configuration in production mode,
 * into a temporary directory instead of dist/ so it never races `npm run build`.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { productionBuild } from "../support/build-addin";
import { join, relative, resolve } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ICON_SIZES, iconPath, renderIcon } from "../../scripts/make-icons";
import { METADATA_FILES, metadataIn, type FunctionsMetadata } from "../../src/functions/metadata";
import { userLanguage } from "../../src/functions/core";

const ROOT = resolve(__dirname, "../..");
const BASE_URL = "https://localhost:3000/";
/**
 * The locales Windows and Office define for Swedish and Malay ([MS-LCID]: sv-SE
 * 0x041D, sv-FI 0x081D, ms-MY 0x043E, ms-BN 0x083E; Office's own user interface
 * comes in sv-SE and ms-MY). Each is one the functions speak Swedish or Malay
 * in (userLanguage), so each must have its override, or Excel shows the
 * functions' help in English beside Swedish or Malay results.
 */
const LOCALES = ["sv-SE", "sv-FI", "ms-MY", "ms-BN"] as const;
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

// ---------------------------------------------------------------- XML model

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function toElement(node: OrderedNode): Element | undefined {
  const name = Object.keys(node).find((k) => k !== ":@");
  if (!name || name === "#text" || name.startsWith("?")) return undefined;
  const raw = node[name] as OrderedNode[];
  const children = raw.map(toElement).filter((e): e is Element => e !== undefined);
  const text = raw.map((n) => (typeof n["#text"] === "string" ? n["#text"] : "")).join("");
  return { name, attrs: node[":@"] ?? {}, children, text };
}

function parseManifest(xml: string): Element {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false });
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.map(toElement).find((e): e is Element => e !== undefined);
  assert.ok(root, "manifest has no root element");
  return root;
}

/** All elements below `el` (depth first), with their parent. */
function* walk(el: Element, parent?: Element): Generator<{ el: Element; parent: Element | undefined }> {
  yield { el, parent };
  for (const c of el.children) yield* walk(c, el);
}

const child = (el: Element, name: string): Element | undefined => el.children.find((c) => c.name === name);
const children = (el: Element, name: string): Element[] => el.children.filter((c) => c.name === name);
function path(el: Element, ...names: string[]): Element {
  let at = el;
  for (const n of names) {
    const next = child(at, n);
    assert.ok(next, `manifest has no ${names.join(" > ")} (stopped at ${n})`);
    at = next;
  }
  return at;
}
const descendants = (el: Element, name: string): Element[] => [...walk(el)].map((w) => w.el).filter((e) => e.name === name);

// ----------------------------------------------------------- schema order
// Child order the Office add-in XSDs require (xs:sequence), for the parents
// this manifest uses. Source: Microsoft's "How to find the proper order of
// manifest elements" and the VersionOverrides V1_0 schema in [MS-OWEMXML].
const CHILD_ORDER: Record<string, readonly string[]> = {
  OfficeApp: ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "Dictionary", "VersionOverrides", "ExtendedOverrides"],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"],
  Host: ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  Resources: ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Action: ["TaskpaneId", "SourceLocation", "Title"],
};

// ------------------------------------------------- requirement-set table
// Office APIs the add-in code may call and the requirement set that brings
// each one in (from the [Api set: …] / Requirement set notes in
// @types/office-js, and Microsoft's Custom Functions requirement sets page).
// Add a row before using an API that needs more than ExcelApi 1.1.
interface ApiRequirement {
  api: string;
  pattern: RegExp;
  set: string;
  version: string;
}
const API_REQUIREMENTS: readonly ApiRequirement[] = [
  { api: "Excel.run", pattern: /\bExcel\.run\s*\(/, set: "ExcelApi", version: "1.1" },
  { api: "Worksheet.getUsedRangeOrNullObject", pattern: /\.getUsedRangeOrNullObject\s*\(/, set: "ExcelApi", version: "1.4" },
  { api: "WorksheetCollection/TableCollection/SettingCollection.getItemOrNullObject", pattern: /\.getItemOrNullObject\s*\(/, set: "ExcelApi", version: "1.4" },
  { api: "WorksheetCollection/TableCollection/SettingCollection.getCount", pattern: /\.getCount\s*\(/, set: "ExcelApi", version: "1.4" },
  { api: "Workbook.settings", pattern: /\bworkbook\.settings\b/, set: "ExcelApi", version: "1.4" },
  { api: "Range.getResizedRange", pattern: /\.getResizedRange\s*\(/, set: "ExcelApi", version: "1.2" },
  { api: "RangeFormat.columnWidth", pattern: /\.columnWidth\b/, set: "ExcelApi", version: "1.2" },
  { api: "RangeFormat.autofitColumns", pattern: /\.autofitColumns\s*\(/, set: "ExcelApi", version: "1.2" },
  { api: "Application.calculate", pattern: /\.calculate\s*\(\s*["']Recalculate/, set: "ExcelApi", version: "1.1" },
  { api: "Application.suspendApiCalculationUntilNextSync", pattern: /\.suspendApiCalculationUntilNextSync\s*\(/, set: "ExcelApi", version: "1.6" },
  { api: "Worksheet.getRangeByIndexes", pattern: /\.getRangeByIndexes\s*\(/, set: "ExcelApi", version: "1.7" },
  { api: "Worksheet.freezePanes", pattern: /\.freezePanes\b/, set: "ExcelApi", version: "1.7" },
  { api: "Worksheet.tabColor", pattern: /\.tabColor\b/, set: "ExcelApi", version: "1.7" },
  { api: "Range.numberFormatLocal", pattern: /\.numberFormatLocal\b/, set: "ExcelApi", version: "1.7" },
  { api: "Worksheet.showGridlines", pattern: /\.showGridlines\b/, set: "ExcelApi", version: "1.8" },
  { api: "Application.suspendScreenUpdatingUntilNextSync", pattern: /\.suspendScreenUpdatingUntilNextSync\s*\(/, set: "ExcelApi", version: "1.9" },
  { api: "ChartSeries.setXAxisValues", pattern: /\.setXAxisValues\s*\(/, set: "ExcelApi", version: "1.7" },
  { api: "Range.getCellProperties / setCellProperties", pattern: /\.(get|set)CellProperties\s*\(/, set: "ExcelApi", version: "1.9" },
  { api: "Range.getSpecialCells", pattern: /\.getSpecialCells(OrNullObject)?\s*\(/, set: "ExcelApi", version: "1.9" },
  { api: "Range.copyFrom", pattern: /\.copyFrom\s*\(/, set: "ExcelApi", version: "1.9" },
  { api: "Table.resize", pattern: /\.resize\s*\(/, set: "ExcelApi", version: "1.13" },
  { api: "Range.valuesAsJson", pattern: /\.valuesAsJson(Local)?\b/, set: "ExcelApi", version: "1.16" },
  { api: "Office.addin.*", pattern: /\bOffice\.addin\./, set: "SharedRuntime", version: "1.1" },
  { api: "CustomFunctions.associate", pattern: /\bCustomFunctions\.associate\s*\(/, set: "CustomFunctionsRuntime", version: "1.1" },
  { api: "CustomFunctions.Error", pattern: /\bCustomFunctions\.Error\b/, set: "CustomFunctionsRuntime", version: "1.2" },
];

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Source files of the add-in side (the engine is pure and cannot call Office). */
function addinSources(dir = join(ROOT, "src")): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (full !== join(ROOT, "src", "engine")) out.push(...addinSources(full));
    } else if (/\.tsx?$/.test(name)) {
      out.push(full);
    }
  }
  return out;
}

const stripComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

// ------------------------------------------------------------------ PNG

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is not a PNG`);
  assert.equal(bytes.toString("ascii", 12, 16), "IHDR", `${file}: first chunk is not IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---------------------------------------------------------------- tests

describe("add-in manifest (offline check)", function () {
  const xml = readFileSync(join(ROOT, "manifest.xml"), "utf8");
  let manifest: Element;
  let versionOverrides: Element;
  let resources: Element;
  let dist: string;

  /** resource id → element, per resource kind. */
  const resourceTable = (kind: string): Map<string, Element> => {
    const group = child(resources, kind);
    return new Map((group?.children ?? []).map((e) => [e.attrs.id, e]));
  };
  const urlOf = (resid: string): string => {
    const url = resourceTable("bt:Urls").get(resid)?.attrs.DefaultValue;
    assert.ok(url, `no bt:Url with id ${resid}`);
    return url;
  };
  const distFile = (url: string): string => {
    assert.ok(url.startsWith(BASE_URL), `${url} is not under ${BASE_URL}`);
    return join(dist, new URL(url).pathname);
  };

  before(async function () {
    this.timeout(180_000);
    manifest = parseManifest(xml);
    versionOverrides = path(manifest, "VersionOverrides");
    resources = path(versionOverrides, "Resources");

    dist = await productionBuild();
  });

  it("is well-formed XML: a task pane add-in for Excel workbooks, default locale en-US", () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.equal(manifest.name, "OfficeApp");
    assert.equal(manifest.attrs["xsi:type"], "TaskPaneApp");
    assert.match(path(manifest, "Id").text, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(path(manifest, "DefaultLocale").text, "en-US");
    assert.deepEqual(children(path(manifest, "Hosts"), "Host").map((h) => h.attrs.Name), ["Workbook"]);
    assert.equal(versionOverrides.attrs["xsi:type"], "VersionOverridesV1_0");
    assert.deepEqual(children(path(versionOverrides, "Hosts"), "Host").map((h) => h.attrs["xsi:type"]), ["Workbook"]);
  });

  it("asks for ReadWriteDocument", () => {
    assert.equal(path(manifest, "Permissions").text, "ReadWriteDocument");
  });

  it("keeps child elements in schema order", () => {
    const problems: string[] = [];
    for (const { el } of walk(manifest)) {
      const order = CHILD_ORDER[el.name];
      if (!order) continue;
      let last = -1;
      for (const c of el.children) {
        const at = order.indexOf(c.name);
        if (at < 0) problems.push(`<${c.name}> is not a known child of <${el.name}>`);
        else if (at < last) problems.push(`<${c.name}> comes too late in <${el.name}>`);
        else last = at;
      }
    }
    assert.deepEqual(problems, []);
  });

  it("resolves every resid to a resource of the right kind, and uses every resource", () => {
    // Which resource table an element's resid points into.
    const kindOf = (el: Element, parent: Element | undefined): string => {
      if (el.name === "bt:Image") return "bt:Images";
      if (["Label", "Title", "Namespace"].includes(el.name)) return "bt:ShortStrings";
      if (el.name === "Description" && parent?.name === "Supertip") return "bt:LongStrings";
      if (["SourceLocation", "Runtime", "FunctionFile"].includes(el.name)) return "bt:Urls";
      throw new Error(`resid on unexpected element <${el.name}>`);
    };
    const used = new Set<string>();
    const problems: string[] = [];
    for (const { el, parent } of walk(path(versionOverrides, "Hosts"))) {
      const resid = el.attrs.resid;
      if (resid === undefined) continue;
      used.add(resid);
      if (resid.length > 32) problems.push(`resid ${resid} is longer than 32 characters`);
      const kind = kindOf(el, parent);
      if (!resourceTable(kind).has(resid)) problems.push(`<${el.name} resid="${resid}"> has no entry in ${kind}`);
    }
    const all = ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"].flatMap((k) => [...resourceTable(k).keys()]);
    assert.equal(new Set(all).size, all.length, "resource ids are not unique");
    for (const id of all) if (!used.has(id)) problems.push(`resource ${id} is never used`);
    assert.deepEqual(problems, []);
    assert.ok(used.size >= 8, `only ${used.size} resids found — did the walk miss the Hosts?`);
  });

  it("runs everything in one long-lived shared runtime on the task pane page", () => {
    const host = path(versionOverrides, "Hosts", "Host");
    const runtime = path(host, "Runtimes", "Runtime");
    assert.equal(runtime.attrs.lifetime, "long");
    const page = runtime.attrs.resid;
    const cf = path(host, "AllFormFactors", "ExtensionPoint");
    assert.equal(cf.attrs["xsi:type"], "CustomFunctions");
    assert.equal(path(cf, "Page", "SourceLocation").attrs.resid, page);
    assert.equal(path(host, "DesktopFormFactor", "FunctionFile").attrs.resid, page);
    const actions = descendants(host, "Action");
    assert.ok(actions.length > 0);
    for (const action of actions) {
      assert.equal(action.attrs["xsi:type"], "ShowTaskpane");
      assert.equal(path(action, "SourceLocation").attrs.resid, page);
    }
    assert.equal(new Set(actions.map((a) => path(a, "TaskpaneId").text)).size, 1, "a shared runtime supports one task pane");
    assert.equal(path(manifest, "DefaultSettings", "SourceLocation").attrs.DefaultValue, urlOf(page));
    assert.equal(new URL(urlOf(page)).pathname, "/taskpane.html");
    const namespace = resourceTable("bt:ShortStrings").get(path(cf, "Namespace").attrs.resid);
    assert.equal(namespace?.attrs.DefaultValue, "BACKFLUSH");
  });

  it("puts a Backflush button that opens the task pane in a group on the Home tab", () => {
    const surface = descendants(versionOverrides, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "PrimaryCommandSurface");
    assert.ok(surface);
    const tab = path(surface, "OfficeTab");
    assert.equal(tab.attrs.id, "TabHome");
    const button = path(tab, "Group", "Control");
    assert.equal(button.attrs["xsi:type"], "Button");
    const label = resourceTable("bt:ShortStrings").get(path(button, "Label").attrs.resid);
    assert.equal(label?.attrs.DefaultValue, "Backflush");
    assert.equal(path(button, "Action").attrs["xsi:type"], "ShowTaskpane");
  });

  it("has Swedish and Malay DisplayName and Description, and translations of every ribbon string", () => {
    for (const name of ["DisplayName", "Description"]) {
      const el = path(manifest, name);
      for (const locale of LOCALES) {
        const value = children(el, "Override").find((o) => o.attrs.Locale === locale)?.attrs.Value;
        assert.ok(value && value.trim().length > 0, `${name} has no ${locale} override`);
        if (name === "Description") assert.notEqual(value, el.attrs.DefaultValue, `${name} ${locale} is not translated`);
      }
    }
    assert.ok(path(manifest, "DisplayName").attrs.DefaultValue.length <= 125);
    const namespaceId = path(versionOverrides, "Hosts", "Host", "AllFormFactors", "ExtensionPoint", "Namespace").attrs.resid;
    const problems: string[] = [];
    for (const [kind, limit] of [["bt:ShortStrings", 125], ["bt:LongStrings", 250]] as const) {
      for (const [id, el] of resourceTable(kind)) {
        const values = [el.attrs.DefaultValue, ...children(el, "bt:Override").map((o) => o.attrs.Value)];
        for (const v of values) if (v.length > limit) problems.push(`${id}: "${v.slice(0, 30)}…" is over ${limit} characters`);
        if (id === namespaceId) continue; // formulas use the same namespace in every language
        for (const locale of LOCALES) {
          if (!children(el, "bt:Override").some((o) => o.attrs.Locale === locale && o.attrs.Value.trim() !== "")) problems.push(`${id} has no ${locale} override`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it("points every URL at a file the production build emits", () => {
    const urls = new Set<string>();
    for (const { el } of walk(manifest)) {
      for (const attr of ["DefaultValue", "Value"]) {
        const v = el.attrs[attr];
        if (v !== undefined && /^https?:/.test(v)) urls.add(v);
      }
    }
    assert.ok(urls.size >= 8, `only ${urls.size} URLs found`);
    const missing = [...urls].filter((u) => !u.startsWith(BASE_URL) || !existsSync(distFile(u)));
    assert.deepEqual(missing, []);
    assert.equal(readFileSync(join(dist, "manifest.xml"), "utf8"), xml, "the build copies manifest.xml unchanged");
  });

  it("ships icons of the pixel sizes the manifest declares, drawn by scripts/make-icons.ts", () => {
    const images = resourceTable("bt:Images");
    const expected = new Map<string, number>([
      [path(manifest, "IconUrl").attrs.DefaultValue, 32],
      [path(manifest, "HighResolutionIconUrl").attrs.DefaultValue, 64],
    ]);
    for (const [id, el] of images) {
      const m = /^Icon\.(\d+)x\1$/.exec(id);
      assert.ok(m, `image id ${id} does not say its size`);
      expected.set(el.attrs.DefaultValue, Number(m[1]));
    }
    // Where a ribbon icon is used, the size it is used at must be the picture's size.
    for (const use of descendants(versionOverrides, "bt:Image").filter((e) => e.attrs.resid)) {
      assert.equal(Number(use.attrs.size), expected.get(images.get(use.attrs.resid)?.attrs.DefaultValue ?? ""), `bt:Image resid=${use.attrs.resid} size=${use.attrs.size}`);
    }
    for (const [url, size] of expected) assert.deepEqual(pngSize(distFile(url)), { width: size, height: size }, url);
    assert.deepEqual([...new Set(expected.values())].sort((a, b) => a - b), [...ICON_SIZES]);
    for (const size of ICON_SIZES) assert.ok(readFileSync(iconPath(ROOT, size)).equals(renderIcon(size)), `assets/icon-${size}.png differs from scripts/make-icons.ts output`);
  });

  it("emits functions.json for every BACKFLUSH function, each registered once in functions.js", () => {
    const metadata = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as { functions: { id: string; name: string }[] };
    const ids = metadata.functions.map((f) => f.id);
    assert.ok(ids.includes("PRICEVAR"));
    const bundle = readFileSync(join(dist, "functions.js"), "utf8");
    const registered = [...bundle.matchAll(/\.associate\("([A-Z0-9_.]+)"/g)].map((m) => m[1]);
    assert.deepEqual([...registered].sort(), [...ids].sort());
  });

  it("gives Excel the functions' help in Swedish and Malay: a metadata file per locale, made from functions.json", () => {
    const english = JSON.parse(readFileSync(join(dist, "functions.json"), "utf8")) as FunctionsMetadata;
    const metadataUrl = resourceTable("bt:Urls").get("Functions.Metadata.Url");
    assert.ok(metadataUrl);
    for (const locale of LOCALES) {
      // The language the functions themselves pick for Excel in this locale.
      const language = userLanguage(locale);
      assert.notEqual(language, "en", `${locale} is not a Swedish or Malay locale`);
      const url: string | undefined = children(metadataUrl, "bt:Override").find((o) => o.attrs.Locale === locale)?.attrs.Value;
      assert.ok(url, `Functions.Metadata.Url has no ${locale} override`);
      assert.equal(url, `${BASE_URL}${METADATA_FILES[language]}`, locale);
      const built = JSON.parse(readFileSync(distFile(url), "utf8")) as FunctionsMetadata;
      assert.deepEqual(built, metadataIn(english, language), locale);
      assert.notEqual(built.functions[0].description, english.functions[0].description, `${locale} is in English`);
      if (language === "sv") {
        // One description as a Swedish user reads it in the formula autocomplete.
        assert.equal(built.functions.find((f) => f.id === "STDCOST")?.description, "Standardkostnad per enhet för en artikel: material, förädling eller båda, beräknad genom artikelns strukturlista.", locale);
      }
    }
  });

  it("overrides for no locale but those, so a locale the functions take for English is not given Swedish or Malay", () => {
    const overridden = new Set([...walk(manifest)].filter(({ el }) => el.name === "Override" || el.name === "bt:Override").map(({ el }) => el.attrs.Locale));
    assert.deepEqual([...overridden].sort(), [...LOCALES].sort());
    // A locale of the same languages spelled otherwise goes the same way (languageOf takes the language before the region).
    assert.deepEqual(["sv-FI", "SV_fi", "ms-BN", "en-MY", "fi-FI"].map(userLanguage), ["sv", "sv", "ms", "en", "en"]);
  });

  it("loads office.js from Microsoft's CDN and both bundles on the page, and the bundles call no network API", () => {
    const page = readFileSync(join(dist, "taskpane.html"), "utf8");
    const scripts = [...page.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    assert.deepEqual(scripts.filter((s) => /^https?:/.test(s)), [OFFICE_JS]);
    assert.ok(scripts.indexOf(OFFICE_JS) === 0, "office.js must load before the bundles");
    assert.deepEqual(scripts.slice(1).sort(), ["functions.js", "taskpane.js"]);
    for (const bundle of ["taskpane.js", "functions.js"]) {
      const code = readFileSync(join(dist, bundle), "utf8");
      for (const api of ["fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon", "importScripts"]) {
        assert.ok(!code.includes(api), `${bundle} uses ${api}`);
      }
    }
  });

  it("serves browser mode a page of its own that loads nothing from another host: no office.js, only the task pane's bundle", () => {
    const page = readFileSync(join(dist, "browser.html"), "utf8");
    const scripts = [...page.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((m) => m[1]);
    assert.deepEqual(scripts, ["taskpane.js"]);
    assert.doesNotMatch(page, /https?:\/\//);
  });

  it("declares requirement sets at least as high as the Office APIs used in src/ need", () => {
    const declared = new Map(descendants(path(manifest, "Requirements"), "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion]));
    // Needed by the manifest's own structure: the Runtimes element and the CustomFunctions extension point.
    const needed = new Map<string, { version: string; why: string }>([
      ["SharedRuntime", { version: "1.1", why: "<Runtimes>" }],
      ["CustomFunctionsRuntime", { version: "1.1", why: "CustomFunctions extension point" }],
    ]);
    const uses = addinSources().flatMap((file) => {
      const code = stripComments(readFileSync(file, "utf8"));
      return API_REQUIREMENTS.filter((req) => req.pattern.test(code)).map((req) => ({ ...req, why: `${req.api} in ${relative(ROOT, file)}` }));
    });
    // The scan must at least see the registration in functions.ts, or it is looking in the wrong place.
    assert.ok(uses.some((u) => u.why === `CustomFunctions.associate in ${join("src", "functions", "functions.ts")}`), "scan missed src/functions/functions.ts");
    for (const use of uses) {
      const have = needed.get(use.set);
      if (!have || compareVersions(use.version, have.version) > 0) needed.set(use.set, use);
    }
    const problems: string[] = [];
    for (const [set, { version, why }] of needed) {
      const min = declared.get(set);
      if (min === undefined) problems.push(`${set} ${version} is needed (${why}) but not declared`);
      else if (compareVersions(min, version) < 0) problems.push(`${set} is declared ${min} but ${why} needs ${version}`);
    }
    assert.deepEqual(problems, []);
    // The workbook adapter's floor (suspendScreenUpdatingUntilNextSync), even before its code is in src/.
    assert.ok(compareVersions(declared.get("ExcelApi") ?? "0", "1.9") >= 0, "ExcelApi must be at least 1.9");
  });
});
