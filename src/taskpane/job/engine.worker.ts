/**
 * The engine worker (bundle `engine-worker`, dist/engine-worker.js): reads,
 * validates, costs and renders off the page, so a big workbook never freezes
 * the pane. The workbook itself stays on the page; see protocol.ts.
 */
import type { FromWorker, MessageTarget, ToWorker } from "./protocol";
import { endpointOf } from "./protocol";
import { serveJobs } from "./serve";

// In a dedicated worker, `self` is the worker's scope: it posts to and hears from the page.
serveJobs(endpointOf<ToWorker, FromWorker>(self as unknown as MessageTarget));
