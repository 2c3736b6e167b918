/**
 * The worker's side: runs the main job against a port that forwards every
 * call to the page, or against an .xlsx package the page sent, and answers
 * with a plain report (and the new package). No DOM, no Office.
 */
import { loadXlsx } from "../../adapters/xlsx/bytes";
import type { XlsxWorkbook } from "../../adapters/xlsx/workbook";
import type { CheckOutcome } from "../../workbook/job";
import { streamCodec } from "../../adapters/xlsx/stream-codec";
import { fileKindOf } from "../../adapters/xlsx/sniff";
import { notWorkbookWords } from "../../adapters/xlsx/kind-words";
import { PackageError, packageWords } from "../../adapters/xlsx/errors";
import { translator } from "../../i18n";
import { WorkbookWriteError } from "../../workbook/names";
import { OpeningError, readPreviousClosing, type PreviousClosing } from "../../workbook/opening";
import type { RawTable } from "../../workbook/parse";
import type { InputTableModel, SheetInfo, WorkbookPort, WriteOptions } from "../../workbook/port";
import type { SheetModel } from "../../workbook/render";
import type { Endpoint, FromWorker, JobKind, JobRequest, PortCall, PortResult, ToWorker } from "./protocol";
import { BackflushBug, encodeSheets, errorFrom, errorInfo, ownCopy } from "./protocol";
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { CheckReuse } from "./run-job";
import { checkKey, runJob } from "./run-job";
import { ProgressPort } from "./progress";

type Caller = (request: PortCall) => Promise<PortResult>;

/** A WorkbookPort whose calls are carried out elsewhere (on the page, where the workbook is). */
export class RemotePort implements WorkbookPort {
  constructor(private readonly call: Caller) {}

  async findTable(names: readonly string[]): Promise<RawTable | undefined> {
    return (await this.call({ method: "findTable", names: [...names] })) as RawTable | undefined;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return (await this.call({ method: "listSheets" })) as SheetInfo[];
  }

  async writeSheets(models: readonly SheetModel[], replace: readonly string[], options: WriteOptions): Promise<void> {
    await this.call({ method: "writeSheets", models: encodeSheets(models), replace: [...replace], options });
  }

  async writeInputTables(_tables: readonly InputTableModel[]): Promise<void> {
    // The main job never inserts input tables; the pane does that on the page.
    throw new Error("writeInputTables is not available inside the engine worker");
  }
}

/** Serves jobs over `endpoint` until it closes. Jobs may overlap; each has its own calls. */
export function serveJobs(endpoint: Endpoint<ToWorker, FromWorker>): () => void {
  const waiting = new Map<string, { resolve: (v: PortResult) => void; reject: (e: Error) => void }>();
  let calls = 0;
  return endpoint.listen((message) => {
    if (message.type === "reply") {
      const key = `${message.job}:${message.call}`;
      const w = waiting.get(key);
      if (!w) return;
      waiting.delete(key);
      if (message.ok) w.resolve(message.value);
      else w.reject(fromTheWorkbook(errorFrom(message.error)));
      return;
    }
    const { job, kind, request } = message;
    if (message.package) {
      const bytes = new Uint8Array(message.package);
      void runOnPackage(endpoint, job, kind, request, bytes);
      return;
    }
    const port = new RemotePort(
      (call) =>
        new Promise<PortResult>((resolve, reject) => {
          const id = ++calls;
          waiting.set(`${job}:${id}`, { resolve, reject });
          endpoint.post({ type: "call", job, call: id, request: call });
        }),
    );
    previousClosing(request)
      .then((opening) => runJob(kind, port, request, undefined, opening))
      .then(
      (report) => endpoint.post({ type: "done", job, report }),
      // What the workbook's side answered (Excel's own words) goes back as it came; anything else thrown here is ours.
      (e: unknown) => endpoint.post({ type: "failed", job, error: errorInfo(fromWorkbook.has(e as object) ? e : ownWords(e)) }),
    );
  });
}

