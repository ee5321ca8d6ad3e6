// A user pattern with catastrophic backtracking never freezes the API: on a real-size
// (100,000-character) article it runs out of its time, is skipped there with a message naming it,
// and every other source still answers. The core runs in its worker thread, as in the app, so that
// this test's clock keeps running even if a pattern does hang the core (it fails, it does not hang).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../electron/services/app/core-host';
import type { ApiOutput, Channel } from '../../../shared/api/index';
import type { JobStatus } from '../../../shared/api/jobs';
import type { PreannotateReport } from '../../../shared/api/suggestions';
import { addDocument, testCore, type TestCore } from '../helpers';

/** Far above the pattern's own limit (1–2 s), far below "hangs". */
const DEADLINE_MS = 30_000;

const SENTENCE = '市委书记蔡奇主持会议，强调做到“两个维护”，推进温榆河公园建设。';
// One long run of Han characters without punctuation: where (\p{Script=Han}+)+。$ backtracks 2^n times.
const LONG_RUN = '北京市东城区西城区朝阳区海淀区丰台区石景山区门头沟区房山区通州区顺义区昌平区';
/** A real-size article: 100,000 characters. */
function article(): string {
  const body = `${SENTENCE.repeat(Math.floor(98_000 / SENTENCE.length))}${LONG_RUN}${'a'.repeat(40)}！`;
  return body + '经济社会发展'.repeat(Math.ceil((100_000 - body.length) / 6)).slice(0, 100_000 - body.length);
}

const BAD = [
  { name: '嵌套重复 Nested', regex: '(\\p{Script=Han}+)+。$', labelKey: 'SLOGAN' },
  { name: 'Classic (a+)+$', regex: '(a+)+$', labelKey: 'TARGET' },
];

let setup: TestCore;
let host: CoreHost;
let doc: number;
let small: number;

function withDeadline<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${DEADLINE_MS} ms: a pattern froze the core`)), DEADLINE_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function call<K extends Channel>(channel: K, input: unknown): Promise<ApiOutput<K>> {
  const result = await withDeadline(channel, host.dispatch(channel, input));
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value as ApiOutput<K>;
}

beforeAll(async () => {
  setup = testCore();
  const text = article();
  expect(text.length).toBe(100_000);
  doc = addDocument(setup, text, '长文');
  small = addDocument(setup, SENTENCE, '短文');
  const person = (await setup.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  await setup.call('annotations:create', { documentId: small, start: 4, end: 6, labelId: person });
  for (const pattern of BAD) await setup.call('patterns:create', pattern);
  setup.session.close();
  ({ host } = await CoreHost.start({
    options: { mode: 'browser', userDataDir: join(setup.dir, 'user') },
    startup: { project: setup.projectPath },
  }));
}, 60_000);

afterAll(async () => {
  await host?.dispose();
  setup?.dispose();
});

describe('a user pattern that backtracks without end', () => {
  it('suggestions:forDocument answers the other sources; patterns:list names the skipped patterns for that document', async () => {
    const found = await call('suggestions:forDocument', { documentId: doc });
    const kinds = new Set(found.map((s) => `${s.source}:${s.text}`));
    expect(kinds).toContain('dictionary:蔡奇');
    expect(kinds).toContain('pattern:“两个维护”');
    const patterns = await call('patterns:list', { documentId: doc });
    const timedOut = patterns.filter((p) => p.timedOut).map((p) => [p.name, p.timedOut]);
    expect(timedOut).toEqual(BAD.map((b) => [b.name, expect.stringMatching(new RegExp(`${b.name.replace(/[()+$]/g, '\\$&')}.*ran past its .* s limit`))]));
    // Without a document, or in a document where they finish, no pattern says so.
    expect((await call('patterns:list', {})).some((p) => 'timedOut' in p)).toBe(false);
    expect((await call('patterns:list', { documentId: small })).some((p) => p.timedOut)).toBe(false);
  }, 60_000);

  it('patterns:test answers the time limit as the pattern’s error', async () => {
    const tried = await call('patterns:test', { regex: BAD[0]!.regex, documentId: doc });
    expect(tried).toEqual({ hits: [], error: expect.stringMatching(/\(\\p\{Script=Han\}\+\)\+。\$.*ran past its .* s limit/) });
  }, 60_000);

  it('pre-annotation finishes, writes the other sources’ spans and names the skipped patterns in its report', async () => {
    const { jobId } = await call('suggestions:preannotate', { sources: ['dictionary', 'pattern'], documentIds: [doc, small], acceptAbove: 0.9 });
    let status: JobStatus;
    for (;;) {
      status = await call('jobs:get', { jobId });
      if (status.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status.error ?? null).toBeNull();
    const report = status.result as PreannotateReport;
    expect(report.documents).toBe(2);
    expect(report.bySource.map((s) => s.source).sort()).toEqual(['dictionary', 'pattern']);
    expect(report.skippedPatterns.map((p) => [p.name, p.documents])).toEqual(BAD.map((b) => [b.name, 2]));
    expect(report.skippedPatterns[0]!.message).toMatch(/ran past its .* s limit/);
  }, 90_000);
});
