// No function over 80 lines without a reason (issue #19): ESLint's max-lines-per-function holds in the
// app's code (electron/, shared/, renderer/src/, scripts/), not in tests, and a reasoned disable comment lifts it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers';

const eslint = new ESLint({ cwd: REPO_ROOT });

/** A function of `lines` statements, blank lines and comments between them (which do not count). */
const longFunction = (lines: number, before = '') =>
  `${before}export function long() {\n  let n = 0;\n${Array.from({ length: lines }, (_, i) => `\n  // step ${i}\n  n += ${i};`).join('\n')}\n  return n;\n}\n`;

async function lengthErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return result.messages.filter((m) => m.ruleId === 'max-lines-per-function').map((m) => `${m.line}: ${m.message}`);
}

describe('function length', () => {
  it.each(['electron/services/x.ts', 'shared/x.ts', 'renderer/src/x.tsx', 'scripts/x.mjs'])('refuses a function of 90 lines in %s', async (file) => {
    expect(await lengthErrors(file, longFunction(90))).toHaveLength(1);
  });

  it('counts neither blank lines nor comments: 70 statements between 70 comments and blank lines pass', async () => {
    expect(await lengthErrors('shared/x.ts', longFunction(70))).toEqual([]);
  });

  it('leaves tests and benchmarks alone', async () => {
    expect(await lengthErrors('tests/unit/x.test.ts', longFunction(90))).toEqual([]);
    expect(await lengthErrors('bench/x.ts', longFunction(90))).toEqual([]);
  });

  it('is lifted by a disable comment that gives the reason', async () => {
    const reasoned = '// eslint-disable-next-line max-lines-per-function -- one list of statements\n';
    expect(await lengthErrors('shared/x.ts', longFunction(90, reasoned))).toEqual([]);
  });
});
