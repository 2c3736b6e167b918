/**
 * The project's folder, found from wherever the calling module runs: the
 * bench runs bundled under node_modules/.cache, where `__dirname` is not the
 * source's folder.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";

export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "webpack.config.js")) && existsSync(join(dir, "package.json")) && existsSync(join(dir, "bin", "backflush.js"))) return dir;
    if (dirname(dir) === dir) throw new Error(`the project's folder is not above ${from}`);
  }
}

/**
 * The team's shared material (`../shared` beside the project: DOMAIN.md, the
 * real workbooks). A clone made elsewhere from a local repository finds it
 * beside the repository it was cloned from.
 */
export function sharedFolder(...path: string[]): string {
  const root = projectRoot();
  const beside = join(root, "..", "shared", ...path);
  if (existsSync(beside)) return beside;
  const origin = spawnSync("git", ["config", "--get", "remote.origin.url"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const fromOrigin = origin && isAbsolute(origin) ? join(origin, "..", "shared", ...path) : undefined;
  return fromOrigin && existsSync(fromOrigin) ? fromOrigin : beside;
}
