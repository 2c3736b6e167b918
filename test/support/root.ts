/**
 * The project's folder, found from wherever the calling module runs: the
 * bench runs bundled under node_modules/.cache, where `__dirname` is not the
 * source's folder.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "webpack.config.js")) && existsSync(join(dir, "package.json")) && existsSync(join(dir, "bin", "backflush.js"))) return dir;
    if (dirname(dir) === dir) throw new Error(`the project's folder is not above ${from}`);
  }
}
