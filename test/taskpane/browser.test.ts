/**
 * The task pane in headless Chromium (Debian's, through playwright-core),
 * against the production build served on 127.0.0.1. The page runs in its
 * browser mode (office.js cannot load: every request off this machine is
 * blocked, and recorded). It walks the four steps on the sample workbook and
 * downloads the result; shows a broken workbook's problems with their cells
 * and offers no download; and runs the chair maker in Swedish. In English,
 * Swedish and Malay, axe-core (its source injected into the page) finds no
 * violation on any step, the outcomes are announced by the live region, and
 * the focus lands on them. Screenshots of each step go to docs/images/
 * (350 px wide, the task pane's width) when SCREENSHOTS=1.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { loadXlsx, newXlsx, xlsxBytes } from "../../src/adapters/xlsx/bytes";
import { openXlsx } from "../../src/adapters/xlsx/file";
import type { Dec } from "../../src/engine/money";
import { ZERO } from "../../src/engine/money";
import { buildSampleTables } from "../../src/sample";
import { decFromNumber } from "../../src/workbook/cells";
import { checkWorkbook, runWorkbookJob } from "../../src/workbook/job";
import type { CellValue } from "../../src/workbook/cells";
import type { Language } from "../../src/i18n";
import { translator } from "../../src/i18n";
import { HELP_FILES } from "../../src/taskpane/help-page";
import { FUNCTION_HELP } from "../../src/functions/metadata";
import { chairMaker, editSheet, setCell } from "../contract/fixtures";
import { writeFixture } from "../adapters/xlsx-fixture";
import type { PortFixture } from "../contract/fixtures";
import { december, november } from "../support/next-period";
import { productionBuild } from "../support/build-addin";
import { macroWorkbookWithSample } from "../support/macro-workbook";
import { readZip } from "../adapters/xlsx-zip";
import { FOUR_PROBLEMS_IN, fourProblemWorkbook } from "../support/four-problems";
import { csvNets, readCsv, readSie, sieNets } from "../support/ledger-files";
import type { StaticServer } from "./server";
import { serveFolder } from "./server";

const ROOT = resolve(__dirname, "../..");
const SAMPLE = join(ROOT, "assets", "sample", "backflush-sample.xlsx");
const IMAGES = join(ROOT, "docs", "images");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PANE = { width: 350, height: 760 };
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** What the current step shows (the live region, which says the same, is outside it). */
const inStep = (page: Page) => page.locator("section[data-step]");

/** The accessible name Chromium gives the focused element: what a screen reader says as the focus lands there. */
async function focusedName(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = (await cdp.send("Runtime.evaluate", { expression: "document.activeElement" })) as { result: { objectId: string } };
    const { nodes } = (await cdp.send("Accessibility.getPartialAXTree", { objectId: result.objectId, fetchRelatives: false })) as { nodes: { name?: { value?: string } }[] };
    return nodes[0]?.name?.value ?? "";
  } finally {
    await cdp.detach();
  }
}

/** Waits until the focus is on the element whose text starts with `text` (an outcome). */
const focusLandsOn = (page: Page, text: string) => page.waitForFunction((t) => (document.activeElement as HTMLElement | null)?.innerText.startsWith(t) ?? false, text);

/** axe-core's violations on the page as it is, as "rule (impact): element" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  // Colours are judged once Fluent's transitions (a button just enabled fades in) have ended.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished)));
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document);
    return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? ""}): ${n.html.slice(0, 200)}`));
  });
}


interface Journal {
  debit: Dec;
  credit: Dec;
  /** Debits less credits of the lines on one account role. */
  net(role: string): Dec;
}

/** The Journal sheet of a downloaded result, summed exactly. */
/** The Journal table of a result, its headers in the sheets' language. */
async function journalOf(bytes: Uint8Array, language: Language = "en"): Promise<Journal> {
  const book = await loadXlsx(bytes);
  const table = await book.findTable(["Backflush_Journal"]);
  assert.ok(table, `no Journal table; sheets: ${book.sheetsAndTables().map((s) => s.sheet).join(", ")}`);
  const t = translator(language);
  const [debit, credit, role] = [t.t("sheet.col.debit"), t.t("sheet.col.credit"), t.t("sheet.col.role")];
  const column = (name: string) => table.header.indexOf(name);
  const amount = (v: CellValue | undefined) => (typeof v === "number" ? decFromNumber(v) : ZERO);
  const sum = (rows: readonly (readonly CellValue[])[], name: string) => rows.reduce((a, r) => a.plus(amount(r[column(name)])), ZERO);
  const onRole = (r: string) => table.rows.filter((row) => row[column(role)] === r);
  return {
    debit: sum(table.rows, debit),
    credit: sum(table.rows, credit),
    net: (r) => sum(onRole(r), debit).minus(sum(onRole(r), credit)),
  };
}

