/**
 * Task pane entry (bundle `taskpane`, loaded by taskpane.html together with
 * the `functions` bundle: one page, one shared runtime).
 *
 * Inside Office it waits for Office.onReady before rendering, so nothing can
 * touch the workbook before the host is ready. Opened as a plain web page
 * (office.js absent or not loaded) it renders at once, which keeps the UI
 * usable and testable in any browser.
 */
import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(): void {
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  createRoot(container).render(<App />);
}

if (typeof Office !== "undefined") {
  void Office.onReady().then(mount);
} else {
  mount();
}
