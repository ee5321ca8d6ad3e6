import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

const eslint = new ESLint({ cwd: REPO_ROOT });
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` }))[0].messages.map((m) => m.message);

describe('layering lint', () => {
  it('refuses node, electron and DOM in shared/', async () => {
    expect(await lint('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([
      expect.stringMatching(/shared\/ is pure/),
    ]);
    expect(await lint('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lint('shared/x.ts', 'export const w = window.innerWidth;\n')).toHaveLength(1);
  });

  it('refuses electron and node in renderer/', async () => {
    expect(await lint('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.tsx', 'export const A = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />;\n')).toHaveLength(1);
  });

  it('keeps electron out of the data core', async () => {
    expect(await lint('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lint('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('passes on the whole code base', async () => {
    const results = await eslint.lintFiles(['shared', 'electron', 'renderer/src']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
  });
});
