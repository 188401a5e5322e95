import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlaygroundServer, PLAYGROUND_CSP } from '../../src/node/playgroundServer.js';

const root = fileURLToPath(new URL('../../dist/playground-app/', import.meta.url));
const server = createPlaygroundServer(root);
let port = 0;

/** A raw GET: the path is sent exactly as written (no client-side normalization of ../). */
function get(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
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

describe('gradlab playground (the command)', () => {
  it('binds to 127.0.0.1, prints the URL, and serves the page', async () => {
    const { spawn } = await import('node:child_process');
    const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
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
    } finally {
      child.kill();
    }
  });
});
