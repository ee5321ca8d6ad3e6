import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server';
import { testCore, type TestCore } from '../helpers';

let core: TestCore;
let server: BrowserServer;

// Raw requests, because fetch will not let a test forge Host headers.
function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const apiHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-biaozhu-token': server.token,
  host: `127.0.0.1:${server.port}`,
  ...extra,
});

beforeAll(async () => {
  core = testCore();
  const rendererDir = join(core.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Biaozhu</title>');
  writeFileSync(join(core.dir, 'secret.txt'), 'secret');
  server = await startBrowserServer({ registry: core.registry, rendererDir });
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

describe('browser-mode server', () => {
  it('binds to 127.0.0.1 and serves the same handlers as the desktop app', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const response = await raw('/api/labels:list', { method: 'POST', headers: apiHeaders(), body: '{}' });
    expect(response.status).toBe(200);
    const result = JSON.parse(response.body);
    expect(result.ok).toBe(true);
    expect(result.value.map((l: { key: string }) => l.key)).toEqual(['PERSON', 'SLOGAN', 'PROJECT', 'TARGET']);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    expect((await raw('/api/labels:list', { method: 'POST', headers: apiHeaders({ 'x-biaozhu-token': '' }), body: '{}' })).status).toBe(401);
    expect((await raw('/api/labels:list', { method: 'POST', headers: apiHeaders({ 'x-biaozhu-token': 'f'.repeat(48) }), body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (other web pages)', async () => {
    expect((await raw('/api/labels:list', { method: 'POST', headers: apiHeaders({ host: `evil.example:${server.port}` }), body: '{}' })).status).toBe(403);
    expect((await raw('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await raw('/api/labels:list', { method: 'POST', headers: apiHeaders({ origin: 'http://evil.example' }), body: '{}' })).status).toBe(403);
    const sameOrigin = await raw('/api/labels:list', { method: 'POST', headers: apiHeaders({ origin: `http://127.0.0.1:${server.port}` }), body: '{}' });
    expect(sameOrigin.status).toBe(200);
  });

  it('answers bad requests with clear errors instead of crashing', async () => {
    const notJson = await raw('/api/labels:list', { method: 'POST', headers: apiHeaders(), body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const unknown = JSON.parse((await raw('/api/fs:read', { method: 'POST', headers: apiHeaders(), body: '{}' })).body);
    expect(unknown.error.code).toBe('unknown_channel');
    expect((await raw('/api/labels:list', { headers: apiHeaders() })).status).toBe(405);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const index = await raw('/', { headers: { host: `127.0.0.1:${server.port}` } });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Biaozhu</title>');
    const traversal = await raw('/..%2Fsecret.txt', { headers: { host: `127.0.0.1:${server.port}` } });
    expect(traversal.body).not.toContain('secret');
  });
});
