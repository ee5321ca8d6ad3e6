// API fuzz: thousands of malformed requests against the real browser-mode server, on a project with
// documents and spans. Zero crashes (the server still answers app:info), zero 5xx, no reset
// connections, and the project byte for byte as it was (rows read with a separate read-only
// connection). Only malformed requests are generated: each one is checked against the server's own
// rules (URL, channel, JSON, the channel's zod schema) and dropped if a handler would run it.
// Seeded: BIAOZHU_FUZZ_SEED=<n> replays a run; the seed is printed.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../../electron/server/browser-server';
import { apiInputs, type Channel } from '../../../shared/api/index';
import { addDocument, testCore, type TestCore } from '../helpers';
import { Rng } from '../../../bench/corpus/rng';

const REQUESTS = 5_000;
const MAX_BODY = 64 * 1024;
const SECRET = 'fuzz-secret-outside-the-renderer';
const SEED = Number(process.env.BIAOZHU_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

let core: TestCore;
let server: BrowserServer;
let agent: Agent;
const ids = { documents: [] as number[], annotations: [] as number[], labels: [] as number[] };

/** The benches' seeded generator, with int(n) in [0, n). */
function prng(seed: number) {
  const rng = new Rng(seed);
  return { next: () => rng.next(), int: (n: number) => rng.int(0, n - 1), pick: <T>(list: readonly T[]): T => rng.pick(list) };
}
type Fuzzer = ReturnType<typeof prng>;

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
  /** Statuses this kind must get; any non-5xx when absent. */
  expect?: number[];
}

/** Would the server hand this request to a handler? Mirrors browser-server.ts and the registry. */
function wouldAct(r: FuzzRequest): boolean {
  let url: URL;
  try {
    url = new URL(r.path, 'http://127.0.0.1');
  } catch {
    return false;
  }
  if (!url.pathname.startsWith('/api/')) return false;
  let channel: string;
  try {
    channel = decodeURIComponent(url.pathname.slice('/api/'.length));
  } catch {
    return false;
  }
  if (!Object.prototype.hasOwnProperty.call(apiInputs, channel)) return false;
  let payload: unknown;
  try {
    payload = JSON.parse((r.body ?? Buffer.alloc(0)).toString('utf8') || '{}');
  } catch {
    return false;
  }
  return apiInputs[channel as Channel].safeParse(payload ?? {}).success;
}

const CHANNELS = Object.keys(apiInputs) as Channel[];
const FIELDS = [
  'id',
  'ids',
  'documentId',
  'start',
  'end',
  'labelId',
  'path',
  'name',
  'format',
  'outPath',
  'overwrite',
  'previewId',
  'jobId',
  'key',
  'nameZh',
  'color',
  'hotkey',
  'status',
  'metadata',
  'attributes',
  'reviewState',
  'sources',
  'options',
  'filter',
  'limit',
  'offset',
  'afterId',
  'index',
  'encoding',
  '__proto__',
  'constructor',
];
/** Raw JSON number texts (numbers JSON.stringify cannot write) are spliced in through a marker. */
const RAW = (text: string) => `\u0001RAW${text}\u0001`;
const NASTY: unknown[] = [
  -1,
  0,
  -0.5,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  RAW('1e400'),
  RAW('-1e400'),
  RAW('1e-400'),
  RAW('-0'),
  'NaN',
  'Infinity',
  '1',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '../../../etc/passwd',
  '/proc/self/mem',
  'C:\\\\Windows',
  '%00',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'x'.repeat(5000),
  '标注'.repeat(500),
  null,
  true,
  false,
  [],
  [null],
  [-1, -1],
  {},
  { __proto__: null, polluted: true },
  { toString: 1 },
];

function nasty(rng: Fuzzer, depth = 0): unknown {
  const roll = rng.int(10);
  if (depth < 3 && roll === 0) return Array.from({ length: rng.int(4) }, () => nasty(rng, depth + 1));
  if (depth < 3 && roll === 1) return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.pick(FIELDS), nasty(rng, depth + 1)]));
  if (roll === 2) return rng.int(2 ** 31) * (rng.int(2) ? 1 : -1);
  return rng.pick(NASTY);
}

const bodyOf = (value: unknown): Buffer => Buffer.from(JSON.stringify(value).replace(/"\\u0001RAW(.*?)\\u0001"/g, '$1'), 'utf8');

