/** The Method step's picture of each trigger sequence, against DOMAIN.md's table of entries. */
import { strict as assert } from "node:assert";
import type { TriggerSequence } from "../../src/engine/types";
import { TRIGGER_SEQUENCES } from "../../src/engine/types";
import type { PictureLine, TriggerPoint } from "../../src/taskpane/wizard/picture";
import { entriesAt, invoicesAtPeriodEnd } from "../../src/taskpane/wizard/picture";

/** "Dr RIP, Cr AP" as DOMAIN.md writes it; a flush credit names its part of standard cost. */
const written = (lines: PictureLine[]) => lines.map((l) => `${l.side === "dr" ? "Dr" : "Cr"} ${l.role}${l.part ? ` (std ${l.part})` : ""}`).join(", ") || "nothing";

// DOMAIN.md, "Trigger-point sequences"; `sale` (no purchase or completion entries) follows the same rules.
const TABLE: Record<TriggerSequence, Record<TriggerPoint, string>> = {
  "purchase-completion-sale": {
    purchase: "Dr RIP, Cr AP",
    completion: "Dr FG, Cr RIP (std material), Cr CONV_ALLOCATED (std conversion)",
    sale: "Dr COGS, Cr FG",
  },
  "purchase-sale": {
    purchase: "Dr RIP, Cr AP",
    completion: "nothing",
    sale: "Dr COGS, Cr RIP (std material), Cr CONV_ALLOCATED (std conversion)",
  },
  "completion-sale": {
    purchase: "nothing",
    completion: "Dr FG, Cr MATERIALS_CLEARING (std material), Cr CONV_ALLOCATED (std conversion)",
    sale: "Dr COGS, Cr FG",
  },
  sale: {
    purchase: "nothing",
    completion: "nothing",
    sale: "Dr COGS, Cr MATERIALS_CLEARING (std material), Cr CONV_ALLOCATED (std conversion)",
  },
};

describe("taskpane: the picture of a trigger sequence", () => {
  for (const sequence of TRIGGER_SEQUENCES) {
    it(`shows DOMAIN.md's entries for ${sequence}`, () => {
      for (const at of ["purchase", "completion", "sale"] as const) assert.equal(written(entriesAt(sequence, at)), TABLE[sequence][at], `${sequence} at ${at}`);
    });
  }
});

describe("taskpane: the period end's supplier invoices in the picture", () => {
  it("are booked at the period end exactly where no purchase is booked as it comes (the engine's rules)", () => {
    assert.deepEqual(
      TRIGGER_SEQUENCES.filter((s) => invoicesAtPeriodEnd(s)),
      TRIGGER_SEQUENCES.filter((s) => TABLE[s].purchase === "nothing"),
    );
    assert.deepEqual(TRIGGER_SEQUENCES.filter(invoicesAtPeriodEnd), ["completion-sale", "sale"]);
  });
});
