/** A message bar with one text: the pane's way of saying what happened. */
import type { ReactNode } from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";

export function Alert({ intent, children }: { intent: "info" | "success" | "warning" | "error"; children: ReactNode }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
