// Annotation timing (#24) through the team loop and recovery: a hand-out carries the coder's own
// timings of its documents, merging brings back the coder's lead times and the larger active time
// (a second merge of the same file adds nothing), and recovering a project keeps both.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverProject } from '../../../electron/services/db/recover';
import { testCore } from '../helpers';
import { cores, disposeCores, openCoderFile, project } from '../coders/team';

afterEach(disposeCores);

const timingRows = (core: ReturnType<typeof project>) =>
  core.session
    .requireDb()
    .prepare(
      `SELECT d.title, an.name AS annotator, t.active_ms AS activeMs, t.done_at IS NOT NULL AS done, t.active_ms_at_done AS atDone
       FROM document_timings t JOIN documents d ON d.id = t.document_id JOIN annotators an ON an.id = t.annotator_id ORDER BY d.title, an.name`,
    )
    .all();

const leadTimes = (core: ReturnType<typeof project>) =>
  core.session
    .requireDb()
    .prepare(
      `SELECT d.title, an.name AS annotator, a.start, a.lead_time_ms AS leadTimeMs FROM annotations a JOIN documents d ON d.id = a.document_id
       JOIN annotators an ON an.id = a.annotator_id ORDER BY d.title, a.start`,
    )
    .all();

describe('hand-out and merge', () => {
  it('the coder file starts from the coder’s own time; merging keeps their lead times and the larger total, once', async () => {
    const main = project(2);
    const [first, second] = (await main.call('documents:list', {})).items.map((d) => d.id).sort((a, b) => a - b);
    // The coder worked on the first document in the project before it was handed out; someone else too.
    await main.call('projects:setAnnotator', { name: '王' });
    await main.call('timing:record', { documentId: first!, sessionId: 'session-before', activeMs: 4000 });
    await main.call('projects:setAnnotator', { name: '李' });
    await main.call('timing:record', { documentId: first!, sessionId: 'session-li-xx', activeMs: 1500 });

    const { files } = await main.call('coders:handout', { annotators: ['王'], outPath: 'team/w' });
    const coder = openCoderFile(files[0]!.path);
    expect(timingRows(coder)).toEqual([{ title: '文章1', annotator: '王', activeMs: 4000, done: 0, atDone: null }]);

    await coder.call('timing:record', { documentId: first!, sessionId: 'session-in-file', activeMs: 2500 });
    await coder.call('annotations:create', { documentId: first!, start: 0, end: 2, labelId: 1, leadTimeMs: 1800 });
    await coder.call('annotations:create', { documentId: first!, start: 4, end: 6, labelId: 1 });
    await coder.call('documents:update', { id: first!, status: 'done' });
    await coder.call('timing:record', { documentId: second!, sessionId: 'session-in-file', activeMs: 900 });
    coder.session.close();

    await main.call('coders:merge', { paths: [files[0]!.path] });
    const expected = [
      { title: '文章1', annotator: '李', activeMs: 1500, done: 0, atDone: null },
      { title: '文章1', annotator: '王', activeMs: 6500, done: 1, atDone: 6500 },
      { title: '文章2', annotator: '王', activeMs: 900, done: 0, atDone: null },
    ];
    expect(timingRows(main)).toEqual(expected);
    expect(leadTimes(main)).toEqual([
      { title: '文章1', annotator: '王', start: 0, leadTimeMs: 1800 },
      { title: '文章1', annotator: '王', start: 4, leadTimeMs: null },
    ]);
    await main.call('coders:merge', { paths: [files[0]!.path] });
    expect(timingRows(main)).toEqual(expected);
  });
});

describe('recovery', () => {
  it('a recovered project keeps lead times and document timings', async () => {
    const core = testCore();
    cores.push(core);
    const doc = (await import('../helpers')).addDocument(core, '市委书记蔡奇调研', 'r');
    await core.call('annotations:create', { documentId: doc, start: 4, end: 6, labelId: 1, leadTimeMs: 2750 });
    await core.call('timing:record', { documentId: doc, sessionId: 'session-rec', activeMs: 12_000 });
    await core.call('documents:update', { id: doc, status: 'done' });
    const before = await core.call('dashboard:timing', {});
    // A timing whose document was lost (as a damaged page loses rows) is dropped and counted as lost.
    const db = core.session.requireDb();
    db.pragma('foreign_keys = OFF');
    db.prepare("INSERT INTO document_timings (document_id, annotator_id, first_opened_at, active_ms) VALUES (999, 1, '2026-12-01T00:00:00.000Z', 5)").run();
    core.session.close();
    const out = join(core.dir, 'recovered.biaozhu');
    const report = recoverProject(core.projectPath, out);
    expect(report.tables.find((t) => t.table === 'document_timings')).toEqual({ table: 'document_timings', copied: 1, lost: 1 });
    const recovered = testCore({ create: false });
    cores.push(recovered);
    recovered.session.open(out);
    expect(await recovered.call('dashboard:timing', {})).toEqual(before);
    expect((await recovered.call('annotations:list', { documentId: doc }))[0]!.leadTimeMs).toBe(2750);
  });
});
