/**
 * Task pane entry (bundle `taskpane`, loaded by taskpane.html together with
 * the `functions` bundle: one page, one shared runtime).
 *
 * Inside Excel it waits for Office.onReady, then runs the wizard on the open
 * workbook. Opened as a plain web page (office.js absent, or Office.onReady
 * naming no host) it offers to open an .xlsx file and runs the same wizard on
 * it in the page. Either way the costing runs in the engine worker
 * (engine-worker.js, next to this page).
 */
import { createRoot } from "react-dom/client";
import { languageOf, pickLanguage } from "../i18n";
import { createRunner } from "./job/runner";
import { Pane } from "./Pane";
import type { WorkbookSession } from "./session";
import { OfficeSession } from "./session-office";

async function officeSession(): Promise<{ session?: WorkbookSession; displayLanguage?: string }> {
  if (typeof Office === "undefined") return {};
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) return {};
  return { session: new OfficeSession(Excel, Office.context.document.settings), displayLanguage: Office.context.displayLanguage };
}

async function mount(): Promise<void> {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  const query = new URLSearchParams(window.location.search).get("lang");
  // A language named on the URL is the page's from the start, before Office answers and the pane renders (a screen
  // reader reads the page in it; set only by the pane's effect, the page said "en" until then).
  const named = languageOf(query);
  if (named) document.documentElement.lang = named;
  const { session, displayLanguage } = await officeSession();
  const browser = navigator.languages?.length ? navigator.languages : [navigator.language];
  const language = pickLanguage({ query, office: displayLanguage, browser });
  const runner = createRunner(new URL("engine-worker.js", document.baseURI));
  createRoot(container).render(<Pane initialLanguage={language} languageFixed={named !== undefined} runner={runner} session={session} />);
}

void mount();
