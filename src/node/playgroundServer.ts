import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** No outside origin, ever: scripts, workers, styles and data come from this server only. */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The built playground (dist/playground-app), beside this module's folder in dist/. */
export function playgroundRoot(): string {
  return fileURLToPath(new URL('../playground-app/', import.meta.url));
}

/**
 * Serves the playground's own files and nothing else: a path that decodes to something outside the
 * root (`/../package.json`, `%2e%2e`, encoded slashes) or a missing file gets 404.
 */
export function createPlaygroundServer(root = playgroundRoot()): Server {
  const base = resolve(root);
  return createServer((request, response) => {
    const headers = {
      'Content-Security-Policy': PLAYGROUND_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    const notFound = () => {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers);
      response.end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return notFound();
    }
    if (path.includes('\0') || path.includes('\\')) return notFound();
    const file = resolve(base, normalize(`.${path}`));
    if (file !== base && !file.startsWith(base + sep)) return notFound();
    const target = existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
    if (!existsSync(target) || !statSync(target).isFile()) return notFound();
    response.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') return response.end();
    createReadStream(target).pipe(response);
  });
}
