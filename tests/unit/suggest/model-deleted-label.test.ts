// A stored tagger whose label was deleted since (#22, bad input): suggestions:forDocument still
// answers — without the model's proposals of that label — and the model is stale (to be retrained).
import { afterEach, expect, test } from 'vitest';
import { addDocument, testCore, type TestCore } from '../helpers';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));

const NAMES = ['蔡奇', '殷勇', '陈吉宁', '尹力', '刘伟', '魏小东', '张延昆', '林海涛', '郑立新', '周明远', '宋志刚', '王宁'];

async function trained(c: TestCore): Promise<void> {
  await c.call('model:train', {});
  for (let i = 0; i < 600; i++) {
    if ((await c.call('model:status', {})).state === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the tagger did not finish training');
}

test('deleting a label the model knows: forDocument answers without its proposals, no crash, the model is stale', async () => {
  const c = testCore();
  cores.push(c);
  const labels = await c.call('labels:list', {});
  const person = labels.find((l) => l.key === 'PERSON')!.id;
  for (const [i, name] of NAMES.entries()) {
    const other = NAMES[(i + 5) % NAMES.length]!;
    const text = `市委书记${name}主持会议。区委书记${other}出席并讲话。`;
    const id = addDocument(c, text, `doc${i}`);
    await c.call('annotations:create', { documentId: id, start: 4, end: 4 + name.length, labelId: person });
    const at = text.indexOf(other, 6);
    await c.call('annotations:create', { documentId: id, start: at, end: at + other.length, labelId: person });
  }
  await trained(c);
  const doc = addDocument(c, '市委书记赵一鸣主持会议，强调做到“两个维护”。', 'new');
  const before = await c.call('suggestions:forDocument', { documentId: doc });
  expect(before.filter((s) => s.source === 'model').map((s) => [s.text, s.labelId])).toEqual([['赵一鸣', person]]);

  // A label with spans cannot be deleted: its spans go first, as a user would remove them.
  for (const { id } of (await c.call('documents:list', {})).items)
    for (const span of await c.call('annotations:list', { documentId: id })) await c.call('annotations:delete', { id: span.id });
  await c.call('labels:delete', { id: person });
  const after = await c.call('suggestions:forDocument', { documentId: doc });
  expect(after.filter((s) => s.source === 'model')).toEqual([]);
  expect(after.some((s) => s.labelId === person)).toBe(false);
  // The other sources still answer.
  expect(after.map((s) => [s.source, s.text])).toContainEqual(['pattern', '“两个维护”']);
  expect((await c.call('model:status', {})).state).toBe('stale');
}, 90_000);