describe("taskpane in headless Chromium (browser mode)", function () {
  this.timeout(120_000);
  let server: StaticServer;
  let browser: Browser;
  let work: string;
  const workers: string[] = [];

  before(async function () {
    this.timeout(400_000);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await serveFolder(await productionBuild());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    work = mkdtempSync(join(tmpdir(), "backflush-pane-"));
    mkdirSync(IMAGES, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  interface Pane {
    page: Page;
    context: BrowserContext;
    /** Requests for anything not on this machine, by URL: all blocked. */
    external: string[];
    /** Uncaught errors on the page. */
    errors: string[];
  }

  async function pane(lang: string): Promise<Pane> {
    const context = await browser.newContext({ viewport: PANE, deviceScaleFactor: 1, acceptDownloads: true, locale: "en-US" });
    const external: string[] = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      external.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    page.on("worker", (w) => workers.push(w.url()));
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}browser.html?lang=${lang}`);
    return { page, context, external, errors };
  }

  /** Closes the pane, after checking it asked for nothing off this machine (browser.html loads no office.js), and threw nothing. */
  async function close({ context, external, errors }: Pane): Promise<void> {
    await context.close();
    assert.deepEqual([...new Set(external)], []);
    assert.deepEqual(errors, []);
  }

  async function open(page: Page, file: string, button: string): Promise<void> {
    await page.getByRole("button", { name: button }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(file);
  }

  /** Opens `file` in English and goes through Data, Method and a Check without problems, then clicks Run. */
  async function openAndRun(page: Page, file: string): Promise<void> {
    await open(page, file, "Open a workbook (.xlsx, .xlsm)…");
    await next(page);
    await next(page);
    await inStep(page).getByText(/^No problems found\./).waitFor();
    await next(page);
    await page.getByRole("button", { name: "Run and write the sheets" }).click();
  }

  /**
   * Checks the step fits the narrowest default pane, 320 px, and that pane at 200 % zoom, 160 px of page: nothing
   * scrolls sideways (a table may scroll in its own box).
   */
  async function fits(page: Page, name: string): Promise<void> {
    for (const width of [320, 160]) {
      await page.setViewportSize({ width, height: PANE.height });
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${name}: the page is ${scroll} px wide in a ${width} px pane`);
    }
    await page.setViewportSize(PANE);
  }

  /** Checks the step fits (fits), then saves its picture at 350 px. */
  async function shoot(page: Page, name: string): Promise<void> {
    await fits(page, name);
    // Pictures for the docs only on request (SCREENSHOTS=1), so a test run never rewrites committed files.
    if (process.env.SCREENSHOTS === "1") await page.screenshot({ path: join(IMAGES, name), fullPage: true });
  }
  const next = (page: Page, label = "Next") => page.getByRole("navigation").getByRole("button", { name: label }).click();
  /** Writes a fixture as NAME in the work folder; returns its path. */
  const fixtureFile = async (name: string, fixture: PortFixture) => {
    const path = join(work, name);
    await writeFixture(fixture, path);
    return path;
  };
  /** Writes `fixture` as NAME, opens it in an English pane and goes on to the Method step. */
  async function atMethodStep(name: string, fixture: PortFixture): Promise<Pane & { path: string }> {
    const path = await fixtureFile(name, fixture);
    const p = await pane("en");
    await open(p.page, path, "Open a workbook (.xlsx, .xlsm)…");
    await p.page.getByRole("heading", { name: "Your tables" }).waitFor();
    await next(p.page);
    return { ...p, path };
  }
  const readFileBytes = async (path: string) => new Uint8Array(readFileSync(path));

  it("walks the sample workbook through all four steps and downloads a balanced journal with the engine's figures", async () => {
    let sample = SAMPLE;
    if (!existsSync(sample)) {
      // Until the bundled sample exists: the same tables, written here.
      const book = await newXlsx();
      await book.writeInputTables(buildSampleTables());
      sample = join(work, "backflush-sample.xlsx");
      writeFileSync(sample, xlsxBytes(book));
    }
    const expected = await checkWorkbook(await openXlsx(sample));
    assert.ok(expected.ok, "the sample does not check in Node");

    const p = await pane("en");
    const { page } = p;
    await shoot(page, "taskpane-0-open.png");
    await open(page, sample, "Open a workbook (.xlsx, .xlsm)…");

    // 1. Data: every input table found, by name.
    await page.getByRole("heading", { name: "Your tables" }).waitFor();
    await page.getByText(/^Found: /).nth(8).waitFor();
    assert.equal(await page.getByText(/^Found: /).count(), 9);
    await shoot(page, "taskpane-1-data.png");

    // 2. Method: the workbook's trigger points, and the entries they make.
    await next(page);
    await page.getByRole("heading", { name: "Method" }).waitFor();
    assert.equal(await page.getByRole("radio", { name: "Purchase, completion, sale" }).isChecked(), true);
    const picture = await page.getByRole("figure").innerText();
    assert.match(picture, /At completion\s+Dr Finished goods\s+Cr Raw and in-process inventory, standard material\s+Cr Conversion costs allocated, standard conversion/);
    await shoot(page, "taskpane-2-method.png");

    // 3. Check: no problem, and the suitability report.
    await next(page);
    await inStep(page).getByText(/^No problems found\./).waitFor();
    assert.ok(await inStep(page).getByText(`Ready to run: ${expected.result.journal.length} journal entries.`, { exact: false }).isVisible());
    await page.getByRole("heading", { name: "Does backflushing suit this plant?" }).waitFor();
    await shoot(page, "taskpane-3-check.png");

    // 4. Run: progress, then the summary, then the download. Started from the keyboard, the focus never falls to the
    // page while it runs (a disabled button lets go of it, and Tab would start again at the top): it stays on the button
    // until the outcome takes it.
    await next(page);
    await page.evaluate(() => {
      const w = window as unknown as { focusLost?: boolean };
      document.addEventListener("focusout", (e) => void (e.relatedTarget === null && (w.focusLost = true)), true);
    });
    await page.getByRole("button", { name: "Run and write the sheets" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("run-summary").waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { focusLost?: boolean }).focusLost ?? false), false, "the focus fell to the page during the run");
    const debit = expected.result.totals.debit.toFixed(2);
    const grouped = debit.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    assert.ok(await inStep(page).getByText(`Done. Debits ${grouped} equal credits ${grouped} (USD).`).isVisible());
    const sheets = await page.getByTestId("sheets").locator("li").allInnerTexts();
    assert.deepEqual(sheets, ["Journal", "Consumption", "Variances", "Balances", "Run Log", "Closing", "Standards Review", "Proposed Items"]);
    // Accounts named as the sample's Accounts table names them, as the Journal does: not by the role's own words.
    assert.ok(await inStep(page).getByRole("rowheader", { name: "2010 Accounts payable – trade" }).isVisible(), "the sample's name for AP");
    assert.equal(await page.getByTestId("sheets").getByRole("button").count(), 0, "no grid: sheet names, not links");
    // The variances as pictures a screen reader can read: by kind, and the largest by item, F and U apart.
    const kinds = page.getByRole("img", { name: /^By kind\./ });
    assert.match((await kinds.getAttribute("aria-labelledby")) ?? "", /title$/);
    assert.match(await kinds.locator("title").innerHTML(), /^By kind\. Purchase price [\d,]+\.\d\d U; Purchase price [\d,]+\.\d\d F; .*Conversion 970\.70 U/);
    const items = await page.getByRole("img", { name: /^Largest by item\./ }).locator("title").innerHTML();
    assert.match(items, /Unfavorable \(U\): cost above standard: Purchase price · OAK-BOARD 2,660\.59 U;/);
    assert.match(items, /Favorable \(F\): cost below standard: Purchase price · FOAM 415\.03 F;/);
    assert.ok(await page.getByTestId("variance-chart-items").locator("rect").count() >= 10);
    await page.getByRole("heading", { name: "Standards review" }).waitFor();
    assert.match(await page.getByTestId("standards-review").innerText(), /Adopting the proposals would revalue the ending inventory by -?[\d,]+\.\d\d \(USD\)\./);
    await shoot(page, "taskpane-4-run.png");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the result (.xlsx)" }).click()]);
    assert.equal(download.suggestedFilename(), "backflush-sample-result.xlsx");
    const saved = join(work, "sample-result.xlsx");
    await download.saveAs(saved);
    const journal = await journalOf(readFileSync(saved));
    assert.equal(journal.debit.toFixed(2), journal.credit.toFixed(2), "debits equal credits");
    assert.equal(journal.debit.toFixed(2), debit, "the engine's total, run in Node on the same file");
    const cogs = expected.result.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), ZERO);
    assert.equal(journal.net("COGS").toFixed(2), cogs.toFixed(2));

    assert.ok(
      workers.some((u) => u.endsWith("/engine-worker.js")),
      `the engine worker was not started (workers: ${workers.join(", ") || "none"})`,
    );
    await close(p);
  });

  for (const lang of ["en", "sv", "ms"] as const satisfies readonly Language[]) {
    it(`${lang}: axe-core finds no violation on any step; the check's and the run's outcomes are announced and take the focus`, async () => {
      const tr = translator(lang);
      const chairs = join(work, `a11y-${lang}.xlsx`);
      await writeFixture(chairMaker(), chairs);
      const expected = await checkWorkbook(await openXlsx(chairs));
      assert.ok(expected.ok);
      const p = await pane(lang);
      const { page } = p;
      const announced = page.getByTestId("announcer");
      const clean = async (where: string) => assert.deepEqual(await axeViolations(page), [], `${lang}, ${where}`);
      const nextStep = () => next(page, tr.t("nav.next"));

      await page.getByRole("button", { name: tr.t("open.file") }).waitFor();
      await clean("before a file is opened");
      await open(page, chairs, tr.t("open.file"));
      // Opening a file puts the focus on the first step's heading, not on the page's body.
      await page.getByRole("heading", { name: tr.t("data.title") }).waitFor();
      await page.waitForFunction(() => document.activeElement?.id === "step-heading");
      await page.getByText(tr.tn("data.found", 5, { where: tr.t("data.foundSheet", { sheet: "Items" }) })).waitFor();
      await clean("Data");
      // The list of steps and the Back/Next bar are told apart by their names.
      const named = await page.evaluate(() => [...document.querySelectorAll("nav[aria-label], ol[aria-label]")].map((e) => e.getAttribute("aria-label")));
      assert.equal(new Set(named).size, named.length, `${lang}: ${named.join(" | ")}`);

      await nextStep();
      await page.getByRole("heading", { name: tr.t("method.title") }).waitFor();
      await clean("Method");

      await nextStep();
      const ready = tr.tn("check.ok", expected.result.journal.length);
      await announced.getByText(ready).waitFor();
      await focusLandsOn(page, ready);
      // Named by its text, not a nameless "group" (Fluent labels a message bar by a title ours do not have).
      assert.ok((await focusedName(page)).startsWith(ready), `${lang}: the check's outcome is named "${await focusedName(page)}"`);
      await clean("Check");

      await nextStep();
      await page.getByRole("heading", { name: tr.t("run.title") }).waitFor();
      await clean("Run, before running");
      await page.getByRole("button", { name: tr.t("run.start") }).click();
      const total = tr.num(expected.result.totals.debit.toFixed(2));
      const done = tr.t("run.balanced", { debit: total, credit: total, currency: "USD" });
      await announced.getByText(done).waitFor();
      await focusLandsOn(page, done);
      assert.ok((await focusedName(page)).startsWith(done), `${lang}: the run's outcome is named "${await focusedName(page)}"`);
      await clean("Run, done");
      // The chair maker of DOMAIN.md: 81,490.00 of debits and credits in its 7 entries.
      if (lang === "en") assert.equal(await announced.innerText(), "Done. Debits 81,490.00 equal credits 81,490.00 (USD).");
      await close(p);
    });
  }

  it("checks the period typed in the Method step as it is typed, and names it as the pane's choice in the check", async () => {
    const p = await atMethodStep("period.xlsx", chairMaker());
    const { page } = p;
    // The workbook's Settings give 2026-11-01 to 2026-11-30; a First day of 2026-12-01 is after its Last day.
    await page.getByLabel("First day").fill("2026-12-01");
    await page.getByText("After the last day (2026-11-30).").waitFor();
    assert.equal(await page.getByLabel("First day").getAttribute("aria-invalid"), "true");
    assert.deepEqual(await axeViolations(page), [], "Method, with the period out of order");
    await next(page);
    await inStep(page).getByText("1 problem. Nothing is written until it is fixed.").first().waitFor();
    const problems = await page.getByTestId("problems").innerText();
    assert.match(problems, /Method step Dates in the wrong order\s+First day \(Method step\) 2026-12-01 is after PeriodEnd 2026-11-30 \(Settings!B4\)/);
    await page.getByTestId("problems").getByRole("button", { name: "Method step" }).click();
    await page.getByRole("heading", { name: "Method" }).waitFor();
    await page.getByLabel("First day").fill("2026-11-02");
    assert.equal(await page.getByText("After the last day (2026-11-30).").count(), 0);
    await close(p);
  });

  it("takes a Last day typed key by key once its year is whole: no false alert on the way, and the choice made once", async () => {
    const p = await atMethodStep("typed.xlsx", chairMaker());
    const { page } = p;
    // Every text that appears while typing is recorded: the browser hands over 0002-11-25, 0020-11-25, … as the year is typed.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) seen.push(n.textContent ?? "");
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByLabel("Last day").click();
    await page.keyboard.type("11292026");
    await page.keyboard.press("Tab");
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.join(" | "));
    assert.doesNotMatch(seen, /Before the first day/, seen);
    assert.equal(await page.getByLabel("Last day").inputValue(), "2026-11-29");
    await next(page);
    // The day typed is the one checked: the conversion cost of 2026-11-30 falls outside it.
    await inStep(page).getByText("1 problem. Nothing is written until it is fixed.").first().waitFor();
    assert.match(await page.getByTestId("problems").innerText(), /2026-11-30 is outside the period 2026-11-01 to 2026-11-29, whose Last day is chosen in the Method step/);
    await close(p);
  });

  it("opens December at a previous result chosen in the Method step, in English, Swedish and Malay", async () => {
    // November's result, as the command line writes it.
    const novemberBook = await loadXlsx(await readFileBytes(await fixtureFile("november.xlsx", november())));
    assert.ok((await runWorkbookJob(novemberBook, { now: new Date(2026, 11, 1, 9, 30) })).ok);
    const previous = join(work, "november-result.xlsx");
    writeFileSync(previous, xlsxBytes(novemberBook));
    const decemberFile = await fixtureFile("december.xlsx", december());
    for (const lang of ["en", "sv", "ms"] as const satisfies readonly Language[]) {
      const tr = translator(lang);
      const p = await pane(lang);
      const { page } = p;
      await open(page, decemberFile, tr.t("open.file"));
      await page.getByRole("heading", { name: tr.t("data.title") }).waitFor();
      await next(page, tr.t("nav.next"));
      await page.getByRole("heading", { name: tr.t("closing.pane.label") }).waitFor();
      await page.getByText(tr.t("closing.pane.none", { table: "Inventory" })).waitFor();
      await page.getByTestId("opening-file").setInputFiles(previous);
      await page.getByText(tr.t("closing.pane.chosen", { file: "november-result.xlsx" })).waitFor();
      assert.deepEqual(await axeViolations(page), [], `${lang}, Method with a previous result chosen`);
      await next(page, tr.t("nav.next"));
      // Two entries: what the chairs held beyond standard released to COGS, then their sale at standard.
      await page.getByTestId("announcer").getByText(tr.tn("check.ok", 2)).waitFor();
      if (lang !== "en") {
        await close(p);
        continue;
      }
      await next(page);
      await page.getByRole("button", { name: "Run and write the sheets" }).click();
      await page.getByTestId("run-summary").waitFor();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the result (.xlsx)" }).click()]);
      const saved = join(work, "december-result.xlsx");
      await download.saveAs(saved);
      // test/engine/closing.test.ts: November closed its 100 chairs at 2,407.03 (77.03 prorated into them); December sells them all.
      assert.equal((await journalOf(readFileSync(saved))).net("COGS").toFixed(2), "2407.03");
      await close(p);
    }
  });

  it("serves the help page (the manifest's SupportUrl) in English, Swedish and Malay, every function on it, with no axe-core violation", async () => {
    for (const [language, file] of Object.entries(HELP_FILES) as [Language, string][]) {
      const p = await pane(language);
      const { page } = p;
      await page.goto(`${server.url}${file}`);
      assert.equal(await page.getAttribute("html", "lang"), language);
      assert.equal(await page.title(), translator(language).t("help.title"));
      const listed = await page.locator("main li code").allInnerTexts();
      assert.deepEqual(listed.map((c) => /^=BACKFLUSH\.(\w+)\(/.exec(c)?.[1]), Object.keys(FUNCTION_HELP), file);
      await page.getByRole("heading", { name: translator(language).t("help.permissions") }).waitFor();
      assert.deepEqual(await axeViolations(page), [], file);
      for (const width of [320, 160]) {
        await page.setViewportSize({ width, height: 700 });
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, `${file} scrolls sideways at ${width} px`);
      }
      await close(p);
    }
  });

  it("keeps the Method step's choices when the same file is opened again after a fix, as the check tells the user to do", async () => {
    const p = await atMethodStep("fixme.xlsx", setCell(chairMaker(), "Purchases", "C3", "12,5kg"));
    const { page, path } = p;
    await page.getByRole("radio", { name: "Purchase, sale" }).check();
    await page.getByRole("radio", { name: "Prorate over inventories and cost of goods sold" }).check();
    await next(page);
    await inStep(page).getByText("1 problem. Nothing is written until it is fixed.").first().waitFor();
    // Fixed in Excel and saved under the same name, then opened again.
    await writeFixture(chairMaker(), path);
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.getByRole("heading", { name: "Your tables" }).waitFor();
    await next(page);
    assert.equal(await page.getByRole("radio", { name: "Purchase, sale" }).isChecked(), true, "the trigger points chosen before");
    assert.equal(await page.getByRole("radio", { name: "Prorate over inventories and cost of goods sold" }).isChecked(), true);
    await next(page);
    await inStep(page).getByText(/^No problems found\..*Purchase, sale/).first().waitFor();
    await close(p);
  });

  it("lists a broken workbook's problems with their cells, reachable by keyboard, and offers no run or download", async () => {
    const broken = join(work, "broken.xlsx");
    await writeFixture(setCell(setCell(chairMaker(), "Purchases", "C3", "12,5kg"), "BOM", "C4", "four"), broken);
    const p = await pane("en");
    const { page } = p;
    await open(page, broken, "Open a workbook (.xlsx, .xlsm)…");
    await page.getByRole("heading", { name: "Your tables" }).waitFor();
    await next(page);
    await next(page);
    await inStep(page).getByText("2 problems. Nothing is written until they are fixed.").first().waitFor();
    assert.equal(await page.getByTestId("announcer").innerText(), "2 problems. Nothing is written until they are fixed.");
    await focusLandsOn(page, "2 problems.");
    assert.deepEqual(await axeViolations(page), [], "Check, with problems");
    const addresses = await page.getByTestId("problems").getByRole("button").allInnerTexts();
    assert.deepEqual(addresses.sort(), ["BOM!C4", "Purchases!C3"]);
    assert.match(await page.getByTestId("problems").innerText(), /Purchases!C3 Not a number\s+Qty "12,5kg" is not a number/);
    // No grid to go to in the browser: the hint says where the fix is made.
    await inStep(page).getByText("Fix each cell in the workbook, then open the file again.").waitFor();

    // Keyboard only: Tab to the first problem's cell address, Enter, and its address is announced.
    const first = page.getByTestId("problems").getByRole("button").first();
    const firstAddress = await first.innerText();
    // Each address is described by its problem, so a screen reader tabbing through the links hears what is wrong at each.
    const purchases = page.getByTestId("problems").getByRole("button", { name: "Purchases!C3" });
    const described = await purchases.evaluate((el) => (el.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "));
    assert.equal(described, 'Not a number Qty "12,5kg" is not a number');
    for (let i = 0; i < 40 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    assert.ok(await first.evaluate((el) => el === document.activeElement), "the problem list cannot be reached with Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText(`Cell ${firstAddress}. Fix it in the workbook, then open the file again.`).waitFor();
    await shoot(page, "taskpane-3-check-problems.png");

    await next(page);
    // The check has been made: the Run step says what it found, not to check first, and leads back to it.
    await page.getByText("Fix the 2 problems found in the Check step; the workbook can run once there are none.").waitFor();
    assert.equal(await page.getByRole("button", { name: "Run and write the sheets" }).isDisabled(), true);
    assert.equal(await page.getByRole("button", { name: /Download/ }).count(), 0);
    assert.deepEqual(await axeViolations(page), [], "Run, after a check with problems");
    await page.getByRole("button", { name: "Go to the Check step" }).click();
    await page.getByRole("heading", { name: "Check" }).waitFor();
    await close(p);
  });

  it("lists issue 20's four problems in Malay with ?lang=ms, each with its cell, and names the default tables in Malay", async () => {
    const four = join(work, "empat.xlsx");
    writeFileSync(four, await fourProblemWorkbook());
    const p = await pane("ms");
    const { page } = p;
    const ms = translator("ms");
    await open(page, four, ms.t("open.file"));
    await page.getByRole("heading", { name: ms.t("data.title") }).waitFor();
    // The Data step's default name, in the pane's language: a name the job also looks up.
    assert.equal(await page.locator("option", { hasText: ms.t("data.default", { name: "Barangan" }) }).count(), 1);
    await next(page, ms.t("nav.next"));
    await next(page, ms.t("nav.next"));
    await inStep(page).getByText(ms.tn("check.problems", 4)).first().waitFor();
    const listed = await page.getByTestId("problems").innerText();
    for (const line of FOUR_PROBLEMS_IN.ms) {
      const [address, text] = [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)];
      assert.ok(listed.includes(address) && listed.includes(text), `${line} in:\n${listed}`);
    }
    assert.doesNotMatch(listed, /is not|has no|The BOM loops/, "no English message");
    await close(p);
  });

  it("runs in Swedish with ?lang=sv: Swedish labels and numbers, and DOMAIN.md's cost of goods sold", async () => {
    const chairs = join(work, "stolar.xlsx");
    await writeFixture(chairMaker(), chairs);
    const p = await pane("sv");
    const { page } = p;
    assert.equal(await page.evaluate(() => document.documentElement.lang), "sv");
    await open(page, chairs, "Öppna en arbetsbok (.xlsx, .xlsm)…");
    await page.getByRole("heading", { name: "Dina tabeller" }).waitFor();
    assert.deepEqual(await page.getByRole("list", { name: "Guidens steg" }).getByRole("button").allInnerTexts(), ["1. Data", "2. Metod", "3. Kontroll", "4. Kör"]);
    assert.ok(await page.getByText("Hittad: bladet Items, 5 rader").isVisible());
    assert.ok(await page.getByText("Saknas (frivillig).").isVisible(), "no Accounts sheet: optional");
    await fits(page, "the Swedish Data step"); // its pickers' longest option, "Standardnamn: Förädlingskostnader", no wider than the pane
    await next(page, "Nästa");
    await page.getByRole("heading", { name: "Metod" }).waitFor();
    await fits(page, "the Swedish Method step"); // "Leverantörsskulder" in the picture of the entries
    assert.equal(await page.getByRole("radio", { name: "Inköp, färdigställande, försäljning" }).isChecked(), true);
    assert.match(await page.getByRole("figure").innerText(), /Vid försäljning\s+Debet Kostnad sålda varor\s+Kredit Färdigvaror/);
    await next(page, "Nästa");
    await inStep(page).getByText("Inga fel hittades. Klart att köra: 7 verifikationer.").waitFor();
    await next(page, "Nästa");
    await page.getByRole("button", { name: "Kör och skriv bladen" }).click();
    await page.getByTestId("run-summary").waitFor();
    const nbsp = "\u00a0";
    const expected = await checkWorkbook(await openXlsx(chairs));
    assert.ok(expected.ok);
    const total = expected.result.totals.debit.toFixed(2).replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))/g, nbsp);
    assert.ok(await inStep(page).getByText(`Klart. Debet ${total} är lika med kredit ${total} (USD).`).isVisible(), `no "Klart. Debet ${total} …"`);
    const cogsRow = page.getByTestId("account-totals").getByRole("row", { name: /Kostnad sålda varor/ });
    assert.deepEqual(await cogsRow.locator("td").allInnerTexts(), [`21${nbsp}780,00`, "0,00"]);
    const variances = await page.getByTestId("variances").innerText();
    assert.match(variances, /Inköpspris · WOOD\s+400,00 O/);
    assert.match(variances, /Inköpspris · SCREW\s+40,00 G/);
    assert.match(variances, /Förädling · alla artiklar\s+450,00 O/);
    assert.match(await page.getByTestId("variance-totals").innerText(), /Inköpspris\s+300,00 O\s+Materialförbrukning\s+60,00 O\s+Förädling\s+450,00 O/);
    // The standards review: WOOD 3.10 against 3.00 (+3.33 %) and conversion 10,450 against 10,000 (+4.5 %) are within 5 %.
    const review = await page.getByTestId("standards-review").innerText();
    assert.match(review, /Alla standarder som perioden kunde pröva ligger inom 5 %\./);
    assert.match(review, /omvärdera det utgående lagret med 0,00 \(USD\)/);
    await shoot(page, "taskpane-4-run-sv.png");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Ladda ned resultatet (.xlsx)" }).click()]);
    const saved = join(work, "stolar-result.xlsx");
    await download.saveAs(saved);
    // The sheets in the pane's language: Debet and Kredit.
    const journal = await journalOf(readFileSync(saved), "sv");
    assert.equal(journal.debit.toFixed(2), journal.credit.toFixed(2));
    assert.equal(journal.net("COGS").toFixed(2), "21780.00", "DOMAIN.md's ending COGS");
    const reviewTable = await (await loadXlsx(readFileSync(saved))).findTable(["Backflush_StandardsReview"]);
    assert.deepEqual(reviewTable?.header.slice(0, 3), ["Slag", "Artikel", "Standard"], "the Standards Review sheet in the pane's language");
    await close(p);
  });

  it("downloads a run on a real .xlsm (picked as any file) as .xlsm, under the macro-enabled media type, its macros kept", async () => {
    const { original, withInputs } = await macroWorkbookWithSample();
    const file = join(work, "macros.xlsm");
    writeFileSync(file, withInputs);
    const p = await pane("en");
    const { page } = p;
    await openAndRun(page, file);
    await page.getByTestId("run-summary").waitFor();
    // The download's Blob, as the page makes it: its media type.
    await page.evaluate(() => {
      const made: string[] = [];
      (window as unknown as { blobTypes: string[] }).blobTypes = made;
      const createObjectURL = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) made.push(blob.type);
        return createObjectURL(blob);
      };
    });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the result (.xlsm)" }).click()]);
    assert.equal(download.suggestedFilename(), "macros-result.xlsm");
    // A Blob keeps its type in lower case (File API); media types compare without case.
    assert.deepEqual(await page.evaluate(() => (window as unknown as { blobTypes: string[] }).blobTypes), ["application/vnd.ms-excel.sheet.macroEnabled.12".toLowerCase()]);
    const saved = join(work, "macros-result.xlsm");
    await download.saveAs(saved);
    const result = await loadXlsx(readFileSync(saved));
    assert.equal(await result.fileExtension(), ".xlsm");
    assert.ok(readZip(readFileSync(saved)).get("xl/vbaProject.bin")?.equals(readZip(original).get("xl/vbaProject.bin")!), "the macros did not come back");
    const journal = await journalOf(readFileSync(saved));
    assert.equal(journal.debit.toFixed(2), journal.credit.toFixed(2), "debits equal credits");
    await close(p);
  });

  it("starts from an empty workbook with the sample data inserted", async () => {
    const p = await pane("en");
    const { page } = p;
    await page.getByRole("button", { name: "Start with an empty workbook" }).click();
    await page.getByText("This workbook has no input tables yet.").waitFor();
    await page.getByRole("button", { name: "Insert sample data" }).click();
    await page.getByText("Sample data inserted: a small furniture maker, one month.").waitFor();
    await page.getByText(/^Found: table Accounts on sheet Accounts/).waitFor();
    assert.equal(await page.getByText(/^Found: table /).count(), 9);
    await next(page);
    await next(page);
    await inStep(page).getByText(/^No problems found\./).waitFor();
    await close(p);
  });

  it("keeps the keyboard focus on the control used while the tables are looked for again (insert, table picker, Look again, clearing the previous result)", async () => {
    const p = await pane("en");
    const { page } = p;
    /** The focused element, as its tag and accessible text. */
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName ?? ""} ${(document.activeElement as HTMLElement | null)?.innerText?.split("\n")[0] ?? ""}`);
    const lookingDone = () => page.waitForFunction(() => !document.querySelector('section[data-step] [role="progressbar"]'));
    await page.getByRole("button", { name: "Start with an empty workbook" }).click();
    await page.getByRole("button", { name: "Insert sample data" }).focus();
    await page.keyboard.press("Enter");
    // The insert buttons go with the empty workbook: the focus goes to the news of the insert.
    await page.getByText(/^Found: table Accounts on sheet Accounts/).waitFor();
    await lookingDone();
    assert.match(await focused(), /^DIV Sample data inserted/);

    // Chromium fires change at each arrow press on a closed select: each one looks again, and the select keeps the focus.
    const items = page.getByRole("combobox", { name: "Items" });
    await items.focus();
    await page.keyboard.press("ArrowDown");
    const picked = await items.inputValue();
    // The Items picker says where it found the table picked (its message describes the select).
    await page.waitForFunction(
      (name) => {
        const ids = document.querySelector('select[aria-describedby]:focus')?.getAttribute("aria-describedby")?.split(" ") ?? [];
        return ids.some((id) => document.getElementById(id)?.innerText.includes(`table ${name} on sheet`));
      },
      picked,
    );
    await lookingDone();
    assert.match(await focused(), /^SELECT/);
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value), picked);
    await page.keyboard.press("ArrowUp");
    await page.getByText(/^Found: table Items on sheet Items/).waitFor();
    await lookingDone();
    assert.match(await focused(), /^SELECT/);

    await page.getByRole("button", { name: "Look again" }).focus();
    await page.keyboard.press("Enter");
    await lookingDone();
    assert.equal(await focused(), "BUTTON Look again");
    assert.deepEqual(await axeViolations(page), [], "Data, after looking again");

    await next(page);
    await page.getByTestId("opening-file").setInputFiles(SAMPLE);
    await page.getByRole("button", { name: "Do not open from it" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("None: openings come from the Inventory table only.").waitFor();
    assert.equal(await focused(), "BUTTON Choose the previous result (.xlsx, .xlsm)…");
    await close(p);
  });

  it("offers the journal as SIE and CSV downloads next to the workbook, and says what the SIE file needs", async () => {
    const chairs = join(work, "bruk.xlsx");
    await writeFixture(editSheet(chairMaker(), "Settings", (rows) => void rows.push(["Company", "Möbelbruket i Åseda AB"])), chairs);
    const p = await pane("en");
    const { page } = p;
    await openAndRun(page, chairs);
    await page.getByTestId("ledger-downloads").waitFor();
    const expected = await checkWorkbook(await openXlsx(chairs));
    assert.ok(expected.ok);

    const [sie] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the SIE file (.si)" }).click()]);
    assert.equal(sie.suggestedFilename(), "bruk-journal.si");
    await sie.saveAs(join(work, "bruk-journal.si"));
    const file = readSie(new Uint8Array(readFileSync(join(work, "bruk-journal.si"))));
    assert.ok(file.records.some((r) => r[0] === "#FNAMN" && r[1] === "Möbelbruket i Åseda AB"), "the company's name in PC8");
    assert.equal(file.vers.length, expected.result.journal.length);
    for (const v of file.vers) assert.ok(v.trans.reduce((a, t) => a.plus(t.amount), ZERO).isZero(), `#VER ${v.number} balances`);

    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the CSV file (.csv)" }).click()]);
    assert.equal(csv.suggestedFilename(), "bruk-journal.csv");
    await csv.saveAs(join(work, "bruk-journal.csv"));
    const rows = readCsv(readFileSync(join(work, "bruk-journal.csv"), "utf8").replace(/^\uFEFF/, ""));
    assert.deepEqual(csvNets(rows), sieNets(file), "both files carry the same per-account figures");
    // A double click (a second after the last click) saves one file, not a second one renamed "… (1)".
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await page.waitForTimeout(1100);
    await page.getByRole("button", { name: "Download the CSV file (.csv)" }).dblclick();
    await page.waitForTimeout(1500);
    assert.deepEqual(downloads, ["bruk-journal.csv"]);
    // The chair maker maps no role in an Accounts table: the pane names the placeholder numbers the SIE file posts to.
    assert.match(await page.getByTestId("ledger-placeholders").innerText(), /^Your Accounts table does not map every role the journal posts to, so these go to placeholder accounts: Raw and in-process inventory \(RIP\) 1300, Finished goods \(FG\) 1400, .*Map them to your chart of accounts before you import a ledger file\.$/);
    await close(p);

    // Without a Company setting, the CSV is offered and the pane says what the SIE file needs.
    const plain = join(work, "plain.xlsx");
    await writeFixture(chairMaker(), plain);
    const q = await pane("en");
    await openAndRun(q.page, plain);
    await q.page.getByTestId("ledger-downloads").waitFor();
    assert.equal(await q.page.getByRole("button", { name: "Download the SIE file (.si)" }).count(), 0);
    assert.ok(await q.page.getByText(/An SIE file names the company: add the row Company/).isVisible());
    assert.ok(await q.page.getByRole("button", { name: "Download the CSV file (.csv)" }).isVisible());
    // The CSV alone posts to placeholder accounts as the SIE file would: the pane warns of them as well.
    assert.match(await q.page.getByTestId("ledger-placeholders").innerText(), /placeholder accounts: Raw and in-process inventory \(RIP\) 1300, .*before you import a ledger file\.$/);
    await close(q);
  });
});
