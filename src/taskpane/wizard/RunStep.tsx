/** Step 4: the run, with a progress bar, then its summary (or the problems that stopped it). */
import { Button, Field, ProgressBar } from "@fluentui/react-components";
import type { WorkbookSession } from "../session";
import { useT } from "../i18n";
import type { WizardController } from "./controller";
import { StepLink } from "./StepLink";
import { ProblemList } from "./ProblemList";
import { Alert } from "./Alert";
import { LedgerDownloads } from "./LedgerDownloads";
import { RunSummary } from "./RunSummary";
import { ReviewSummary } from "./ReviewSummary";
import type { WizardState } from "./state";
import type { RunBlocker } from "./state";
import { canRun, runBlocker, tableAsNamed } from "./state";
import { useOutcomeFocus } from "./outcome";
import { useStepStyles } from "./styles";

function progressText(state: WizardState, t: ReturnType<typeof useT>["t"]): string {
  const at = state.progress?.at;
  if (!at) return "";
  switch (at.phase) {
    case "read":
      // Before the first table is named (and in browser mode, where the run takes the check's reading), the run is starting.
      if (!at.table && !at.name) return t("progress.start");
      return t("progress.read", { name: at.table ? t(`table.${at.table}`) : at.name });
    case "compute":
      return t("progress.compute");
    case "write":
      return t("progress.write");
    case "done":
      return t("progress.done");
  }
}

/** What stands between the user and a run, with a link to the Check step where it is dealt with. */
function RunBlocked({ blocker, controller }: { blocker: RunBlocker; controller: WizardController }) {
  const { t, tn } = useT();
  if (blocker.kind === "unchecked") return <Alert intent="info">{t("run.needsCheck")}</Alert>;
  if (blocker.kind === "checking") return <Alert intent="info">{t("check.busy")}</Alert>;
  return (
    <Alert intent="warning">
      {blocker.kind === "problems" ? tn("run.fixProblems", blocker.count) : t("run.checkStopped")}{" "}
      <StepLink step="check" controller={controller} />
    </Alert>
  );
}

export function RunStep({ state, controller, session }: { state: WizardState; controller: WizardController; session: WorkbookSession }) {
  const tr = useT();
  const { t } = tr;
  const styles = useStepStyles();
  const { run } = state;
  const ready = canRun(state);
  const blocker = runBlocker(state);
  // A finished run takes the focus to its outcome. While it runs the button is disabled but keeps the focus
  // (disabledFocusable): a plain disabled button let it fall to the page, and Tab started again at the top.
  const outcome = useOutcomeFocus<HTMLDivElement>(run.status === "done" || run.status === "failed" ? run : undefined);
  const running = run.status === "busy";
  return (
    <div className={styles.stack}>
      {blocker && <RunBlocked blocker={blocker} controller={controller} />}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!ready && !running} disabledFocusable={running} onClick={() => void controller.run()}>
          {run.status === "done" ? t("run.again") : t("run.start")}
        </Button>
      </div>
      {run.status === "busy" && (
        <Field label={t("progress.label")} validationMessage={progressText(state, t)} validationState="none">
          <ProgressBar value={state.progress?.fraction ?? 0} max={1} thickness="large" />
        </Field>
      )}
      {run.status === "failed" && (
        <Alert intent="error" focusRef={outcome}>
          {t("run.failed", { reason: run.reason(tr) })}
        </Alert>
      )}
      {run.status === "done" && !run.value.ok && <ProblemList report={run.value} state={state} controller={controller} focusRef={outcome} />}
      {run.status === "done" && run.value.ok && <RunSummary report={run.value} session={session} focusRef={outcome} />}
      {run.status === "done" && run.value.ok && <ReviewSummary report={run.value} />}
      {run.status === "done" && run.value.ok && <LedgerDownloads report={run.value} session={session} settingsTable={tableAsNamed(state, "Settings", t)} />}
    </div>
  );
}
