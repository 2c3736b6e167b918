/**
 * The page's side of a job. A `JobRunner` checks or runs the workbook behind a
 * port and reports progress; the pane never calls the job directly.
 *
 * - `ChannelRunner` sends the job to the engine worker and carries out the
 *   worker's port calls on the real port. The page only moves cells; reading,
 *   costing and rendering happen in the worker, so the pane stays responsive
 *   however big the workbook is.
 * - `InlineRunner` runs the job on the page, yielding to the browser between
 *   port calls: the fallback where no worker can be started.
 */
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { RawTable } from "../../workbook/parse";
import type { WorkbookPort, WriteOptions } from "../../workbook/port";
import type { SheetModel } from "../../workbook/render";
import type { ProgressListener } from "./progress";
import { ProgressPort } from "./progress";
import type { Endpoint, FromWorker, JobKind, JobRequest, MessageTarget, PortCall, PortResult, ToWorker } from "./protocol";
import { BackflushBug, EngineWorkerFailed, decodeSheets, endpointOf, errorFrom, errorInfo, isPackageHolder, ownCopy } from "./protocol";
import type { CheckReport, RunReport } from "./reports";
import { runJob } from "./run-job";
import { translator } from "../../i18n";
import { OpeningError } from "../../workbook/opening";

export type { JobProgress, ProgressListener } from "./progress";

export interface JobRunner {
  check(port: WorkbookPort, request: JobRequest, onProgress?: ProgressListener): Promise<CheckReport>;
  /**
   * A run. Its ledger files (when asked for) are in the report, or, when the
   * report says ledgerFilesPending, come to `onLedgerFiles` (none when they
   * could not be made) — possibly before the report's promise settles, while
   * the page still loads the new package.
   */
  run(port: WorkbookPort, request: JobRequest, onProgress?: ProgressListener, onLedgerFiles?: LedgerFilesListener): Promise<RunReport>;
  dispose(): void;
}

export type LedgerFilesListener = (files: LedgerFiles | undefined) => void;

/** Carries out one port call the worker asked for. */
function carryOut(port: WorkbookPort, request: PortCall): Promise<PortResult> {
  switch (request.method) {
    case "findTable":
      return port.findTable(request.names);
    case "listSheets":
      return port.listSheets();
    case "writeSheets":
      return port.writeSheets(decodeSheets(request.models), request.replace, request.options);
  }
}

const ignore: ProgressListener = () => undefined;

/** Jobs in the engine worker at the other end of `endpoint`. */
export class ChannelRunner implements JobRunner {
  private nextJob = 0;
  private readonly jobs = new Map<number, { port: WorkbookPort; onProgress: ProgressListener; resolve: (r: CheckReport | RunReport) => void; reject: (e: Error) => void }>();
  private readonly stop: () => void;
  /** Runs whose ledger files are still to come, by job. */
  private readonly ledgerListeners = new Map<number, LedgerFilesListener>();

  constructor(
    private readonly endpoint: Endpoint<FromWorker, ToWorker>,
    /**
     * Tells when the worker itself fails. `started` false: it never ran (its
     * script blocked or missing): every job under way fails, and so does every
     * later one, at once. True: it ran and an error escaped a job: the jobs
     * under way fail as a bug of ours, and the worker takes the next ones.
     */
    onBroken?: (watch: (started: boolean) => void) => void,
  ) {
    this.stop = endpoint.listen((m) => this.receive(m));
    onBroken?.((started) => {
      if (!started) this.isBroken = true;
      for (const [id, job] of this.jobs) {
        this.jobs.delete(id);
        job.reject(started ? new BackflushBug() : new EngineWorkerFailed());
      }
    });
  }

  private isBroken = false;

  /** The worker failed: no job sent to it would ever come back. */
  get broken(): boolean {
    return this.isBroken;
  }

  check(port: WorkbookPort, request: JobRequest, onProgress: ProgressListener = ignore): Promise<CheckReport> {
    return this.start("check", port, request, onProgress) as Promise<CheckReport>;
  }

  run(port: WorkbookPort, request: JobRequest, onProgress: ProgressListener = ignore, onLedgerFiles?: LedgerFilesListener): Promise<RunReport> {
    return this.start("run", port, request, onProgress, onLedgerFiles) as Promise<RunReport>;
  }

  dispose(): void {
    this.stop();
  }

