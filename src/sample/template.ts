/**
 * The empty input workbook a user starts from: every input table with its
 * headers and formats, nothing in it but the Settings a run needs and the
 * default chart of accounts.
 */
import { SEQUENCE_LABELS } from "../engine/sequences";
import { ACCOUNT_ROLES, type TriggerSequence } from "../engine/types";
import type { CellValue } from "../workbook/cells";
import type { InputTableModel } from "../workbook/port";
import { DEFAULT_ACCOUNTS, TABLE_ORDER } from "../workbook/schema";
import { inputTable, type Rows } from "./tables";

export interface SettingsChoice {
  sequence: TriggerSequence;
  /** ISO date, or undefined to leave the cell blank (the engine then infers it from the data). */
  periodStart?: string;
  periodEnd?: string;
  currency: string;
  disposition: "cogs" | "prorate";
}

/**
 * The Settings rows in the order the wizard shows them. Period dates are
 * written as ISO text: the Value column is formatted as text, and the reader
 * takes "2026-10-01" as a date.
 */
export function settingsRows(s: SettingsChoice): Rows {
  const rows: [string, CellValue][] = [
    ["Triggers", SEQUENCE_LABELS[s.sequence]],
    ["PeriodStart", s.periodStart ?? null],
    ["PeriodEnd", s.periodEnd ?? null],
    ["Currency", s.currency],
    ["Disposition", s.disposition],
  ];
  return rows;
}

/** The default chart: one row per account role, as schema.ts DEFAULT_ACCOUNTS has it. */
export function defaultAccountRows(): Rows {
  return ACCOUNT_ROLES.map((role) => [role, DEFAULT_ACCOUNTS[role].account, DEFAULT_ACCOUNTS[role].name]);
}

export function templateTables(): InputTableModel[] {
  return TABLE_ORDER.map((name) => {
    if (name === "Settings") return inputTable(name, settingsRows({ sequence: "purchase-completion-sale", currency: "USD", disposition: "cogs" }));
    if (name === "Accounts") return inputTable(name, defaultAccountRows());
    return inputTable(name, []);
  });
}
