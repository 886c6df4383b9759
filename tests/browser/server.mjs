// A tiny static file server that answers like GitHub Pages: the site lives under a sub-path
// (`/versus/`), a folder address serves its index.html, a folder without its trailing slash is
// redirected to it, and a missing file gets the site's 404.html with status 404.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/** Serves `root` at http://127.0.0.1:`port``prefix` (prefix starts and ends with `/`). */
export function serve(root, prefix, port) {
  root = resolve(root);
  const server = createServer((request, response) => {
    answer(root, prefix, request, response).catch((error) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => done(server));
  });
}

async function answer(root, prefix, request, response) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    return send(response, request, 405, "text/plain", "method not allowed");
  }
  const { pathname } = new URL(request.url, "http://127.0.0.1");
  if (pathname === prefix.slice(0, -1)) {
    return redirect(response, prefix);
  }
  if (!pathname.startsWith(prefix)) {
    return send(response, request, 404, "text/plain", "outside the site");
  }
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return send(response, request, 400, "text/plain", "bad address");
  }
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) {
    return send(response, request, 404, "text/plain", "outside the site");
  }
  const found = await kind(file);
  if (found === "dir" && !pathname.endsWith("/")) {
    return redirect(response, pathname + "/");
  }
  const path = found === "dir" ? join(file, "index.html") : file;
  if ((await kind(path)) === "file") {
    return send(response, request, 200, typeOf(path), await readFile(path));
  }
  const notFound = join(root, "404.html");
  const body = (await kind(notFound)) === "file" ? await readFile(notFound) : "not found";
  return send(response, request, 404, TYPES[".html"], body);
}

async function kind(path) {
  try {
    const s = await stat(path);
    return s.isDirectory() ? "dir" : s.isFile() ? "file" : null;
  } catch {
    return null;
  }
}

function typeOf(path) {
  return TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

function redirect(response, location) {
  response.writeHead(301, { location });
  response.end();
}

function send(response, request, status, type, body) {
  response.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}
