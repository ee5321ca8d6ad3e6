// Browser mode: the session cookie a first visit with the token sets (so a bookmarked or reloaded tab
// keeps working without the token in its URL), and downloads of what an export job wrote.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server';
import type { ExportReport } from '../../../shared/api/export';
import type { JobStatus } from '../../../shared/api/jobs';
import { addDocument, testCore, type TestCore } from '../helpers';

let core: TestCore;
let server: BrowserServer;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers = { host: `127.0.0.1:${server.port}`, ...init.headers };
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const apiCall = (channel: string, headers: Record<string, string>, body = '{}') =>
  raw(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

/** The name=value part of the session cookie the server set. */
function sessionCookie(response: RawResponse): string {
  const setCookie = response.headers['set-cookie'];
  expect(setCookie, 'a Set-Cookie header').toBeDefined();
  return (setCookie as string[])[0]!.split(';')[0]!;
}

async function exportJob(options: Record<string, unknown>): Promise<{ jobId: string; report: ExportReport }> {
  // Every status: the test's documents are still to do.
  const { jobId } = await core.call('export:start', { statuses: ['todo', 'in_progress', 'done', 'reviewed'], ...options } as never);
  const status = (await core.jobs.wait(jobId)) as JobStatus<ExportReport>;
  expect(status.state, status.error ?? '').toBe('done');
  return { jobId, report: status.result! };
}

beforeAll(async () => {
  core = testCore();
  addDocument(core, '北京市海淀区召开会议，张延昆出席。', '海淀');
  addDocument(core, '朝阳区推进“3+1”主导功能建设。', '朝阳');
  const rendererDir = join(core.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Biaozhu</title>');
  server = await startBrowserServer({ registry: core.registry, rendererDir });
});
afterAll(async () => {
  await server.close();
  core.dispose();
});

describe('session cookie', () => {
  it('is set by a first visit with the token: HttpOnly, SameSite=Strict, Path=/', async () => {
    const page = await raw(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    const header = (page.headers['set-cookie'] as string[])[0]!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    // The cookie is not the token: the token in a URL (history, a screenshot) is not the session.
    expect(header).not.toContain(server.token);
  });

  it('alone lets API calls through, as a reloaded tab without ?token= sends them', async () => {
    const cookie = sessionCookie(await raw(`/?token=${server.token}`));
    const response = await apiCall('labels:list', { cookie });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString()).ok).toBe(true);
    expect((await raw('/', { headers: { cookie } })).status).toBe(200);
  });

  it('is not set without the token or with a wrong one', async () => {
    expect((await raw('/')).headers['set-cookie']).toBeUndefined();
    expect((await raw(`/?token=${'f'.repeat(server.token.length)}`)).headers['set-cookie']).toBeUndefined();
  });

  it('leaves calls with neither token nor cookie refused, and a wrong cookie too', async () => {
    expect((await apiCall('labels:list', {})).status).toBe(401);
    const cookie = sessionCookie(await raw(`/?token=${server.token}`));
    const [name, value] = cookie.split('=') as [string, string];
    expect((await apiCall('labels:list', { cookie: `${name}=${'0'.repeat(value.length)}` })).status).toBe(401);
    expect((await apiCall('labels:list', { cookie: `other=${value}` })).status).toBe(401);
  });
});

describe('downloads of exports', () => {
  it('serves a one-file export as itself, with a Content-Disposition naming it', async () => {
    const { jobId, report } = await exportJob({ format: 'cluener', outPath: join(core.dir, '训练集.json') });
    const response = await raw(`/download?job=${jobId}&token=${server.token}`);
    expect(response.status, response.body.toString()).toBe(200);
    expect(String(response.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('训练集.json')}`);
    const { readFileSync } = await import('node:fs');
    expect(response.body.equals(readFileSync(report.files[0]!))).toBe(true);
  });

  it('zips a folder export (brat) so that it opens and holds every file', async () => {
    const { jobId, report } = await exportJob({ format: 'brat', outPath: join(core.dir, 'brat-out') });
    const cookie = sessionCookie(await raw(`/?token=${server.token}`));
    const response = await raw(`/download?job=${jobId}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(String(response.headers['content-disposition'])).toContain('brat-out.zip');
    const entries = unzipSync(new Uint8Array(response.body));
    const names = Object.keys(entries).sort();
    expect(names.length).toBe(report.files.length);
    expect(names.every((name) => name.startsWith('brat-out/'))).toBe(true);
    const txt = names.find((name) => name.endsWith('.txt'))!;
    expect(strFromU8(entries[txt]!), names.join()).toMatch(/区/);
  });

  it('serves nothing that no export job wrote, and nothing without the token or cookie', async () => {
    const { jobId } = await exportJob({ format: 'cluener', outPath: join(core.dir, 'again.json') });
    expect((await raw(`/download?job=${jobId}`)).status).toBe(401);
    expect((await raw(`/download?job=00000000-0000-0000-0000-000000000000&token=${server.token}`)).status).toBe(404);
    expect((await raw(`/download?path=${encodeURIComponent(core.projectPath)}&token=${server.token}`)).status).toBe(400);
    // An import job is not an export.
    const source = { kind: 'bytes', name: 'a.txt', dataBase64: Buffer.from('北京市海淀区').toString('base64') };
    const { jobId: previewJob } = await core.call('import:preview', { sources: [source], options: {} } as never);
    await core.jobs.wait(previewJob);
    expect((await raw(`/download?job=${previewJob}&token=${server.token}`)).status).toBe(404);
  });

  it('says an exported file moved away is gone, instead of sending part of something', async () => {
    const { jobId, report } = await exportJob({ format: 'cluener', outPath: join(core.dir, 'moved.json') });
    rmSync(report.files[0]!);
    const response = await raw(`/download?job=${jobId}&token=${server.token}`);
    expect(response.status).toBe(410);
    expect(JSON.parse(response.body.toString()).error.message).toMatch(/moved\.json is no longer there/);
  });
});
