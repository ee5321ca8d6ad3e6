// The renderer reaches the core only through renderer/src/api/client.ts (issue #19): ESLint
// refuses fetch, XMLHttpRequest, sockets, beacons and the preload bridge anywhere else in renderer/src.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => /api\/client\.ts/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
}

const WAYS_AROUND = [
  "await fetch('/api/documents:list', { method: 'POST' });",
  "await window.fetch('/api/x');",
  "await globalThis.fetch('/api/x');",
  'new XMLHttpRequest();',
  "new WebSocket('ws://127.0.0.1');",
  "new EventSource('/events');",
  "navigator.sendBeacon('/api/x');",
  'await window.biaozhu?.["annotations:list"]({ documentId: 1 });',
  'const bridge = (window as unknown as { biaozhu: unknown }).biaozhu;',
];

describe('renderer API boundary', () => {
  it.each(WAYS_AROUND)(
    'refuses %s outside the API client',
    async (line) => {
      const errors = await boundaryErrors(`export async function probe() {\n  ${line}\n}\n`, 'renderer/src/components/Probe.ts');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^2: /);
    },
    30_000,
  );

  it('allows them in renderer/src/api/client.ts, and plain words elsewhere', async () => {
    const code = `export async function probe() {\n  ${WAYS_AROUND.join('\n  ')}\n}\n`;
    expect(await boundaryErrors(code, 'renderer/src/api/client.ts')).toEqual([]);
    expect(
      await boundaryErrors(
        "export const file = 'labels.biaozhu-labels.json';\nexport const fetched = { fetch: 1 }.fetch;\n",
        'renderer/src/components/Probe.ts',
      ),
    ).toEqual([]);
  }, 30_000);
});
