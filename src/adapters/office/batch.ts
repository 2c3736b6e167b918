/**
 * Request sizing. Excel on the web refuses a request or response over 5 MB and
 * a read of more than 5,000,000 cells, so writes are packed into requests of a
 * bounded size and row count, and reads go in bounded row chunks. Each request
 * of a write suspends calculation and screen updating until it is done.
 */
import type { CellInput, RequestContextSubset } from "./api";

/** Excel on the web's limit for one request or response. */
export const OFFICE_PAYLOAD_LIMIT = 5_000_000;
/** What one write request may carry: a fifth of the limit, for what our estimate cannot see. */
export const DEFAULT_REQUEST_BYTES = 1_000_000;
/** Most rows in one request (writes) or one read. */
export const DEFAULT_CHUNK_ROWS = 10_000;
/** Most cells in one read: far below Excel's 5,000,000, and about a megabyte and a half of values, types and number formats. */
export const READ_CELL_BUDGET = 50_000;
/**
 * What one queued operation costs in a request besides its arguments (object
 * path, method name, ids). Office.js does not publish it; this is generous.
 */
export const OPERATION_BYTES = 256;

/** Yields to the host for a moment, so a long job never keeps the pane from answering. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Holds Excel's recalculation and repainting until the next sync: for every request that writes. */
export function suspendUntilNextSync(context: RequestContextSubset): void {
  context.application.suspendApiCalculationUntilNextSync();
  context.application.suspendScreenUpdatingUntilNextSync();
}

/** UTF-8 size of a string as JSON (quotes and escapes included), never below the real one. */
function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    // A lone surrogate is sent as \uXXXX; counting every surrogate so keeps pairs (4 bytes) on the safe side.
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** UTF-8 size of a cell value or a row of them as JSON. */
export function jsonBytes(value: CellInput | readonly CellInput[]): number {
  if (Array.isArray(value)) {
    let bytes = 1 + value.length;
    for (const v of value as readonly CellInput[]) bytes += jsonBytes(v);
    return bytes;
  }
  if (value === null) return 4;
  if (typeof value === "string") return jsonStringBytes(value);
  // JSON writes finite numbers and booleans as String() does.
  return String(value).length;
}

export interface WriteLimits {
  /** Most bytes (estimated) in one request. */
  requestBytes: number;
  /** Most data rows in one request. */
  chunkRows: number;
}

/**
 * The requests of one write. Callers say what they are about to queue
 * (`reserve`, or `fits` then `add`); the batch sends what is queued when more
 * would not fit, and starts every request by suspending calculation and
 * screen updating.
 */
export class WriteBatch {
  private open = false;
  private bytes = 0;
  private rows = 0;
  private rowsSent = 0;

  constructor(
    private readonly context: RequestContextSubset,
    private readonly limits: WriteLimits,
    private readonly onSent?: (rowsSent: number) => void,
  ) {}

  /** Whether operations of `bytes` holding `rows` data rows still fit in the request being built. */
  fits(bytes: number, rows = 0): boolean {
    const base = this.open ? this.bytes : 2 * OPERATION_BYTES;
    return base + bytes <= this.limits.requestBytes && (this.open ? this.rows : 0) + rows <= this.limits.chunkRows;
  }

  /** Counts operations about to be queued, opening a request when none is open. */
  add(bytes: number, rows = 0): void {
    if (!this.open) {
      suspendUntilNextSync(this.context);
      this.open = true;
      this.bytes = 2 * OPERATION_BYTES;
      this.rows = 0;
    }
    this.bytes += bytes;
    this.rows += rows;
  }

  /** Makes room for operations of `bytes`, sending what is queued first when they would not fit. */
  async reserve(bytes: number, rows = 0): Promise<void> {
    if (this.open && !this.fits(bytes, rows)) await this.flush();
    this.add(bytes, rows);
  }

  /** Sends the request being built, if any. */
  async flush(): Promise<void> {
    if (!this.open) return;
    const rows = this.rows;
    this.open = false;
    this.bytes = 0;
    this.rows = 0;
    await this.context.sync();
    this.rowsSent += rows;
    if (rows > 0) this.onSent?.(this.rowsSent);
  }
}
