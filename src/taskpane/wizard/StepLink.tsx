/** A link back to the wizard step where something is fixed: a pane choice (Method), a table to pick (Data), the problems found (Check). */
import { Link } from "@fluentui/react-components";
import { useT } from "../i18n";
import type { WizardController } from "./controller";

/** The words of a link to each step a message may send the user back to. */
const STEP_LINKS = { data: "check.toData", method: "check.toMethod", check: "run.toCheck" } as const;

/** `choice`: the pane choice a problem is about, marked on the link (data-choice) beside its step (data-step-link); `describedBy`: the id of what the link is about, for screen readers. */
export function StepLink({ step, controller, choice, describedBy }: { step: keyof typeof STEP_LINKS; controller: WizardController; choice?: string; describedBy?: string }) {
  const { t } = useT();
  return (
    <Link as="button" onClick={() => controller.showStep(step)} data-step-link={step} data-choice={choice} aria-describedby={describedBy}>
      {t(STEP_LINKS[step])}
    </Link>
  );
}
