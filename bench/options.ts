/** What every case is given: sizes (full or --quick), run counts, and where progress goes. */
export interface BenchOptions {
  /** Small sizes for a smoke run: every path runs, the figures mean nothing. */
  quick: boolean;
  /** Measured runs of the engine and growth cases (the best counts); the CLI case takes the best of as many. */
  runs: number;
  /** Unmeasured runs before them (JIT, caches). */
  warmups: number;
  /** Rows the naive reference explodes before its time is extrapolated to the whole table. */
  naiveRows: number;
  /** Folder for the command-line case's workbooks. */
  workDir: string;
  /** Progress lines (stderr), so a long run shows where it is. */
  progress(line: string): void;
}
