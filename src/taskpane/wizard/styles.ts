/** Layout shared by the wizard's steps: one narrow column (the pane is about 320 px wide by default). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useStepStyles = makeStyles({
  stack: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  tight: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  /**
   * A native select or date input as narrow as the pane: its width is otherwise its longest option's ("Standardnamn:
   * Förädlingskostnader") or the date's widest form.
   */
  fitSelect: {
    minWidth: 0,
    maxWidth: "100%",
    "& select, & input": { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" },
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "center",
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  /** A definition's value: under its term, muted, wrapping. */
  definition: {
    margin: 0,
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  /** Long sheet names and addresses wrap instead of widening the pane. */
  wrap: {
    overflowWrap: "anywhere",
  },
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  /** An element the focus is moved to (an outcome): a visible ring when the keyboard is in use. */
  focusTarget: {
    ":focus": { outlineStyle: "none" },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
  /** Read by screen readers, not shown (the live region repeats what the step shows). */
  screenReaderOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
});