/** Errors the page's port answered with (Excel's): said as they are, not taken for a bug of ours. */
const fromWorkbook = new WeakSet<object>();
function fromTheWorkbook(e: Error): Error {
  fromWorkbook.add(e);
  return e;
}

/**
 * The last Check on a package, kept for the Run that follows it: the wizard
 * checks, then runs the same workbook with the same choices, and reading and
 * costing a large workbook twice was most of the Run's wait.
 */
let lastCheck: { bytes: Uint8Array; key: string; book: XlsxWorkbook; outcome: CheckOutcome } | undefined;

/** A job on a package the page sent: read, costed and written here; a run sends the new package back. */
async function runOnPackage(endpoint: Endpoint<ToWorker, FromWorker>, job: number, kind: JobKind, request: JobRequest, bytes: Uint8Array): Promise<void> {
  try {
    const key = checkKey(request);
    const kept = kind === "run" && lastCheck && lastCheck.key === key && sameBytes(lastCheck.bytes, bytes) ? lastCheck : undefined;
    lastCheck = undefined;
    // The platform's own deflate streams where it has them (docs/benchmark.md: fflate's JavaScript deflate was most of a run).
    const book = kept?.book ?? (await loadXlsx(bytes, streamCodec()));
    const port = new ProgressPort(book, (progress) => endpoint.post({ type: "progress", job, progress }));
    const reuse: CheckReuse = {
      checked: (outcome) => {
        if (outcome.ok) lastCheck = { bytes, key, book, outcome };
      },
      take: () => kept?.outcome,
    };
    let makeLedgerFiles: (() => LedgerFiles) | undefined;
    const report = await runJob(kind, port, request, reuse, await previousClosing(request), (make) => (makeLedgerFiles = make));
    if (kind === "run" && report.ok) {
      const written = ownCopy(book.toBytes());
      endpoint.post({ type: "done", job, report, package: written }, [written]);
    } else endpoint.post({ type: "done", job, report });
    if (makeLedgerFiles) postLedgerFiles(endpoint, job, makeLedgerFiles);
  } catch (e) {
    endpoint.post({ type: "failed", job, error: errorInfo(ownWords(e)) });
  }
}

/** The Closing sheet of the previous result the pane chose, if any, read with the .xlsx adapter that lives here. */
async function previousClosing(request: JobRequest): Promise<PreviousClosing | undefined> {
  if (!request.opening) return undefined;
  const { file, bytes } = request.opening;
  const t = translator(request.language ?? "en");
  // A file that is no workbook at all (a .csv, an .xls…) is named for what it is, as when it is opened as the workbook.
  const notWorkbook = notWorkbookWords(t, file, fileKindOf(bytes));
  if (notWorkbook) throw new OpeningError(notWorkbook);
  // The user's own workbook is not the one at fault: the previous result is named, with why it cannot be read.
  const book = await loadXlsx(new Uint8Array(bytes)).catch((e: unknown) => {
    if (!(e instanceof PackageError)) throw e;
    throw new OpeningError(t.t("closing.error.unreadable", { file, reason: packageWords(t, e.problem, e.params) }));
  });
  return readPreviousClosing(book, file, request.language);
}

/** A run's ledger files, made after its report went out; none when they could not be made (the pane then offers none). */
function postLedgerFiles(endpoint: Endpoint<ToWorker, FromWorker>, job: number, make: () => LedgerFiles): void {
  let files: LedgerFiles | undefined;
  try {
    files = make();
  } catch {
    files = undefined;
  }
  const transfer = files ? [files.csv.buffer, ...(files.sie ? [files.sie.buffer] : [])] : [];
  endpoint.post({ type: "ledgerFiles", job, files }, transfer as ArrayBuffer[]);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A failure as the user may read it: the adapter's own words for a file it cannot read or write; anything else is a bug, said so, with no library's text. */
function ownWords(e: unknown): unknown {
  if (e instanceof PackageError || e instanceof WorkbookWriteError || e instanceof OpeningError) return e;
  return new BackflushBug();
}
