/** A message bar with one text: the pane's way of saying what happened. */
import type { ReactNode, Ref } from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useStepStyles } from "./styles";

export interface AlertProps {
  intent: "info" | "success" | "warning" | "error";
  children: ReactNode;
  /** Makes the bar a place the focus can be moved to (the outcome of a check or a run; see useOutcomeFocus). */
  focusRef?: Ref<HTMLDivElement>;
}

export function Alert({ intent, children, focusRef }: AlertProps) {
  const styles = useStepStyles();
  return (
    <MessageBar intent={intent} layout="multiline" {...(focusRef ? { ref: focusRef, tabIndex: -1, className: styles.focusTarget } : {})}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
