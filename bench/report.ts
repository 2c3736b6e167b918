/**
 * What the bench prints: the machine line, a table people read, then one
 * JSON line per measured case (a case with variants — four trigger
 * sequences, three growth sizes — gives one line per variant).
 */
import { machineLine, type Machine } from "./measure";

export type CaseName = "engine" | "growth" | "cli" | "browser" | "functions" | "office";
export const CASE_NAMES: readonly CaseName[] = ["engine", "growth", "cli", "browser", "functions", "office"];

/** The fields every JSON line has; each case adds its own figures. */
export interface CaseRecord {
  case: CaseName;
  /** Which variant: a trigger sequence, a size, a function … */
  variant: string;
  rows: number | null;
  /** The case's headline time (null when the case could not run). */
  ms: number | null;
  peakMB: number | null;
  /** The target in words, or null where the issue sets none. */
  target: string | null;
  met: boolean | null;
  /** 1-minute load average when the case was measured (the machine is shared). */
  load1: number;
  /** Figures the table shows in its last column, short. */
  summary: string;
  [figure: string]: unknown;
}

const fmt = (v: number | null, digits = 0): string => (v === null ? "–" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export function tableLines(records: readonly CaseRecord[]): string[] {
  const head = ["case", "variant", "rows", "ms", "peak MB", "met", "load", "figures"];
  const body = records.map((r) => [r.case, r.variant, fmt(r.rows), fmt(r.ms, 1), fmt(r.peakMB, 1), r.met === null ? "–" : r.met ? "yes" : "NO", r.load1.toFixed(2), r.summary]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const numeric = new Set([2, 3, 4, 6]);
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  return [line(head), widths.map((w, i) => "-".repeat(i === widths.length - 1 ? Math.min(w, 40) : w)).join("  "), ...body.map(line)];
}

/** Everything the bench prints, in order. */
export function reportLines(m: Machine, records: readonly CaseRecord[], quick = false): string[] {
  const targets = records.filter((r) => r.target !== null).map((r) => `  ${r.case}: ${r.target}`);
  return [
    machineLine(m),
    ...(quick ? ["QUICK RUN: small sizes, to see that every case runs; the figures say nothing about the targets."] : []),
    "",
    ...tableLines(records),
    "",
    ...(targets.length ? ["targets:", ...[...new Set(targets)]] : []),
    "",
    JSON.stringify({ machine: m }),
    ...records.map((r) => JSON.stringify(r)),
  ];
}
