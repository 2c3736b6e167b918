/** Step 3: the validation results, each problem pointing at its cell, and the suitability report. */
import { Button, Spinner } from "@fluentui/react-components";
import { useT } from "../i18n";
import type { WizardController } from "./controller";
import { StepLink } from "./StepLink";
import { Alert } from "./Alert";
import { useOutcomeFocus } from "./outcome";
import { ProblemList } from "./ProblemList";
import type { WizardState } from "./state";
import { busy } from "./state";
import { useStepStyles } from "./styles";
import { Suitability } from "./Suitability";

export function CheckStep({ state, controller }: { state: WizardState; controller: WizardController }) {
  const tr = useT();
  const { t, tn } = tr;
  const styles = useStepStyles();
  const { check } = state;
  // A finished check takes the focus to what it found (the button that started it is disabled meanwhile).
  const outcome = useOutcomeFocus<HTMLDivElement>(check.status === "done" || check.status === "failed" ? check : undefined);
  return (
    <div className={styles.stack}>
      {check.status === "busy" && <Spinner size="small" label={t("check.busy")} />}
      {check.status === "failed" && (
        <Alert intent="error" focusRef={outcome}>
          {sentence(t("check.failed", { reason: check.reason(tr) }))}
          {check.fixIn && (
            <>
              {" "}
              <StepLink step="method" controller={controller} />
            </>
          )}
        </Alert>
      )}
      {check.status === "done" && !check.value.ok && <ProblemList report={check.value} state={state} controller={controller} focusRef={outcome} />}
      {check.status === "done" && check.value.ok && (
        <>
          <Alert intent="success" focusRef={outcome}>
            {tn("check.ok", check.value.entries)}
            <br />
            {t("check.settings", {
              sequence: t(`seq.${check.value.settings.sequence}`),
              start: check.value.settings.periodStart,
              end: check.value.settings.periodEnd,
              currency: check.value.settings.currency,
            })}
          </Alert>
          <Suitability report={check.value.suitability} />
        </>
      )}
      <div className={styles.row}>
        <Button appearance={check.status === "idle" ? "primary" : "secondary"} disabledFocusable={busy(state)} onClick={() => void controller.check()}>
          {check.status === "idle" ? t("check.start") : t("check.again")}
        </Button>
      </div>
    </div>
  );
}

/** A text ended as a sentence, also where a link to the Method step follows it ("… (.xlsx). Method step"). */
function sentence(text: string): string {
  return /[.!?…]$/.test(text.trimEnd()) ? text : `${text.trimEnd()}.`;
}
