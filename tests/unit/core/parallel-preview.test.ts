// Several preview workers must give exactly what one worker gives: same files in input order, same
// documents, and an article that two workers both saw marked duplicate once.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitedControl } from '../../../electron/services/app/jobs';
import { mergePreviews, partitionInputs, previewInParallel } from '../../../electron/services/import/parallel-preview';
import { expandSources } from '../../../electron/services/import/sources';
import { createStagingDir, loadStagedFile, removeStagingDir } from '../../../electron/services/import/staging';
import { importOptions } from '../../../shared/api/import';
import { REPO_ROOT, tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('biaozhu-parallel-')));
afterAll(() => cleanup());

describe('partitionInputs', () => {
  it('gives every input to exactly one worker, balancing bytes', () => {
    const sizes = [900, 10, 500, 400, 20, 0, 300];
    const groups = partitionInputs(sizes, 3);
    expect(groups.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const loads = groups.map((g) => g.reduce((n, i) => n + sizes[i], 0));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(900);
    expect(partitionInputs([5], 4)).toEqual([[0]]);
  });
});

describe('previewInParallel', () => {
  it('two workers preview a folder exactly as one does', async () => {
    const folder = join(dir, 'corpus');
    mkdirSync(folder);
    const article = (n: number) => `区委书记王明远到第${n}社区调研“接诉即办”工作。\n\n他强调，要把群众的事办好。`;
    writeFileSync(join(folder, 'a.txt'), article(1));
    copyFileSync(join(REPO_ROOT, 'resources', 'samples', '09-daxing-report.gb18030.txt'), join(folder, 'b-gb18030.txt'));
    writeFileSync(join(folder, 'c-same-as-a.txt'), article(1));
    writeFileSync(join(folder, 'd-empty.txt'), '');
    writeFileSync(join(folder, 'e.jsonl'), [article(3), article(4), article(1)].map((text, i) => JSON.stringify({ text, title: `记录${i}` })).join('\n'));
    writeFileSync(join(folder, 'f.txt'), '市委书记蔡奇到未来科学城调研。');
    writeFileSync(join(folder, 'f.ann'), 'T1\tPERSON 4 6\t蔡奇\n');
    const { inputs } = expandSources([{ kind: 'path', path: folder }]);
    const options = importOptions.parse({});

    const run = async (workers: number) => {
      const stagingDir = createStagingDir();
      try {
        const result = await previewInParallel({ mode: 'preview', projectPath: null, inputs, options, stagingDir }, awaitedControl(), workers);
        return { files: result.files, drafts: result.staged.map((s) => loadStagedFile(s).drafts.map((d) => [d.text, d.spans.length])) };
      } finally {
        removeStagingDir(stagingDir);
      }
    };
    const one = await run(1);
    const two = await run(2);
    expect(two).toEqual(one);
    expect(one.files.map((f) => f.index)).toEqual(one.files.map((_, i) => i));
    expect(one.files.map((f) => f.fileName.split('/').pop())).toEqual(['a.txt', 'b-gb18030.txt', 'c-same-as-a.txt', 'd-empty.txt', 'e.jsonl', 'f.ann']);
    expect(one.files[2].documents[0].duplicate).toBe(true);
    expect(one.files[4].documents.map((d) => d.duplicate)).toEqual([false, false, true]);
    expect(one.files[3].error).toMatch(/empty|no text/);
    expect(one.drafts[5]).toEqual([['市委书记蔡奇到未来科学城调研。', 1]]);
  });

  it('merges worker results back into input order', () => {
    const file = (sourceIndex: number, hash: string) => ({
      file: {
        index: 0,
        fileName: `${sourceIndex}.txt`,
        format: 'txt',
        encoding: 'utf-8',
        encodingConfidence: 1,
        byteLength: 1,
        error: null,
        problems: [],
        documents: [{ title: '', date: null, source: null, charCount: 1, warnings: [], duplicate: false, spanCount: 0 }],
      },
      staged: { path: `${sourceIndex}.v8`, sourceIndex, draftCount: 1, textHashes: [hash] },
    });
    const worker = (...entries: ReturnType<typeof file>[]) => ({
      mode: 'preview' as const,
      files: entries.map((e) => e.file),
      staged: entries.map((e) => e.staged),
    });
    const merged = mergePreviews([worker(file(1, 'x'), file(3, 'y')), worker(file(0, 'y'), file(2, 'x'))]);
    expect(merged.staged.map((s) => s.sourceIndex)).toEqual([0, 1, 2, 3]);
    expect(merged.files.map((f) => [f.index, f.documents[0].duplicate])).toEqual([
      [0, false],
      [1, false],
      [2, true],
      [3, true],
    ]);
  });
});
