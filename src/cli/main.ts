/**
 * The `backflush` command line. `main(argv, io)` parses the arguments, runs a
 * command and returns the exit code (EXIT: 0 done, 1 the data has problems,
 * 2 a file or usage problem, 3 a bug of ours), so tests run it in-process;
 * bin/backflush.js and `npm run demo` call it for real.
 */
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { BACKFLUSH_VERSION } from "../workbook/job";
import type { CliIo } from "./commands";
import { systemErrorWords } from "./file-words";
import { DEMO_OUTPUT, EXIT, SAMPLE_WORKBOOK, UsageError, demoCommand, runCommand, templateCommand } from "./commands";

export type { CliIo } from "./commands";
export { EXIT } from "./commands";

export const HELP = `Backflush ${BACKFLUSH_VERSION}: backflush costing on an Excel workbook.

Usage:
  backflush run INPUT.xlsx -o OUTPUT.xlsx   cost the period; write INPUT plus the result sheets to OUTPUT
  backflush run INPUT.xlsx --in-place       the same, into INPUT itself (after a backup next to it)
  backflush run INPUT.xlsx                  check and cost only; write nothing
  backflush run INPUT.xlsx --opening PREVIOUS-RESULT.xlsx -o OUTPUT.xlsx
                                            open every item and account at a previous run's closing (its Closing sheet)
  backflush run INPUT.xlsx --sie OUT.si --csv OUT.csv [--summary]
                                            also write the journal for your ledger (any of the two, with or without -o)
  backflush template FILE.xlsx              write an empty input workbook with every table, ready to fill
  backflush demo [-o OUTPUT.xlsx]           the bundled sample workbook in, ${DEMO_OUTPUT} out
  backflush help                            this text

Options:
  -o, --output FILE   where to write the result workbook (replaced when it exists)
      --in-place      write into the input workbook; first copies it to NAME.backup-YYYYMMDD-HHMMSS.xlsx
      --json          print one JSON document (journal, balances, variances, warnings, …) instead of the summary
      --sie FILE      write the journal as an SIE 4 file (PC8), for Swedish accounting programs; needs Settings Company
      --csv FILE      write the journal as CSV (UTF-8, one line per journal line)
      --summary       one summary entry for the period instead of every entry (as Settings Posting = summary)
      --opening FILE  open the period at the Closing sheet of FILE, the result of the previous period's run
  -h, --help          this text
  -v, --version       the version

Exit codes: 0 done; 1 the data has errors (each listed with its cell, nothing written);
2 a file or usage problem (wrong arguments, or a file that cannot be read or written);
3 a bug in Backflush (please report it).
The workbook contract (tables, columns, messages) is in docs/workbook.md; the commands in docs/cli.md.
`;

