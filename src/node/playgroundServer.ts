import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.wasm', 'application/wasm'],
]);

const ALLOWED_METHODS = 'GET, HEAD';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), or the name localhost: reachable from this machine only. */
export function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  return a === 'localhost' || a === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(a);
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

/**
 * Whether a request's Host header names this server, as Vite's dev server checks it: a web page on
 * another site can make a browser send requests here through a DNS name that resolves to this
 * machine (DNS rebinding), but the Host header then carries that name. Allowed: the bound address or
 * name with the bound port; localhost/127.0.0.1/[::1] when bound to loopback; any IP literal or
 * localhost when bound to all interfaces.
 */
export function isAllowedHost(header: string | undefined, bound: AddressInfo, boundName?: string): boolean {
  if (!header) return false;
  let url: URL;
  try {
    url = new URL(`http://${header}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return false;
  if ((url.port === '' ? 80 : Number(url.port)) !== bound.port) return false;
  const name = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === bound.address.toLowerCase() || name === boundName?.toLowerCase()) return true;
  if (LOOPBACK_NAMES.has(name)) return isLoopback(bound.address) || isWildcard(bound.address);
  return isWildcard(bound.address) && isIP(name) !== 0;
}

/** No outside origin, ever: scripts, workers, styles and data come from this server only. */
export const PLAYGROUND_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
  "form-action 'none'";

/**
 * Cross-origin isolation: the page may then share WebAssembly memory with a helper worker (two threads
 * for large matrix products); every playground asset is same-origin already (PLAYGROUND_CSP), so
 * requiring CORP of cross-origin resources blocks nothing.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The built playground (dist/playground-app), beside this module's folder in dist/ (node/, or the CLI's bin/). */
export function playgroundRoot(): string {
  return fileURLToPath(new URL('../playground-app/', import.meta.url));
}

/**
 * Serves the playground's own files and nothing else: a path that decodes to something outside the
 * root (`/../package.json`, `%2e%2e`, encoded slashes) or a missing file gets 404, a Host header
 * that is not this server 403, a method other than GET/HEAD 405 with `Allow`. `options.host` is the
 * name it was bound with, when that was a name rather than an address.
 */
export function createPlaygroundServer(root = playgroundRoot(), options: { host?: string } = {}): Server {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const headers = {
      'Content-Security-Policy': PLAYGROUND_CSP,
      ...CROSS_ORIGIN_ISOLATION,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    const notFound = () => {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    };
    const bound = server.address() as AddressInfo | null;
    if (!bound || !isAllowedHost(request.headers.host, bound, options.host)) {
      response.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('forbidden: this Host is not the address the playground serves\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: ALLOWED_METHODS });
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
      'Content-Type': TYPES.get(extname(target)) ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') return response.end();
    createReadStream(target).pipe(response);
  });
  return server;
}

/** Listens on host:port; resolves with the bound address, rejects with Node's error (EADDRINUSE …). */
export function listenPlayground(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok(server.address() as AddressInfo);
    });
  });
}
