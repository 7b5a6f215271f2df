/**
 * The end-to-end tests' web server, on 127.0.0.1 only. It serves:
 * - `/` … the project's fixture pages (tests/fixtures/pages/),
 * - `/corpus/…` the real saved pages of ../shared/corpus/pages/ when present, as UTF-8,
 * - `/article` the shared article rendered as a plain page when present (built at run time;
 *   the article is never copied into the repository),
 * - `/strict-csp.html` the demo page under a strict content security policy.
 * - `/sandboxed.html` the demo page in a CSP sandbox without scripts (as raw-file hosts serve).
 * It is also the browsers' HTTP proxy, so every request a browser makes, to any host,
 * passes here and is recorded; requests for other hosts are refused (the machine is offline
 * anyway) — which is how the tests prove that the extension makes no network requests.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "../..");
export const FIXTURE_PAGES = join(REPO_ROOT, "tests/fixtures/pages");
export const SHARED_DIR = resolve(REPO_ROOT, "../shared");
export const CORPUS_PAGES = join(SHARED_DIR, "corpus/pages");
export const ARTICLE_FILE = join(SHARED_DIR, "article/article.txt");

/** One request that reached the server, directly or as a proxy. */
export interface RecordedRequest {
  method: string;
  /** Absolute URL (for CONNECT: `https://host:port/`). */
  url: string;
  /** True when the server answered it with one of its own pages. */
  served: boolean;
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** Every request seen since start (or since the last `clearRequests`). */
  requests: RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".xhtml": "application/xhtml+xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

/** The shared article as a minimal page: first line as heading, the rest as paragraphs. */
export function renderArticlePage(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const [title = "", ...rest] = lines;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body><article><h1>${escapeHtml(title)}</h1>${rest.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}</article></body></html>`;
}

function sendFile(res: ServerResponse, dir: string, relativePath: string): boolean {
  const file = normalize(join(dir, relativePath));
  if (!file.startsWith(dir) || !existsSync(file)) return false;
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
    return true;
  } catch {
    return false;
  }
}

function serveOwn(path: string, res: ServerResponse): boolean {
  if (path === "/article" && existsSync(ARTICLE_FILE)) {
    res.writeHead(200, { "content-type": TYPES[".html"] });
    res.end(renderArticlePage(readFileSync(ARTICLE_FILE, "utf8")));
    return true;
  }
  if (path.startsWith("/corpus/")) return sendFile(res, CORPUS_PAGES, path.slice("/corpus/".length));
  if (path === "/favicon.ico") {
    res.writeHead(204).end();
    return true;
  }
  if (path === "/slow.js") {
    // A script that holds up the parser of the page that loads it (slow-top.html).
    setTimeout(() => {
      res.writeHead(200, { "content-type": TYPES[".js"] });
      res.end("window.slowScriptRan = true;");
    }, 1_500);
    return true;
  }
  if (path === "/strict-csp.html") {
    // The demo page under a strict content security policy, as many large sites send.
    res.setHeader("content-security-policy", "default-src 'self'; style-src 'self'; script-src 'none'");
    return sendFile(res, FIXTURE_PAGES, "demo.html");
  }
  if (path === "/sandboxed.html") {
    // An opaque origin where the page's own scripts cannot run; extensions still do.
    res.setHeader("content-security-policy", "sandbox");
    return sendFile(res, FIXTURE_PAGES, "demo.html");
  }
  return sendFile(res, FIXTURE_PAGES, path === "/" ? "demo.html" : path);
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  let origin = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A proxied request carries an absolute URL; a direct one only a path.
    const url = new URL(req.url ?? "/", req.url?.startsWith("http") ? undefined : origin);
    const own =
      url.origin === origin || url.hostname === "localhost"
        ? serveOwn(decodeURIComponent(url.pathname), res)
        : false;
    requests.push({ method: req.method ?? "GET", url: url.href, served: own });
    if (!own)
      res.writeHead(url.origin === origin ? 404 : 502, { "content-type": "text/plain" }).end("not served");
  });
  server.on("connect", (req, socket) => {
    requests.push({ method: "CONNECT", url: `https://${req.url ?? "?"}/`, served: false });
    // A browser may reset a refused tunnel before it reads the answer: nothing to report (the
    // request is recorded above), and an unhandled socket error would fail the whole run.
    socket.on("error", () => socket.destroy());
    socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
