/**
 * The problems a list of at most `cap` shows, in the order they come: every
 * table's first ones, the cap shared equally among the tables (one with
 * fewer leaves the rest of its share to the others), so that a table with
 * hundreds of bad rows does not hide another's one problem.
 */
export function problemsShown<P extends { table?: string }>(problems: readonly P[], cap: number): P[] {
  if (problems.length <= cap) return [...problems];
  const counts = new Map<string | undefined, number>();
  for (const p of problems) counts.set(p.table, (counts.get(p.table) ?? 0) + 1);
  // Fill the smallest first: each table takes its count or an equal share of what is left, whichever is less.
  const share = new Map<string | undefined, number>();
  let left = cap;
  const bySize = [...counts].sort((a, b) => a[1] - b[1]);
  bySize.forEach(([table, count], i) => {
    const take = Math.min(count, Math.floor(left / (bySize.length - i)));
    share.set(table, take);
    left -= take;
  });
  const taken = new Map<string | undefined, number>();
  return problems.filter((p) => {
    const n = taken.get(p.table) ?? 0;
    taken.set(p.table, n + 1);
    return n < share.get(p.table)!;
  });
}
