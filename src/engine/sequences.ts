/**
 * What each trigger sequence records, as data (DOMAIN.md, "Trigger-point sequences").
 */
import type { AccountRole, TriggerSequence } from "./types";

export interface SequenceRules {
  /** Materials enter RIP at purchase (Dr RIP, Cr AP, PPV on the difference). */
  booksPurchases: boolean;
  /** Where the standard cost of goods is flushed from materials and conversion. */
  flushAt: "completion" | "sale";
  /** The account credited with the standard material cost at the flush: RIP, or where purchases are not booked the materials clearing account that the period's invoices are booked to at the period end. */
  materialCredit: Extract<AccountRole, "RIP" | "MATERIALS_CLEARING">;
  /** Finished goods are held in FG between completion and sale. */
  holdsFinishedGoods: boolean;
}

export const SEQUENCE_RULES: Readonly<Record<TriggerSequence, SequenceRules>> = {
  "purchase-completion-sale": { booksPurchases: true, flushAt: "completion", materialCredit: "RIP", holdsFinishedGoods: true },
  "purchase-sale": { booksPurchases: true, flushAt: "sale", materialCredit: "RIP", holdsFinishedGoods: false },
  "completion-sale": { booksPurchases: false, flushAt: "completion", materialCredit: "MATERIALS_CLEARING", holdsFinishedGoods: true },
  sale: { booksPurchases: false, flushAt: "sale", materialCredit: "MATERIALS_CLEARING", holdsFinishedGoods: false },
};

/**
 * Whether a run of `sequence` may post to `role`: the materials' account it keeps (RIP where purchases are booked,
 * materials clearing where not), FG where finished goods are kept or their conversion is capitalized, finished goods'
 * shrinkage only where they are kept; every other role in every sequence.
 */
export function postsTo(sequence: TriggerSequence, role: AccountRole, capitalizeConversion: boolean): boolean {
  const rules = SEQUENCE_RULES[sequence];
  switch (role) {
    case "RIP":
      return rules.booksPurchases;
    case "MATERIALS_CLEARING":
      return !rules.booksPurchases;
    case "FG":
      return rules.holdsFinishedGoods || capitalizeConversion;
    case "FG_SHRINKAGE":
      return rules.holdsFinishedGoods;
    default:
      return true;
  }
}

/** Plain words for a sequence, as users write it in Settings. */
export const SEQUENCE_LABELS: Readonly<Record<TriggerSequence, string>> = {
  "purchase-completion-sale": "purchase, completion, sale",
  "purchase-sale": "purchase, sale",
  "completion-sale": "completion, sale",
  sale: "sale",
};
