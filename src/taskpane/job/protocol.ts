/**
 * The messages between the pane and the engine worker, and how the values
 * that structured cloning would spoil cross: Dec cells of generated sheets as
 * decimal text, errors as name and message.
 *
 * Inside Excel, the worker runs the main job (`checkWorkbook` /
 * `runWorkbookJob`) against a port whose every call comes back to the page,
 * where the real port lives (Office.js can only be called from the page). In
 * browser mode the page sends the .xlsx package itself, and the worker reads,
 * costs and writes it with the same .xlsx adapter and sends the new package
 * back. Either way the job is the very same code as everywhere else.
 */
import type { LedgerFiles } from "../../workbook/ledger-files";
import type { PackageProblem, PackageProblemParams } from "../../adapters/xlsx/errors";
import { WorkbookWriteError, type WriteProblem } from "../../workbook/names";
import { PackageError } from "../../adapters/xlsx/errors";
import { Dec } from "../../engine/money";
import { OpeningError } from "../../workbook/opening";
import type { Settings, TableName } from "../../engine/types";
import type { Language } from "../../i18n";
import type { RawTable } from "../../workbook/parse";
import type { SheetInfo, WriteOptions } from "../../workbook/port";
import type { OutCell, SheetModel } from "../../workbook/render";
import type { JobProgress } from "./progress";
import type { CheckReport, RunReport } from "./reports";
import { officeErrorCode } from "../../adapters/office/api";

export type JobKind = "check" | "run";

/** What the pane asks of a job: the job's own options, all cloneable. */
export interface JobRequest {
  tableNames?: Partial<Record<TableName, string>>;
  overrides?: Partial<Settings>;
  now?: Date;
  /** Also make the ledger files (SIE, CSV) of a run, for the browser mode to offer as downloads. */
  ledgerFiles?: boolean;
  /** The pane's language, for the sheets that have one. */
  language?: Language;
  /** A previous result chosen as "Opening balances from a previous result": the worker reads its Closing sheet. */
  opening?: OpeningFile;
}

/** A file the user chose, as its name and bytes (cloneable). */
export interface OpeningFile {
  file: string;
  bytes: ArrayBuffer;
}

export interface ErrorInfo {
  name: string;
  message: string;
  /** A file that cannot be read: its problem, so that the page says it in its own language. */
  package?: { problem: PackageProblem; params: PackageProblemParams };
  /** A write the adapter refused: its problem, for the same reason. */
  write?: WriteProblem;
  /** Excel's error code (OfficeExtension.Error's `code`), so that the page says what to do in its own words. */
  code?: string;
}

/** A failure of ours, not of the user's file or data: the page says so in its language ("failure.bug"), with no library's text. */
export class BackflushBug extends Error {
  constructor() {
    super("Backflush failed unexpectedly while working on the workbook. This is a bug: please report it, with the file if you can.");
    this.name = "BackflushBug";
  }
}

/** The engine worker could not start or broke (a blocked or missing script): said in the page's words ("failure.worker"), never the browser's. */
export class EngineWorkerFailed extends Error {
  constructor() {
    super("The engine worker failed.");
    this.name = "EngineWorkerFailed";
  }
}

export type EncodedCell = string | number | null | { dec: string };
export interface EncodedSheet extends Omit<SheetModel, "rows"> {
  rows: EncodedCell[][];
}

/** A port call the worker makes, for the page to carry out. */
export type PortCall =
  | { method: "findTable"; names: readonly string[] }
  | { method: "listSheets" }
  | { method: "writeSheets"; models: EncodedSheet[]; replace: readonly string[]; options: WriteOptions };

export type PortResult = RawTable | undefined | SheetInfo[] | void;

/** A port that holds an .xlsx package as bytes (the browser mode's): its jobs go to the worker with the package. */
export interface PackageHolder {
  toBytes(): Uint8Array;
  /** Takes the package the worker wrote. */
  reload(bytes: Uint8Array): Promise<void>;
}

/** A copy of bytes in an ArrayBuffer of their own, to transfer: a Node Buffer's slice is a view, and its buffer may be shared. */
export function ownCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

export function isPackageHolder(port: object): port is PackageHolder {
  const p = port as Partial<PackageHolder>;
  return typeof p.toBytes === "function" && typeof p.reload === "function";
}

export type ToWorker =
  | { type: "job"; job: number; kind: JobKind; request: JobRequest; package?: ArrayBuffer }
  | { type: "reply"; job: number; call: number; ok: true; value: PortResult }
  | { type: "reply"; job: number; call: number; ok: false; error: ErrorInfo };

export type FromWorker =
  | { type: "call"; job: number; call: number; request: PortCall }
  | { type: "progress"; job: number; progress: JobProgress }
  | { type: "done"; job: number; report: CheckReport | RunReport; package?: ArrayBuffer }
  | { type: "failed"; job: number; error: ErrorInfo }
  /** A run's ledger files, after its "done" (the report said ledgerFilesPending); none when making them failed. */
  | { type: "ledgerFiles"; job: number; files?: LedgerFiles };

/** Anything messages can be posted to and heard from: a Worker, the worker's own scope, a MessagePort. */
export interface MessageTarget {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /** MessagePort only: starts delivery (a Worker delivers from the start). */
  start?(): void;
}

export interface Endpoint<In, Out> {
  /** Posts a message; `transfer` hands buffers over instead of copying them. */
  post(message: Out, transfer?: Transferable[]): void;
  /** Starts listening; returns the function that stops it. */
  listen(handler: (message: In) => void): () => void;
}

export function endpointOf<In, Out>(target: MessageTarget): Endpoint<In, Out> {
  return {
    post: (message, transfer) => (transfer ? target.postMessage(message, transfer) : target.postMessage(message)),
    listen(handler) {
      const listener = (event: MessageEvent) => handler(event.data as In);
      target.addEventListener("message", listener);
      target.start?.();
      return () => target.removeEventListener("message", listener);
    },
  };
}

export function encodeSheets(models: readonly SheetModel[]): EncodedSheet[] {
  const cell = (v: OutCell): EncodedCell => (v instanceof Dec ? { dec: v.toFixed() } : v);
  // A column's measured sum is a Dec, which cloning would spoil too: left behind, and worked out again where it is needed.
  return models.map((m) => ({ ...m, columns: m.columns.map(({ sum: _sum, ...c }) => c), rows: m.rows.map((r) => r.map(cell)) }));
}

export function decodeSheets(encoded: readonly EncodedSheet[]): SheetModel[] {
  const cell = (v: EncodedCell): OutCell => (v !== null && typeof v === "object" ? new Dec(v.dec) : v);
  return encoded.map((m) => ({ ...m, rows: m.rows.map((r) => r.map(cell)) }));
}

export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof PackageError) return { name: e.name, message: e.message, package: { problem: e.problem, params: e.params } };
  if (e instanceof WorkbookWriteError) return { name: e.name, message: e.message, write: e.problem };
  const code = officeErrorCode(e);
  if (e instanceof Error) return { name: e.name, message: e.message, ...(code !== undefined ? { code } : {}) };
  return { name: "Error", message: String(e) };
}

export function errorFrom(info: ErrorInfo): Error {
  if (info.package) return new PackageError(info.package.problem, info.package.params);
  if (info.write) return new WorkbookWriteError(info.write);
  if (info.name === "BackflushBug") return new BackflushBug();
  if (info.name === "OpeningError") return new OpeningError(info.message);
  const e = new Error(info.message);
  e.name = info.name;
  return info.code === undefined ? e : Object.assign(e, { code: info.code });
}
