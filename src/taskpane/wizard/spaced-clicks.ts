/** Download buttons that save one file for a double click, not two. */
import { useRef } from "react";

/** Clicks on one button closer together than this are one click. */
const DOUBLE_CLICK_MS = 1000;

/**
 * `spaced(key, action)`: a click handler running `action`, except for a click
 * on the same button (`key`) within a second of the last: the browser saves a
 * download once per click, and renames the second "… (1)".
 */
export function useSpacedClicks(): (key: string, action: () => void) => () => void {
  const last = useRef(new Map<string, number>());
  return (key, action) => () => {
    const now = performance.now();
    const before = last.current.get(key);
    if (before !== undefined && now - before < DOUBLE_CLICK_MS) return;
    last.current.set(key, now);
    action();
  };
}
