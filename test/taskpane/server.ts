/** A tiny static file server on 127.0.0.1 for browser tests: GET only, files under one folder. */
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

export interface StaticServer {
  /** "http://127.0.0.1:PORT/" */
  url: string;
  /** Paths asked for, in order. */
  served: string[];
  close(): Promise<void>;
}

export async function serveFolder(root: string): Promise<StaticServer> {
  const served: string[] = [];
  const base = normalize(root + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    served.push(path);
    const file = normalize(join(base, path));
    let isFile = false;
    try {
      isFile = file.startsWith(base) && statSync(file).isFile();
    } catch {
      isFile = false;
    }
    if (req.method !== "GET" || !isFile) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    served,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