  /**
   * A port that holds an .xlsx package (browser mode) sends a copy of it to the
   * worker, which reads, costs and writes it there and sends the new package
   * back: the page only copies bytes, so it never freezes, however big the file.
   * Any other port (Office.js) stays on the page, and the worker calls it.
   */
  private start(kind: JobKind, port: WorkbookPort, request: JobRequest, onProgress: ProgressListener, onLedgerFiles?: LedgerFilesListener): Promise<CheckReport | RunReport> {
    if (this.isBroken) return Promise.reject(new EngineWorkerFailed()).finally(() => onProgress({ phase: "done" }));
    const job = ++this.nextJob;
    if (onLedgerFiles) this.ledgerListeners.set(job, onLedgerFiles);
    return new Promise<CheckReport | RunReport>((resolve, reject) => {
      if (isPackageHolder(port)) {
        const copy = ownCopy(port.toBytes());
        this.jobs.set(job, { port, onProgress, resolve, reject });
        this.endpoint.post({ type: "job", job, kind, request, package: copy }, [copy]);
        return;
      }
      this.jobs.set(job, { port: new ProgressPort(port, onProgress), onProgress, resolve, reject });
      this.endpoint.post({ type: "job", job, kind, request });
    }).finally(() => onProgress({ phase: "done" }));
  }

  private receive(m: FromWorker): void {
    if (m.type === "ledgerFiles") {
      const listener = this.ledgerListeners.get(m.job);
      this.ledgerListeners.delete(m.job);
      listener?.(m.files);
      return;
    }
    const job = this.jobs.get(m.job);
    if (!job) return;
    if (m.type === "progress") {
      job.onProgress(m.progress);
      return;
    }
    if (m.type === "call") {
      carryOut(job.port, m.request).then(
        (value) => this.endpoint.post({ type: "reply", job: m.job, call: m.call, ok: true, value }),
        (e: unknown) => this.endpoint.post({ type: "reply", job: m.job, call: m.call, ok: false, error: errorInfo(e) }),
      );
      return;
    }
    this.jobs.delete(m.job);
    // Only a run whose report says its files follow keeps its listener.
    if (m.type === "failed" || !(m.report.ok && "ledgerFilesPending" in m.report && m.report.ledgerFilesPending)) this.ledgerListeners.delete(m.job);
    if (m.type === "failed") job.reject(errorFrom(m.error));
    else if (m.package && isPackageHolder(job.port)) job.port.reload(new Uint8Array(m.package)).then(() => job.resolve(m.report), job.reject);
    else job.resolve(m.report);
  }
}

/** Lets the browser paint and handle input before the next step. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A port that yields to the page before each call, for jobs run on the page. */
class YieldingPort extends ProgressPort {
  override async findTable(names: readonly string[]): Promise<RawTable | undefined> {
    await yieldToPage();
    return super.findTable(names);
  }
  override async writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    await yieldToPage();
    return super.writeSheets(models, replace, options);
  }
}

/** Jobs on the page itself. */
export class InlineRunner implements JobRunner {
  check(port: WorkbookPort, request: JobRequest, onProgress: ProgressListener = ignore): Promise<CheckReport> {
    return this.start("check", port, request, onProgress) as Promise<CheckReport>;
  }

  run(port: WorkbookPort, request: JobRequest, onProgress: ProgressListener = ignore): Promise<RunReport> {
    return this.start("run", port, request, onProgress) as Promise<RunReport>;
  }

  dispose(): void {}

  private start(kind: JobKind, port: WorkbookPort, request: JobRequest, onProgress: ProgressListener): Promise<CheckReport | RunReport> {
    // The .xlsx adapter that reads a previous result lives in the worker only, to keep it out of the page's bundle.
    if (request.opening) return Promise.reject(new OpeningError(translator(request.language ?? "en").t("closing.pane.needsWorker")));
    return runJob(kind, new YieldingPort(port, onProgress), request).finally(() => onProgress({ phase: "done" }));
  }
}

/**
 * The engine worker (`engine-worker.js`, built next to the page), started at
 * the first job (the shared runtime also loads this page for the custom
 * functions alone), or the inline runner where workers are unavailable.
 */
export function createRunner(scriptUrl: string | URL): JobRunner {
  let runner: JobRunner | undefined;
  let inline: InlineRunner | undefined;
  // A worker that failed (its script blocked or missing) leaves the jobs to the page from then on: the job under way
  // failed with words that say so, and trying again works, where every later job would wait for it for ever.
  const get = () => {
    runner ??= startRunner(scriptUrl);
    return runner instanceof ChannelRunner && runner.broken ? (inline ??= new InlineRunner()) : runner;
  };
  return {
    check: (port, request, onProgress) => get().check(port, request, onProgress),
    run: (port, request, onProgress, onLedgerFiles) => get().run(port, request, onProgress, onLedgerFiles),
    dispose: () => runner?.dispose(),
  };
}

function startRunner(scriptUrl: string | URL): JobRunner {
  if (typeof Worker === "undefined") return new InlineRunner();
  let worker: Worker;
  try {
    worker = new Worker(scriptUrl);
  } catch {
    return new InlineRunner();
  }
  const target: MessageTarget = worker;
  // A worker that has answered once ran: an error after that escaped a job, and the worker goes on.
  let answered = false;
  worker.addEventListener("message", () => (answered = true));
  return new ChannelRunner(endpointOf<FromWorker, ToWorker>(target), (fail) => {
    worker.addEventListener("error", () => {
      fail(answered);
      if (!answered) worker.terminate();
    });
  });
}
