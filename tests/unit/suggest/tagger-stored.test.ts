// A tagger stored in an older format (#22: version 1 weights were not quantized) or damaged is
// never used and never crashes anything: the model source proposes nothing, the status says
// stale, and the background retrains it into a model that proposes again.
import { afterEach, describe, expect, it } from 'vitest';
import { readModel, writeModel } from '../../../electron/services/db/suggestions';
import { SuggestionModel } from '../../../electron/services/suggest/model';
import { MODEL_VERSION } from '../../../shared/suggest/tagger/model';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
const models: SuggestionModel[] = [];
afterEach(() => {
  models.splice(0).forEach((m) => m.dispose());
  cores.splice(0).forEach((c) => c.dispose());
});

const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '刘伟', '魏小东', '张延昆', '林海涛', '郑立新', '周明远', '宋志刚', '王宁'];

async function trainedProject(): Promise<TestCore> {
  const c = testCore();
  cores.push(c);
  const person = (await c.call('labels:list', {})).find((l) => l.key === 'PERSON')!.id;
  for (let i = 0; i < 12; i++) {
    const name = NAMES[i]!;
    const id = addDocument(c, `市委书记${name}主持会议。`, `doc${i}`);
    await c.call('annotations:create', { documentId: id, start: 4, end: 4 + name.length, labelId: person });
  }
  // Twenty confirmed spans are the least the tagger trains on: a second sentence in eight documents.
  for (let i = 0; i < 8; i++) {
    const name = NAMES[(i + 3) % NAMES.length]!;
    const id = addDocument(c, `区委书记${name}出席。`, `more${i}`);
    await c.call('annotations:create', { documentId: id, start: 4, end: 4 + name.length, labelId: person });
  }
  await c.call('model:train', {});
  for (let i = 0; i < 600 && (await c.call('model:status', {})).state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 100));
  expect((await c.call('model:status', {})).state).toBe('ready');
  return c;
}

/** The stored model's bytes with another version number in their header. */
function withVersion(bytes: Uint8Array, version: number): Uint8Array {
  const copy = bytes.slice();
  const header = new TextDecoder().decode(copy.subarray(8, 40));
  expect(header).toContain(`"version":${MODEL_VERSION}`);
  copy.set(new TextEncoder().encode(header.replace(`"version":${MODEL_VERSION}`, `"version":${version}`)), 8);
  return copy;
}

describe('a stored tagger this version cannot read', () => {
  for (const [what, damage] of [
    ['of the old format (version 1)', (bytes: Uint8Array) => withVersion(bytes, 1)],
    ['cut short', (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 100)],
  ] as const) {
    it(`${what} is ignored, shown stale, and retrained in the background`, async () => {
      const c = await trainedProject();
      const db = c.session.requireWritableDb();
      const doc = addDocument(c, '市委书记赵一鸣主持会议。', 'new');
      const proposals = async () => c.call('suggestions:forDocument', { documentId: doc, sources: ['model'] });
      expect((await proposals()).map((s) => s.text)).toEqual(['赵一鸣']);

      const stored = readModel(db)!;
      writeModel(db, { ...stored, version: 'stored-by-an-older-biaozhu', model: damage(stored.model) });
      expect(await proposals()).toEqual([]);
      expect((await c.call('model:status', {})).state).toBe('stale');

      const background = new SuggestionModel(c.session);
      models.push(background);
      background.startBackground(50);
      for (let i = 0; i < 600 && (await c.call('model:status', {})).version === 'stored-by-an-older-biaozhu'; i++) await new Promise((r) => setTimeout(r, 100));
      await background.idle();
      expect((await c.call('model:status', {})).state).toBe('ready');
      expect((await proposals()).map((s) => s.text)).toEqual(['赵一鸣']);
    }, 90_000);
  }
});