/** Valid requests of the channels that change the project, to be broken by one mutation each. */
function samples(): Partial<Record<Channel, Record<string, unknown>>> {
  const [d] = ids.documents;
  const [a] = ids.annotations;
  const [l] = ids.labels;
  return {
    'annotations:create': { documentId: d, start: 0, end: 2, labelId: l },
    'annotations:update': { id: a, labelId: l, start: 0, end: 3, reviewState: 'accepted' },
    'annotations:delete': { id: a },
    'history:undo': { documentId: d },
    'history:redo': { documentId: d },
    'documents:update': { id: d, status: 'done' },
    'documents:delete': { ids: [d] },
    'labels:create': { key: 'FUZZ', nameZh: '模糊', nameEn: 'Fuzz', color: '#123456' },
    'labels:update': { id: l, nameZh: '改' },
    'labels:delete': { id: l },
    'labels:reorder': { ids: [...ids.labels].reverse() },
    'projects:create': { path: join(core.dir, 'fuzz-new.biaozhu') },
    'projects:open': { path: core.projectPath },
    'projects:setAnnotator': { name: 'fuzzer' },
    'export:start': { format: 'cluener', outPath: join(core.dir, 'fuzz.json') },
    'import:commit': { previewId: 'abc' },
    'jobs:cancel': { jobId: 'abc' },
  };
}

function mutate(rng: Fuzzer, sample: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = { ...sample };
  const keys = Object.keys(copy);
  switch (rng.int(6)) {
    case 0:
      copy[rng.pick(keys)] = nasty(rng);
      return copy;
    case 1:
      delete copy[rng.pick(keys)];
      return copy;
    case 2:
      copy[rng.pick(FIELDS)] = nasty(rng);
      return copy;
    case 3:
      return [copy];
    case 4:
      return { ...copy, [rng.pick(keys)]: String(copy[rng.pick(keys)]) };
    default:
      return nasty(rng);
  }
}

function nearChannel(rng: Fuzzer): string {
  const name = rng.pick(CHANNELS);
  switch (rng.int(8)) {
    case 0:
      return name.toUpperCase();
    case 1:
      return `${name}${rng.pick(['/', '%20', 's', '%09', '%00', '?', '#x', '..'])}`;
    case 2:
      return name.replace(':', rng.pick(['', '::', '/', '.', '%3A', '%3a', '%EF%BC%9A']));
    case 3:
      return name.slice(0, rng.int(name.length));
    case 4:
      return encodeURIComponent(name).replace(/%/g, rng.pick(['%25', '%']));
    case 5:
      return rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '%', '%zz', '%E4%B8', '%ff%fe', '..%2f..%2fetc%2fpasswd']);
    case 6:
      return Array.from({ length: 1 + rng.int(40) }, () => String.fromCharCode(0x21 + rng.int(0x5e)))
        .join('')
        .replace(/[#?]/g, '');
    default:
      return name;
  }
}

