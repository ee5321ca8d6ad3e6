// Layering, enforced: shared/ is pure (no electron, node or DOM); renderer/ never reaches electron
// or node, and reaches the core only through its API client; only electron/ may. The compiler checks types; this checks where code may run.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'net', 'url', 'util', 'stream', 'module'];
const restrict = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];
const NO_HTML = { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Article text is data: never render it as HTML.' };

// The renderer reaches the core only through renderer/src/api/client.ts: no other file may send a
// request of its own or touch the preload bridge (window.biaozhu).
const THROUGH_CLIENT = 'The renderer reaches the core only through renderer/src/api/client.ts (api.call / callOrThrow).';
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'];
const apiBoundary = {
  'no-restricted-globals': ['error', ...NETWORK_GLOBALS.map((name) => ({ name, message: THROUGH_CLIENT }))],
  'no-restricted-properties': [
    'error',
    ...['window', 'globalThis', 'self'].flatMap((object) => NETWORK_GLOBALS.map((property) => ({ object, property, message: THROUGH_CLIENT }))),
    { object: 'navigator', property: 'sendBeacon', message: THROUGH_CLIENT },
  ],
  'no-restricted-syntax': ['error', NO_HTML, { selector: "MemberExpression[property.name='biaozhu']", message: THROUGH_CLIENT }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.cache/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-syntax': ['error', NO_HTML],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'electron/*', 'better-sqlite3', 'react', 'react-dom', 'lexical', '@lexical/*', ...NODE_BUILTINS, '**/electron/**', '**/renderer/**'],
        'shared/ is pure logic used by both sides: no electron, node, DOM or app-layer imports.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': restrict(
        ['electron', 'electron/*', 'better-sqlite3', ...NODE_BUILTINS, '**/electron/**'],
        'renderer/ talks to the core only through the API client; it never imports electron, node or main-process code.',
      ),
      ...apiBoundary,
    },
  },
  {
    // Long functions hide their steps: split them into named pieces, or say why not in an eslint-disable comment.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.ts', 'renderer/src/**/*.tsx', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['renderer/src/api/client.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off', 'no-restricted-syntax': ['error', NO_HTML] },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['electron', 'electron/*', '**/renderer/**'],
        'The data core runs in plain Node: only electron/main and electron/preload may import electron.',
      ),
    },
  },
);
