/**
 * The plain-language picture of a trigger sequence: which entries each
 * trigger point makes (DOMAIN.md's table), derived from the engine's own
 * SEQUENCE_RULES so the picture and the journal cannot disagree.
 */
import { SEQUENCE_RULES } from "../../engine/sequences";
import type { AccountRole, TriggerSequence } from "../../engine/types";

export type TriggerPoint = "purchase" | "completion" | "sale";
export const TRIGGER_POINTS: readonly TriggerPoint[] = ["purchase", "completion", "sale"];

export interface PictureLine {
  side: "dr" | "cr";
  role: AccountRole;
  /** Which part of standard cost a flush credits. */
  part?: "material" | "conversion";
}

export function entriesAt(sequence: TriggerSequence, at: TriggerPoint): PictureLine[] {
  const rules = SEQUENCE_RULES[sequence];
  const flush = (debit: AccountRole): PictureLine[] => [
    { side: "dr", role: debit },
    { side: "cr", role: rules.materialCredit, part: "material" },
    { side: "cr", role: "CONV_ALLOCATED", part: "conversion" },
  ];
  switch (at) {
    case "purchase":
      return rules.booksPurchases ? [{ side: "dr", role: "RIP" }, { side: "cr", role: "AP" }] : [];
    case "completion":
      return rules.flushAt === "completion" ? flush(rules.holdsFinishedGoods ? "FG" : "COGS") : [];
    case "sale":
      if (rules.flushAt === "sale") return flush("COGS");
      return rules.holdsFinishedGoods ? [{ side: "dr", role: "COGS" }, { side: "cr", role: "FG" }] : [];
  }
}

/** Whether the period's supplier invoices are booked at the period end (where no purchase is booked as it comes). */
export const invoicesAtPeriodEnd = (sequence: TriggerSequence): boolean => !SEQUENCE_RULES[sequence].booksPurchases;
