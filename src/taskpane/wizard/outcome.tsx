/**
 * Outcomes for keyboard and screen reader users: the focus moves to the
 * outcome of a check or a run when it arrives, and one live region, always in
 * the page, says it ("No problems found…", "3 problems…", "Done. Debits …").
 */
import { useEffect, useRef } from "react";
import type { RefObject } from "react";
import { useT } from "../i18n";
import type { WizardState } from "./state";
import { useStepStyles } from "./styles";

/**
 * A ref for the element that shows an outcome; the focus moves to it each time
 * `outcome` becomes a new value while the element is shown (not when a step is
 * shown again with an old outcome: then the step's heading has the focus).
 */
export function useOutcomeFocus<T extends HTMLElement>(outcome: object | undefined): RefObject<T | null> {
  const ref = useRef<T>(null);
  const seen = useRef(outcome);
  useEffect(() => {
    if (outcome === seen.current) return;
    seen.current = outcome;
    if (outcome) ref.current?.focus();
  }, [outcome]);
  return ref;
}

/** What the live region says of the state: the last check's or run's outcome, or that one is under way. */
export function useAnnouncement(state: WizardState): string {
  const tr = useT();
  const { t, tn, num } = tr;
  const { check, run } = state;
  switch (run.status) {
    case "busy":
      return t("run.busy");
    case "failed":
      return t("run.failed", { reason: run.reason(tr) });
    case "done": {
      const r = run.value;
      if (!r.ok) return tn("check.problems", r.total);
      return t(r.balanced ? "run.balanced" : "run.unbalanced", { debit: num(r.debit), credit: num(r.credit), currency: r.settings.currency });
    }
    case "idle":
      break;
  }
  switch (check.status) {
    case "busy":
      return t("check.busy");
    case "failed":
      return t("check.failed", { reason: check.reason(tr) });
    case "done":
      return check.value.ok ? tn("check.ok", check.value.entries) : tn("check.problems", check.value.total);
    case "idle":
      return "";
  }
}

/** The wizard's live region: present from the start, so that each new text is announced; seen only by screen readers (the steps show the same). */
export function Announcer({ state }: { state: WizardState }) {
  const styles = useStepStyles();
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={styles.screenReaderOnly} data-testid="announcer">
      {useAnnouncement(state)}
    </div>
  );
}
