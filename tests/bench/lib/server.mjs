/**
 * A tiny static server for the benchmark, on 127.0.0.1 only: it serves one folder of saved
 * pages as UTF-8 and nothing else. Pages' external resources never reach it (the browser is
 * pointed at a dead proxy, see browser.mjs), so every page loads from this folder alone.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Resolves a request path inside `dir`, or undefined when it would leave it. */
function fileFor(dir, urlPath) {
  const file = normalize(join(dir, decodeURIComponent(urlPath)));
  return file.startsWith(dir) ? file : undefined;
}

/** Starts serving `dir`; resolves to `{ origin, close() }`. */
export async function startStaticServer(dir) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = fileFor(dir, path);
    try {
      if (!file || req.method !== "GET") throw new Error("refused");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not served");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
