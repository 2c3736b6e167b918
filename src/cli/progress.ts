/**
 * A progress bar on stderr, for runs long enough to need one. It is drawn only
 * on an interactive terminal (never into a pipe, a CI log or --json output),
 * and only once a run has taken longer than `delayMs`, so quick runs print
 * nothing. The job's steps report how far along they are; within a step the
 * bar creeps towards the next step's start, so a long step still shows life.
 */
export interface ProgressClock {
  now(): number;
}

const WIDTH = 24;

export class Progress {
  private readonly started: number;
  private stageStart = 0;
  private stageEnd = 0;
  private stageBegan = 0;
  private label = "";
  private drawn = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly write: (text: string) => void,
    private readonly enabled: boolean,
    private readonly clock: ProgressClock = Date,
    private readonly delayMs = 400,
  ) {
    this.started = clock.now();
    if (enabled) {
      this.timer = setInterval(() => this.tick(), 100);
      this.timer.unref();
    }
  }

  /** A step that runs from `from` to `to` (fractions of the whole run). */
  step(label: string, from: number, to: number): void {
    this.label = label;
    this.stageStart = from;
    this.stageEnd = to;
    this.stageBegan = this.clock.now();
    this.tick();
  }

  /** Redraws the bar when it is due. */
  tick(): void {
    if (!this.enabled) return;
    const now = this.clock.now();
    if (now - this.started < this.delayMs) return;
    // Half of the step's span in the first second, three quarters in two, never all of it.
    const creep = 1 - Math.pow(0.5, (now - this.stageBegan) / 1000);
    const fraction = this.stageStart + (this.stageEnd - this.stageStart) * creep;
    const filled = Math.round(fraction * WIDTH);
    this.write(`\r[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${this.label}\x1b[K`);
    this.drawn = true;
  }

  /** Stops and clears the bar, so that what follows starts on a clean line. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.write("\r\x1b[K");
    this.drawn = false;
  }
}
