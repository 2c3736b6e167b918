/**
 * What the command line prints: the short summary of a run, the problem
 * listing, and the --json documents.
 */
import type { Dec } from "../engine/money";
import { ZERO } from "../engine/money";
import { SEQUENCE_LABELS } from "../engine/sequences";
import type { BackflushResult, VarianceKind } from "../engine/types";
import type { CellProblem } from "../workbook/parse";
import type { JobOutcome } from "../workbook/job";
import { problemLines, runContext } from "../workbook/job";
import { resultJson } from "../workbook/render";
import { reviewJson } from "../workbook/render-review";

/** Problems shown at most, in text and in JSON (the count says how many there are). */
export const PROBLEM_CAP = 100;

/** "1234567.5" → "1,234,567.50" at the currency's minor unit. */
export function groupedMoney(amount: Dec, minorUnits: number): string {
  const [whole, fraction] = amount.abs().toFixed(minorUnits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${amount.isNegative() && !amount.isZero() ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** A variance as an accountant reads it: 300.00 U, 40.00 F. */
function withSide(amount: Dec, minorUnits: number): string {
  if (amount.isZero()) return groupedMoney(amount, minorUnits);
  return `${groupedMoney(amount.abs(), minorUnits)} ${amount.isNegative() ? "F" : "U"}`;
}

export interface Written {
  /** The result workbook as the user named it, or undefined when nothing was written. */
  output?: string;
  /** The backup made before writing in place. */
  backup?: string;
  sheets: readonly string[];
  notes: readonly string[];
  /** The ledger exports written, one line each (src/cli/exports.ts). */
  exports?: readonly string[];
}

const KIND_ORDER: readonly VarianceKind[] = ["price", "usage", "conversion", "revaluation", "shrinkage"];

export function summaryLines(input: string, result: BackflushResult, written: Written): string[] {
  const { settings } = result;
  const mu = settings.minorUnits;
  const money = (d: Dec) => groupedMoney(d, mu);
  const lineCount = result.journal.reduce((n, e) => n + e.lines.length, 0);
  const balanced = result.totals.debit.equals(result.totals.credit);
  const cogs = result.balances.filter((b) => b.role === "COGS").reduce((a, b) => a.plus(b.endingValue), ZERO);

  const byKind = KIND_ORDER.map((kind) => {
    const lines = result.variances.filter((v) => v.kind === kind);
    return { kind, lines, total: lines.reduce((a, v) => a.plus(v.amount), ZERO) };
  }).filter((k) => k.lines.length > 0);
  const variances = byKind.length === 0 ? "none" : byKind.map((k) => `${k.kind} ${withSide(k.total, mu)}${k.lines.length > 1 ? ` (${k.lines.length} lines)` : ""}`).join(" · ");
  const disposition = settings.disposition === "prorate" ? "prorated by cost element" : "written off to COGS";

  const warnings = result.warnings.length === 0 ? ["none"] : [`${result.warnings.length}:`, ...result.warnings.slice(0, 3).map((w) => `  ${w.message}`)];
  if (result.warnings.length > 3) warnings.push(`  … and ${result.warnings.length - 3} more (see the Run Log sheet)`);
  const concerns = result.suitability.checks.filter((c) => c.status !== "ok");

  const row = (label: string, text: string) => `  ${label.padEnd(20)}${text}`;
  const lines = [
    `Backflush costed ${input}: ${SEQUENCE_LABELS[settings.sequence]} · ${settings.periodStart} to ${settings.periodEnd} · ${settings.currency}`,
    row("Journal", `${result.journal.length} entries, ${lineCount} lines; debits ${money(result.totals.debit)} ${balanced ? "=" : "≠"} credits ${money(result.totals.credit)}`),
    row("Cost of goods sold", money(cogs)),
    row("Variances", byKind.length === 0 ? variances : `${variances} (${disposition})`),
    row("Warnings", warnings[0]),
    ...warnings.slice(1).map((w) => row("", w.trimStart())),
    row("Suitability", result.suitability.verdict),
    ...concerns.map((c) => row("", `${c.status}: ${c.message}`)),
  ];
  if (written.backup) lines.push(`  Backed up the input as ${written.backup}`);
  for (const e of written.exports ?? []) lines.push(`  Wrote ${e}`);
  if (written.output) lines.push(`  Wrote ${written.output} (sheets ${written.sheets.join(", ")})`);
  else lines.push(written.exports?.length ? "  No workbook written: give -o OUTPUT.xlsx, or --in-place, for the result sheets." : "  Nothing written: give -o OUTPUT.xlsx, or --in-place, to write the result.");
  for (const n of written.notes) lines.push(`  Note: ${n}`);
  return lines;
}

export function problemReport(input: string, problems: readonly CellProblem[]): string[] {
  const n = problems.length;
  return [`${input} has ${n} problem${n === 1 ? "" : "s"}; nothing was written:`, ...problemLines(problems, PROBLEM_CAP).map((l) => `  ${l}`)];
}

export function successJson(outcome: Extract<JobOutcome, { ok: true }>, input: string, written: Written) {
  return {
    ok: true as const,
    input,
    output: written.output ?? null,
    backup: written.backup ?? null,
    sheets: written.sheets,
    exports: written.exports ?? [],
    notes: written.notes,
    ...resultJson(outcome.result, outcome.read.accounts, runContext(outcome.read, "", []).sheets),
    ...reviewJson(outcome.review),
  };
}

export function problemsJson(input: string, problems: readonly CellProblem[]) {
  return {
    ok: false as const,
    input,
    count: problems.length,
    problems: problems.slice(0, PROBLEM_CAP).map((p) => ({ address: p.address, sheet: p.sheet ?? null, row: p.row ?? null, column: p.column ?? null, table: p.table, code: p.code, message: p.message })),
  };
}
