/**
 * Browser mode's file picker in headless Chromium: a file that is not an
 * .xlsx workbook is named for what it is, in the pane's language, before any
 * reader sees it (the CLI's words for the same files are in test/e2e/file-kinds.test.ts).
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { chromium } from "playwright-core";
import { productionBuild } from "../support/build-addin";
import type { StaticServer } from "./server";
import { serveFolder } from "./server";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("taskpane in headless Chromium: files that are not workbooks", function () {
  this.timeout(120_000);
  let server: StaticServer;
  let browser: Browser;
  let work: string;

  before(async function () {
    this.timeout(400_000);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    server = await serveFolder(await productionBuild());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    work = mkdtempSync(join(tmpdir(), "backflush-open-"));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const [lang, button] of [["en", "Open a workbook (.xlsx, .xlsm)…"], ["sv", "Öppna en arbetsbok (.xlsx, .xlsm)…"], ["ms", "Buka buku kerja (.xlsx, .xlsm)…"]] as const) {
    it(`${lang}: the open dialog offers .xlsm workbooks as well as .xlsx, and the button says so`, async () => {
      const context = await browser.newContext({ viewport: { width: 350, height: 760 } });
      await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort("internetdisconnected")));
      const page = await context.newPage();
      await page.goto(`${server.url}browser.html?lang=${lang}`);
      await page.getByRole("button", { name: button }).waitFor();
      const accept = ((await page.locator('input[type="file"]').getAttribute("accept")) ?? "").split(",");
      for (const offered of [".xlsx", ".xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12"]) assert.ok(accept.includes(offered), `${offered} not in accept="${accept.join(",")}"`);
      await context.close();
    });
  }

  it("taskpane.html, the page Excel loads, opened in a plain browser with office.js out of reach, offers browser mode too", async () => {
    const context = await browser.newContext({ viewport: { width: 350, height: 760 } });
    const external: string[] = [];
    await context.route("**/*", (route) => {
      if (new URL(route.request().url()).hostname === "127.0.0.1") return route.continue();
      external.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    const page = await context.newPage();
    await page.goto(`${server.url}taskpane.html?lang=en`);
    await page.getByRole("button", { name: "Open a workbook (.xlsx, .xlsm)…" }).waitFor();
    assert.deepEqual(external, ["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"], "office.js, which browser.html does not load");
    await context.close();
  });

  const cases: [lang: string, file: string, bytes: Buffer, words: RegExp][] = [
    ["en", "plant.csv", Buffer.from("Date,Item,Qty\n2026-10-01,CHAIR,5\n"), /plant\.csv is a text file \(such as \.csv\), not a workbook: open it in Excel and save it as an Excel Workbook \(\.xlsx\)/],
    ["sv", "tom.xlsx", Buffer.alloc(0), /tom\.xlsx är tom \(0 byte\)/],
    ["en", "notes.xlsx", Buffer.from("PK\u0003\u0004 cut off here"), /notes\.xlsx is damaged/],
  ];
  for (const [lang, file, bytes, words] of cases) {
    it(`${file} (${lang}): says what the file is, and opens no wizard`, async () => {
      const context = await browser.newContext({ viewport: { width: 350, height: 760 } });
      await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort("internetdisconnected")));
      const page = await context.newPage();
      await page.goto(`${server.url}browser.html?lang=${lang}`);
      await page.locator('input[type="file"]').waitFor({ state: "attached" });
      const path = join(work, file);
      writeFileSync(path, bytes);
      await page.locator('input[type="file"]').setInputFiles(path);
      const said = page.getByText(words).first();
      await said.waitFor();
      assert.match((await said.innerText()).trim(), words);
      assert.equal(await page.getByRole("navigation").count(), 0, "no wizard steps");
      await context.close();
    });
  }

  it("a file that cannot be opened, chosen by keyboard: the focus stays on the Open button, not dropped to the page", async () => {
    const context = await browser.newContext({ viewport: { width: 350, height: 760 } });
    await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort("internetdisconnected")));
    const page = await context.newPage();
    await page.goto(`${server.url}browser.html?lang=en`);
    const openButton = page.getByRole("button", { name: "Open a workbook (.xlsx, .xlsm)…" });
    await openButton.waitFor();
    await page.locator('input[type="file"]').waitFor({ state: "attached" });
    await openButton.focus();
    assert.ok(await openButton.evaluate((el) => el === document.activeElement), "the Open button has the focus before Enter");
    const path = join(work, "old.xls");
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    // The file goes in as the dialog would hand it over (a dialog opened by Enter is not raised reliably on a loaded machine).
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.getByText(/old\.xls/).first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.tagName), "Open a workbook (.xlsx, .xlsm)…");
    await context.close();
  });
});