function generate(rng: Fuzzer): FuzzRequest {
  const host = `127.0.0.1:${server.port}`;
  const headers = (extra: Record<string, string> = {}) => ({ host, 'content-type': 'application/json', 'x-biaozhu-token': server.token, ...extra });
  const api = (channel: string) => `/api/${channel}`;
  const all = samples();
  switch (rng.int(12)) {
    case 0: // a near-valid or random channel with a junk body
      return { kind: 'channel', method: 'POST', path: api(nearChannel(rng)), headers: headers(), body: bodyOf(nasty(rng)) };
    case 1:
    case 2: {
      // a real channel, a valid request broken by one mutation
      const channel = rng.pick(Object.keys(all)) as Channel;
      return { kind: 'mutated', method: 'POST', path: api(channel), headers: headers(), body: bodyOf(mutate(rng, all[channel]!)) };
    }
    case 3: // a real channel, a body of the wrong shape entirely
      return { kind: 'wrong-types', method: 'POST', path: api(rng.pick(CHANNELS)), headers: headers(), body: bodyOf(nasty(rng)) };
    case 4: {
      // not JSON, truncated JSON, bad UTF-8, deep nesting
      const valid = bodyOf(all['annotations:create']);
      const depth = 1000 + rng.int(20_000);
      const bodies = [
        Buffer.from(rng.pick(['{oops', '{"id":1,}', "{'id':1}", '{"id":NaN}', '{"id":Infinity}', '[', '"', '{"a":"\\x"}', '{"id":01}', '\u0000'])),
        valid.subarray(0, rng.int(valid.length)),
        Buffer.concat([valid.subarray(0, 5), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), valid.subarray(5)]),
        Buffer.from(Array.from({ length: 1 + rng.int(200) }, () => rng.int(256))),
        Buffer.from(`{"documentId":${'['.repeat(depth)}${']'.repeat(depth)}}`),
        Buffer.from(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      ];
      return { kind: 'bad-body', method: 'POST', path: api(rng.pick(CHANNELS)), headers: headers(), body: rng.pick(bodies) };
    }
    case 5: {
      // over the body limit, with a Content-Length or chunked
      const size = MAX_BODY + 1 + rng.int(MAX_BODY);
      return {
        kind: 'oversized',
        method: 'POST',
        path: api(rng.pick(CHANNELS)),
        headers: headers(),
        body: Buffer.alloc(size, 0x20),
        chunked: rng.int(2) === 0,
        expect: [413],
      };
    }
    case 6: {
      // malformed % escapes in the API path and in static paths
      const bad = rng.pick(['%', '%zz', '%E4%B8', '%C0%AF', '%%', '%u0041', '%ff', 'a%']);
      return rng.int(2)
        ? { kind: 'bad-escape', method: 'POST', path: api(`labels${bad}list`), headers: headers(), body: bodyOf({}), expect: [400] }
        : { kind: 'bad-escape', method: 'GET', path: `/assets/${bad}.js`, headers: { host }, expect: [400] };
    }
    case 7: // wrong methods
      return {
        kind: 'method',
        method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']),
        path: api(rng.pick(CHANNELS)),
        headers: headers(),
        body: undefined,
        expect: [405],
      };
    case 8: {
      // missing or wrong token (HTTP strips spaces around a header value: a padded token is the token)
      const token = rng.pick([
        '',
        'f'.repeat(server.token.length),
        server.token.toUpperCase(),
        server.token.slice(1),
        `${server.token}0`,
        `${server.token},${server.token}`,
      ]);
      const h: Record<string, string> = headers({ 'x-biaozhu-token': token });
      if (token === '') delete h['x-biaozhu-token'];
      // a forged session cookie (the token is not the cookie's secret; another port's name is another server's)
      if (rng.int(2))
        h.cookie = `${rng.pick([`biaozhu_session_${server.port}`, 'biaozhu_session', `biaozhu_session_${server.port + 1}`])}=${rng.pick([server.token, 'f'.repeat(48), ''])}`;
      // the token in the URL lets a page in, not an API call
      const query = rng.int(3) === 0 ? `?token=${server.token}` : '';
      return { kind: 'token', method: 'POST', path: api(rng.pick(CHANNELS)) + query, headers: h, body: bodyOf(all['annotations:delete']), expect: [401] };
    }
    case 9: // foreign Host or Origin, wrong content type
      return rng.pick([
        {
          kind: 'host',
          method: 'POST',
          path: api('annotations:delete'),
          headers: headers({ host: `evil.example:${server.port}` }),
          body: bodyOf({}),
          expect: [403],
        },
        {
          kind: 'origin',
          method: 'POST',
          path: api('annotations:delete'),
          headers: headers({ origin: 'http://evil.example' }),
          body: bodyOf({}),
          expect: [403],
        },
        {
          kind: 'content-type',
          method: 'POST',
          path: api('annotations:delete'),
          headers: headers({ 'content-type': rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) }),
          body: bodyOf({}),
          expect: [415],
        },
      ]);
    case 10: {
      // path traversal for static files
      const up = rng.pick(['..', '%2e%2e', '%2E%2E', '.%2e', '..%2f..', '..\\..', '%2e%2e%5c', '....//', '..%252f', '%c0%ae%c0%ae']);
      const sep = rng.pick(['/', '%2f', '%2F', '\\', '%5c', '//']);
      const depth = 1 + rng.int(5);
      return { kind: 'traversal', method: 'GET', path: `/${Array.from({ length: depth }, () => up).join(sep)}${sep}secret.txt`, headers: { host } };
    }
    default: {
      // bytes that are not UTF-8 (sent as Latin-1) in the path
      const junk = Array.from({ length: 1 + rng.int(12) }, () => String.fromCharCode(0x80 + rng.int(0x80))).join('');
      return { kind: 'path-bytes', method: rng.pick(['GET', 'POST']), path: rng.int(2) ? api(junk) : `/${junk}`, headers: headers(), body: bodyOf({}) };
    }
  }
}

