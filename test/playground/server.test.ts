import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createPlaygroundServer, isAllowedHost, isLoopback, PLAYGROUND_CSP } from '../../src/node/playgroundServer.js';
import { bin } from '../cli/bin.js';

const root = fileURLToPath(new URL('../../dist/playground-app/', import.meta.url));
const server = createPlaygroundServer(root);
let port = 0;

/** A raw request: the path is sent exactly as written (no client-side normalization of ../). */
function get(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('playground server', () => {
  beforeAll(async () => {
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('serves the page with a Content-Security-Policy that allows no outside origin', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('gradlab playground');
    expect(r.headers['content-security-policy']).toBe(PLAYGROUND_CSP);
    expect(PLAYGROUND_CSP).not.toMatch(/https?:|\*/);
  });

  it('refuses paths outside its root with 404, encoded or not', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2e%2e%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/assets/../../package.json',
      '/%2e%2e/%2e%2e/src/index.ts',
      '/nope.js',
      '/%E0%A4%A',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('"name": "gradlab"');
    }
  });
});

describe('playground server: Host check and methods (the issue: it answered any Host header)', () => {
  beforeAll(async () => {
    if (!server.listening) await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });

  it('a request whose Host is another name gets 403 (DNS rebinding), the bound host and localhost 200', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `attacker.localhost.evil:${port}`,
    ])
      expect((await get('/', { headers: { Host: host } })).status, host).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`])
      expect((await get('/', { headers: { Host: host } })).status, host).toBe(200);
  });

  it('405 responses carry Allow: GET, HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await get('/', { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
    }
  });

  it('the Host rule: exact port, loopback names only when bound to loopback, IP literals when bound to all', () => {
    const loop = { address: '127.0.0.1', family: 'IPv4', port: 8765 };
    const all = { address: '0.0.0.0', family: 'IPv4', port: 8765 };
    const lan = { address: '192.168.1.5', family: 'IPv4', port: 8765 };
    expect(isAllowedHost('localhost:8765', loop)).toBe(true);
    expect(isAllowedHost('localhost', loop)).toBe(false);
    expect(isAllowedHost('localhost:8765@evil.example', loop)).toBe(false);
    expect(isAllowedHost('localhost:8765/x', loop)).toBe(false);
    expect(isAllowedHost('192.168.1.5:8765', all)).toBe(true);
    expect(isAllowedHost('evil.example:8765', all)).toBe(false);
    expect(isAllowedHost('localhost:8765', lan)).toBe(false);
    expect(isAllowedHost('192.168.1.5:8765', lan)).toBe(true);
    expect(isAllowedHost('mybox.lan:8765', lan, 'mybox.lan')).toBe(true);
    expect(isAllowedHost(undefined, loop)).toBe(false);
    expect([
      isLoopback('127.0.0.1'),
      isLoopback('::1'),
      isLoopback('127.3.4.5'),
      isLoopback('::ffff:127.0.0.1'),
    ]).toEqual([true, true, true, true]);
    expect([isLoopback('0.0.0.0'), isLoopback('::'), isLoopback('192.168.1.5')]).toEqual([false, false, false]);
  });
});

describe('gradlab playground (the command)', () => {
  it('binds to 127.0.0.1, prints the URL, and serves the built app (found from the bundled binary)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'playground', '--port', '38765'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let text = '';
        child.stdout.on('data', (c) => {
          text += c;
          const m = text.match(/http:\/\/127\.0\.0\.1:38765\//);
          if (m) ok(m[0]);
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}`)));
      });
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await response.text()).toBe(readFileSync(`${root}index.html`, 'utf8'));
    } finally {
      child.kill();
    }
  });

  /** Runs `gradlab playground` until it prints its URL (or exits); returns what it said. */
  async function startCli(
    args: string[],
  ): Promise<{ url: string | null; code: number | null; stderr: () => string; stop: () => void }> {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'playground', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    return new Promise((ok) => {
      let text = '';
      child.stdout.on('data', (c) => {
        text += c;
        const m = text.match(/http:\/\/\S+\//);
        if (m) ok({ url: m[0], code: null, stderr: () => stderr, stop: () => child.kill() });
      });
      child.on('close', (code) => ok({ url: null, code, stderr: () => stderr, stop: () => {} }));
    });
  }

  it('a busy --port is one line naming the flag, exit 1 (the issue: EADDRINUSE stack trace)', async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const busy = (blocker.address() as AddressInfo).port;
    try {
      const r = await startCli(['--port', String(busy)]);
      r.stop();
      expect(r.code).toBe(1);
      expect(r.stderr().trim().split('\n')).toEqual([
        `gradlab: ArgumentError: --port ${busy}: cannot listen on 127.0.0.1:${busy}: address already in use (EADDRINUSE)`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('an unresolvable --host is one line naming the flag, exit 1', async () => {
    const r = await startCli(['--host', 'no-such-host.invalid', '--port', '0']);
    r.stop();
    expect(r.code).toBe(1);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
    expect(r.stderr()).toMatch(
      /^gradlab: ArgumentError: --host no-such-host\.invalid: cannot listen on .*\((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it('binding beyond loopback warns on stderr; 127.0.0.1 does not', async () => {
    const wide = await startCli(['--host', '0.0.0.0', '--port', '0']);
    try {
      expect(wide.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
      // stderr and stdout are separate pipes: wait for the warning's line to arrive
      while (!wide.stderr().includes('\n')) await new Promise((ok) => setTimeout(ok, 10));
      expect(wide.stderr()).toMatch(/^gradlab: warning: listening on 0\.0\.0\.0, beyond this machine/);
      // bound to all interfaces, the loopback address by number is this server
      expect((await fetch(wide.url!.replace('0.0.0.0', '127.0.0.1'))).status).toBe(200);
    } finally {
      wide.stop();
    }
    const local = await startCli(['--port', '0']);
    try {
      expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(local.stderr()).toBe('');
    } finally {
      local.stop();
    }
  });
});
