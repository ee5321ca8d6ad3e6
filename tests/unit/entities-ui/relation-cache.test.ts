// The open document's relation cache (#23, renderer/src/entities/entityState.ts) against a real
// project file: the app's API client is given the core's registry as its bridge (as Electron's
// preload gives it the main process's), and only what a browser provides is stood in for (the
// window's events, frames and idle callbacks, which the test runs itself). Opening asks for the
// relations once idle, not before; the answer is kept; a relation created, deleted or reviewed
// through the cache shows at once; an undo (the history moved) asks again.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Annotation, DocumentDetail } from '../../../shared/model';
import { addDocument, testCore, type TestCore } from '../helpers';

type Modules = {
  EntityState: typeof import('../../../renderer/src/entities/entityState').EntityState;
  DocSession: typeof import('../../../renderer/src/state/docSession').DocSession;
};

let core: TestCore | null = null;
let modules: Modules;
const idle = new Map<number, () => void>();
let nextIdle = 1;

/** Runs the idle callbacks asked for so far (the page has become idle). */
function becomeIdle(): void {
  const due = [...idle.values()];
  idle.clear();
  for (const fn of due) fn();
}

beforeAll(async () => {
  const events = new EventTarget();
  const g = globalThis as Record<string, unknown>;
  g.window = Object.assign(events, {
    setTimeout,
    clearTimeout,
    // The registry of whichever core the test opened, channel by channel, as the preload bridge answers.
    biaozhu: new Proxy({}, { get: (_, channel: string) => (input: unknown) => core!.registry.dispatch(channel as never, input as never) }),
  });
  g.document = Object.assign(new EventTarget(), { visibilityState: 'visible', hasFocus: () => true });
  g.requestAnimationFrame = (fn: () => void) => setTimeout(fn, 0);
  g.requestIdleCallback = (fn: () => void) => {
    idle.set(nextIdle, fn);
    return nextIdle++;
  };
  g.cancelIdleCallback = (id: number) => idle.delete(id);
  const entities = await import('../../../renderer/src/entities/entityState');
  const session = await import('../../../renderer/src/state/docSession');
  modules = { EntityState: entities.EntityState, DocSession: session.DocSession };
});

afterEach(() => {
  core?.dispose();
  core = null;
  idle.clear();
});

const TEXT = '区委书记张延昆强调要增强“四个意识”，到温榆河公园调研。';

async function open() {
  const c = testCore();
  core = c;
  const documentId = addDocument(c, TEXT, 'cache');
  const labels = Object.fromEntries((await c.call('labels:list', {})).map((l) => [l.key, l.id]));
  const span = async (text: string, key: string) => {
    const start = TEXT.indexOf(text);
    return (await c.call('annotations:create', { documentId, start, end: start + text.length, labelId: labels[key] })).id;
  };
  const person = await span('张延昆', 'PERSON');
  const slogan = await span('四个意识', 'SLOGAN');
  const project = await span('温榆河公园', 'PROJECT');
  const proposes = await c.call('relations:create', { documentId, typeKey: '提出', fromId: person, toId: slogan });
  const doc: DocumentDetail = await c.call('documents:get', { id: documentId });
  const annotations: Annotation[] = await c.call('annotations:list', { documentId });
  const session = new modules.DocSession(doc, annotations, { annotator: () => 'root', onError: (m) => expect.fail(m), onDocument: () => undefined });
  const state = new modules.EntityState(session);
  return { c, documentId, person, slogan, project, proposes, session, state };
}

/** Waits until the condition holds (the cache answers asynchronously). */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok(), what).toBe(true);
}

describe('relation cache of the open document', () => {
  test('opening asks for the relations once the page is idle, not before; the first look finds them there', async () => {
    const { state, proposes, person } = await open();
    const cancel = state.prefetchWhenIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect(state.relations).toEqual([]);
    expect(idle.size).toBe(1);
    becomeIdle();
    await until(() => state.relations.length === 1, 'relations fetched when idle');
    expect(state.relations[0].id).toBe(proposes.id);
    expect(state.types.map((t) => t.key)).toContain('提出');
    expect(state.relationsOf(person).map((r) => r.id)).toEqual([proposes.id]);
    // Asked once: a second prefetch (the reader re-attached) asks for nothing more.
    state.prefetchWhenIdle();
    expect(idle.size).toBe(0);
    cancel();
    state.dispose();
  });

  test('a document closed before the page was idle asks for nothing', async () => {
    const { state } = await open();
    const cancel = state.prefetchWhenIdle();
    cancel();
    state.dispose();
    expect(idle.size).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(state.relations).toEqual([]);
  });

  test('created, reviewed and deleted relations show at once; an undo asks again and shows what it restored', async () => {
    const { c, documentId, state, session, person, project, proposes } = await open();
    state.prefetchWhenIdle();
    becomeIdle();
    await until(() => state.relations.length === 1, 'relations fetched when idle');
    const inspects = (await c.call('relationTypes:list', {})).find((t) => t.key === '调研')!;
    const created = await state.createRelation(inspects.id, person, project);
    expect(
      state
        .relationsOf(person)
        .map((r) => r.id)
        .sort(),
    ).toEqual([proposes.id, created.id].sort());
    await state.reviewRelation(created.id, 'accepted');
    expect(state.relations.find((r) => r.id === created.id)?.reviewState).toBe('accepted');
    await state.deleteRelation(created.id);
    expect(state.relations.map((r) => r.id)).toEqual([proposes.id]);
    // Undo of the delete: the history moves and the cache asks again (no refresh called by hand).
    const step = await session.undo();
    expect(step?.relations?.upserted.map((r) => r.id)).toEqual([created.id]);
    await until(() => state.relations.some((r) => r.id === created.id), 'the undone delete brings the relation back');
    expect((await c.call('relations:forDocument', { documentId })).map((r) => r.id).sort()).toEqual(state.relations.map((r) => r.id).sort());
    state.dispose();
    session.dispose();
  });
});
