/** A message bar with one text: the pane's way of saying what happened. */
import { useId, type ReactNode, type Ref } from "react";
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
  // Named by its text: Fluent labels the bar by a title this bar does not have, which left the focused outcome a
  // nameless "group" to a screen reader.
  const bodyId = useId();
  return (
    <MessageBar intent={intent} layout="multiline" aria-labelledby={bodyId} {...(focusRef ? { ref: focusRef, tabIndex: -1, className: styles.focusTarget } : {})}>
      <MessageBarBody id={bodyId} className={styles.wrap}>
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}
