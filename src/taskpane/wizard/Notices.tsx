/** The one-line news of the last thing the user did (an insert, a cell pointed at), read out by screen readers. */
import type { Ref } from "react";
import { useT } from "../i18n";
import { Alert } from "./Alert";
import { shownAddressText, type WizardState } from "./state";

/** `focusRef`: the notice can take the focus (when the control that made it has gone from the page). */
export function Notices({ state, focusRef }: { state: WizardState; focusRef?: Ref<HTMLDivElement> }) {
  const tr = useT();
  const { t } = tr;
  const notice = state.notice;
  let intent: "info" | "success" | "error" = "info";
  let text = "";
  if (notice?.kind === "inserted") {
    intent = "success";
    text = notice.downloaded !== undefined ? t("data.inserted.templateDownloaded", { file: notice.downloaded }) : t(notice.what === "template" ? "data.inserted.template" : "data.inserted.sample");
  } else if (notice?.kind === "insert-failed") {
    intent = "error";
    text = t("data.insertFailed", { reason: notice.reason(tr) });
  } else if (notice?.kind === "cell") {
    text = notice.selected ? t("check.cellSelected", { address: notice.address }) : shownAddressText(tr, notice.address);
  }
  // The live region stays in the page so that each new notice is announced.
  return (
    <div role="status" aria-live="polite">
      {text && (
        <Alert intent={intent} focusRef={focusRef}>
          {text}
        </Alert>
      )}
    </div>
  );
}