const OPTIONS = {
  output: { type: "string", short: "o" },
  "in-place": { type: "boolean" },
  json: { type: "boolean" },
  sie: { type: "string" },
  csv: { type: "string" },
  summary: { type: "boolean" },
  opening: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The streams whose reader has gone (`backflush … --json | head`): what is still to print is dropped. */
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/** Writes to the stream while it is open; drops the text once it has failed. */
export function writerTo(stream: NodeJS.WritableStream): (text: string) => void {
  return (text) => {
    if (!closedStreams.has(stream) && !(stream as Partial<Writable>).destroyed) stream.write(text);
  };
}

export function processIo(): CliIo {
  return {
    stdout: writerTo(process.stdout),
    stderr: writerTo(process.stderr),
    cwd: process.cwd(),
    interactive: process.stderr.isTTY === true && !process.env.CI,
    now: () => new Date(),
    sampleWorkbook: SAMPLE_WORKBOOK,
  };
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...processIo(), ...io };
  try {
    return await dispatch(argv, cli);
  } catch (e) {
    if (e instanceof UsageError) {
      cli.stderr(`backflush: ${e.message}\n`);
      return EXIT.usage;
    }
    // Anything else is a bug of ours, never the user's data or files: say so, with what a report needs.
    cli.stderr(`backflush: unexpected failure; this is a bug in Backflush, please report it with the lines below.\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.bug;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun "backflush help" for usage.`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    io.stdout(`${BACKFLUSH_VERSION}\n`);
    return EXIT.done;
  }
  if (values.help || command === "help") {
    io.stdout(HELP);
    return EXIT.done;
  }
  if (command === undefined) {
    io.stderr(HELP);
    return EXIT.usage;
  }
  const usage = (message: string) => new UsageError(`${message}\nRun "backflush help" for usage.`);
  const refuse = (...names: (keyof typeof OPTIONS)[]) => {
    for (const n of names) if (values[n] !== undefined) throw usage(`${command} takes no --${n}`);
  };
  switch (command) {
    case "run": {
      if (rest.length !== 1) throw usage(`run takes one input workbook, not ${rest.length === 0 ? "none" : rest.join(" ")}`);
      if (values.output !== undefined && values["in-place"]) throw usage("give either -o OUTPUT.xlsx or --in-place, not both");
      const exports = { sie: values.sie, csv: values.csv, summary: values.summary === true };
      return runCommand(io, { input: rest[0], output: values.output, inPlace: values["in-place"] === true, json: values.json === true, exports, opening: values.opening });
    }
    case "demo": {
      if (rest.length !== 0) throw usage(`demo takes no file names (use -o OUTPUT.xlsx), not ${rest.join(" ")}`);
      refuse("in-place", "sie", "csv", "summary", "opening");
      return demoCommand(io, values.output, values.json === true);
    }
    case "template": {
      if (rest.length !== 1) throw usage("template takes one file name: backflush template FILE.xlsx");
      refuse("output", "in-place", "json", "sie", "csv", "summary", "opening");
      return templateCommand(io, rest[0]);
    }
    default:
      throw usage(`unknown command "${command}"`);
  }
}

/** What a failed output stream may do to the process: tell the user, and set the exit code. */
export interface OutputFailure {
  stderr(text: string): void;
  exitCode(): number | undefined;
  setExitCode(code: number): void;
}

/**
 * A closed stdout or stderr ends our output quietly: Node reports a write to a
 * pipe whose reader has exited (`| head`) as an EPIPE 'error' event, which
 * unhandled would end the process with a stack trace and exit code 1, the code
 * of data problems. The run itself goes on to its end (a save under way
 * finishes or cleans up), and its exit code stands. Any other failure the
 * stream reports leaves the output incomplete: it is said on stderr, and a
 * run that was done exits 2, a file problem.
 */
export function endOutputQuietlyWhenClosed(stream: NodeJS.WritableStream, failure: OutputFailure): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    closedStreams.add(stream);
    // A write after the pipe closed reports the stream destroyed: the same closed pipe.
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
    failure.stderr(`backflush: the output could not be written: ${systemErrorWords(e) ?? "the system refused it"}\n`);
    // The run's own code may be set before or after this: a done run becomes a file problem either way (runFromProcess).
    const code = failure.exitCode();
    if (code === undefined || code === EXIT.done) failure.setExitCode(EXIT.usage);
  });
}

/**
 * Runs the command line for this process: argv from it, exit code set on it.
 * Only bin/backflush.js calls it: the module runs nothing when loaded, since a
 * bundle that holds it (the bench's) would otherwise run a command on its own arguments.
 */
export function runFromProcess(): void {
  const failure: OutputFailure = {
    stderr: writerTo(process.stderr),
    exitCode: () => (typeof process.exitCode === "number" ? process.exitCode : undefined),
    setExitCode: (code) => void (process.exitCode = code),
  };
  endOutputQuietlyWhenClosed(process.stdout, failure);
  endOutputQuietlyWhenClosed(process.stderr, failure);
  void main(process.argv.slice(2)).then((code) => {
    if (process.exitCode === undefined || code !== EXIT.done) process.exitCode = code;
  });
}