function send(r: FuzzRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...r.headers };
    const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
    if (body && !r.chunked) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port: server.port, path: r.path, method: r.method, headers, agent, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) {
      if (r.chunked) for (let at = 0; at < body.length; at += 16_384) req.write(body.subarray(at, at + 16_384));
      else req.write(body);
    }
    req.end();
  });
}

function digest(): string {
  const db = new Database(core.projectPath, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    for (const table of ['documents', 'document_texts', 'annotations', 'labels', 'attribute_sets', 'project_meta']) {
      hash.update(`${table}\n${JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().all())}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  core = testCore();
  for (let i = 0; i < 6; i++)
    ids.documents.push(addDocument(core, `第${i}篇：朝阳区委书记王灏强调，力争到2025年底完成老旧小区综合整治120个。`, `模糊测试 ${i}`));
  ids.labels = (await core.call('labels:list', {})).map((l) => l.id);
  for (const documentId of ids.documents) {
    for (const [start, end] of [
      [4, 8],
      [6, 8],
      [11, 35],
    ] as const) {
      ids.annotations.push((await core.call('annotations:create', { documentId, start, end, labelId: ids.labels[0]! })).id);
    }
  }
  const rendererDir = join(core.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Biaozhu</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(core.dir, 'secret.txt'), SECRET);
  server = await startBrowserServer({ registry: core.registry, rendererDir, maxBodyBytes: MAX_BODY });
  agent = new Agent({ keepAlive: true, maxSockets: 8 });
});
afterAll(async () => {
  agent?.destroy();
  await server?.close();
  core?.dispose();
});

describe('API fuzz', () => {
  it('a body over the limit gets 413 with a JSON error, a malformed % gets 400, not a reset or a 500', async () => {
    const headers = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-biaozhu-token': server.token };
    for (const chunked of [false, true]) {
      const big = await send({ kind: 'oversized', method: 'POST', path: '/api/labels:list', headers, body: Buffer.alloc(MAX_BODY * 3, 0x20), chunked });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/larger than the limit/) });
    }
    for (const path of ['/api/labels%zzlist', '/api/%E4%B8', '/%', '/assets/%E4%B8.js']) {
      const bad = await send({ kind: 'bad-escape', method: path.startsWith('/api/') ? 'POST' : 'GET', path, headers, body: Buffer.from('{}') });
      expect(bad.status, path).toBe(400);
      expect(JSON.parse(bad.body).error.message).toMatch(/malformed/);
    }
  });

  it(`${REQUESTS} malformed requests: no crash, no 5xx, no reset, the project unchanged`, async () => {
    console.log(`API fuzz seed: ${SEED} (replay with BIAOZHU_FUZZ_SEED=${SEED})`);
    const rng = prng(SEED);
    const before = digest();
    const requests: FuzzRequest[] = [];
    let dropped = 0;
    while (requests.length < REQUESTS) {
      const r = generate(rng);
      if (wouldAct(r)) dropped++;
      else requests.push(r);
    }
    const statuses = new Map<string, number>();
    const failures: string[] = [];
    const describeRequest = (r: FuzzRequest) =>
      `${r.kind} ${r.method} ${r.path.slice(0, 120)} ${(r.body ?? Buffer.alloc(0)).subarray(0, 120).toString('utf8')}`;
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        try {
          const { status, body } = await send(r);
          statuses.set(`${r.kind} ${status}`, (statuses.get(`${r.kind} ${status}`) ?? 0) + 1);
          if (status >= 500) failures.push(`${status} for ${describeRequest(r)}: ${body.slice(0, 200)}`);
          else if (r.expect && !r.expect.includes(status)) failures.push(`${status} (wanted ${r.expect.join('/')}) for ${describeRequest(r)}`);
          if (body.includes(SECRET)) failures.push(`served a file outside the renderer for ${describeRequest(r)}`);
        } catch (error) {
          failures.push(`${(error as Error).message} for ${describeRequest(r)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    console.log(`sent ${requests.length} (dropped ${dropped} that a handler would have run); statuses:`, Object.fromEntries([...statuses].sort()));
    expect(failures.slice(0, 20), `seed ${SEED}`).toEqual([]);
    const info = await core.registry.dispatch('app:info', {});
    expect(info.ok).toBe(true);
    const alive = await send({
      kind: 'alive',
      method: 'POST',
      path: '/api/app:info',
      headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-biaozhu-token': server.token },
      body: Buffer.from('{}'),
    });
    expect(alive.status).toBe(200);
    expect(JSON.parse(alive.body).ok).toBe(true);
    expect(digest(), `seed ${SEED}`).toBe(before);
  });
});
