// Every problem an import reports carries a code from one list and its values, and the UI has a zh
// and an en text for each code (so a bad file is explained in the user's language, never by
// showing the importer's English); real bad files of every format produce them.
import { describe, expect, it } from 'vitest';
import { parseExchange, type ExchangeFile, type ExchangeProblem } from '../../../shared/exchange';
import { IMPORT_PROBLEM_CODES, TEXT_PIPELINE_PROBLEM_CODES } from '../../../shared/exchange/problems';
import type { ExportFormat } from '../../../shared/api/export';
import { formatMessage } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/en';
import { zh } from '../../../renderer/src/i18n/zh';
import { problemText } from '../../../renderer/src/i18n/problems';
import { translate } from '../../../renderer/src/i18n/index';

const HAN = /[\u4e00-\u9fff]/;

/** Bad files of each format, together meant to make the parsers report every code they have. */
const BAD_FILES: [ExportFormat, ExchangeFile[]][] = [
  [
    'cluener',
    [
      {
        name: 'c.json',
        text: [
          '{"text": "王明远调研", "label": {"person": {"王明远": [[0, 2]]}}',
          '[1, 2]',
          '{"id": 3}',
          '{"text": "王明远", "label": ["person"]}',
          '{"text": "王明远", "label": {"person": {"王明远": [[0.5, 2]]}}}',
          '{"text": "王明远", "label": {"person": {"王明远": [[-1, 2]]}}}',
          '{"text": "王明远", "label": {"person": {"王明远": [[2, 0]]}}}',
          '{"text": "王明远", "label": {"person": {"王明远": [[0, 9]]}}}',
          '{"text": "王明远", "label": {"person": {"李四": [[0, 1]]}}}',
        ].join('\n'),
      },
    ],
  ],
  ['doccano-jsonl', [{ name: 'd.jsonl', text: '{"text": "王明远", "label": [0, 1]}\n' }]],
  [
    'biaozhu-jsonl',
    [
      {
        name: 'b.jsonl',
        text: [
          '{"text": "王明远", "original_text": "王明遠", "spans": [{"label": ""}, {"label": "PERSON"}, {"label": "PERSON", "start": 0, "end": 9}]}',
          '{"text": "王明远", "offset_map": [0, 3, 0]}',
          '{"text": "王明远", "offset_map": [1, 3, 0, 3]}',
          '{"text": "王明远", "offset_map": [0, 3, 0, 9]}',
          '{"text": "王明远", "offset_map": [0, 2, 0, 2]}',
          '{"text": "𠮷a", "spans": [{"label": "P", "start": 1, "end": 3}, {"label": "P", "start": -1, "end": 1}, {"label": "P", "start": 2, "end": 2}, {"label": "P", "start": "0", "end": 1}]}',
        ].join('\n'),
      },
    ],
  ],
  [
    'biaozhu-jsonl',
    [
      {
        name: 'links.jsonl',
        text: '{"text": "王明远", "spans": [{"id": 1, "label": "P", "start": 0, "end": 3, "entity": 9}], "relations": [{"type": "提出", "from": 1, "to": 5}, {"from": 1}]}\n',
      },
    ],
  ],
  [
    'biaozhu-jsonl',
    [
      {
        name: 'timing.jsonl',
        text: '{"text": "王明远", "spans": [{"label": "P", "start": 0, "end": 3, "lead_time_ms": -1}], "timings": [{"annotator": ""}]}\n',
      },
    ],
  ],
  ['conll-bio', [{ name: 'x.conll', text: '王\tB-PER\n明\tX-PER\n远\n' }]],
  [
    'label-studio',
    [
      {
        name: 'ls.json',
        text: JSON.stringify([
          { nodata: 1 },
          { data: { n: 1 } },
          {
            data: { text: '王明远' },
            annotations: [
              {
                result: [
                  { id: 'a', type: 'labels', value: { labels: ['P'] } },
                  { id: 'b', type: 'labels', value: { start: 0, end: 9, labels: ['P'] } },
                  { id: 'c', type: 'labels', value: { start: 0, end: 2, text: '李四', labels: ['P'] } },
                ],
              },
            ],
          },
        ]),
      },
    ],
  ],
  ['label-studio', [{ name: 'broken.json', text: '[{' }]],
  [
    'brat',
    [
      { name: 'a.txt', text: '王明远调研回龙观。\n区委书记' },
      {
        name: 'a.ann',
        text: [
          'T1\tPERSON 0 3\t王明远',
          'T2\tPERSON 0 30\t王明远',
          'T3\tPERSON 0 2\t王明远',
          'T4\tPERSON',
          'T5\tPERSON 0 1;3 5\t王 调研',
          'A1\trole',
          'A2\trole T9 书记',
          'R1\tRel Arg1:T1 Arg2:T5',
          'E1\tEvent:T1',
        ].join('\n'),
      },
      { name: 'orphan.ann', text: 'T1\tPERSON 0 1\t王' },
    ],
  ],
  ['mentions-csv', [{ name: 'm.csv', text: 'label,text\n' }]],
  ['relations-csv', [{ name: 'r.csv', text: 'source,relation,target\n' }]],
];

const problems: ExchangeProblem[] = BAD_FILES.flatMap(([format, files]) => parseExchange(format, files).problems);
/**
 * Codes only the import service (reading files and folders), its commit (a relation type the project
 * lacks: tests/unit/exchange/entities-project.test.ts) or the text pipeline reports
 * (tests/unit/import/pipeline-problems.test.ts), not the format parsers.
 */
const SERVICE_CODES = new Set<string>([
  'file_too_large',
  'file_unreadable',
  'folder_unreadable',
  'not_found',
  'no_text_found',
  'relation_type_unknown',
  'relation_label_pair_not_allowed',
  ...TEXT_PIPELINE_PROBLEM_CODES,
]);

describe('import problem codes', () => {
  it('each has an en and a zh text, and the texts name no other code', () => {
    for (const code of IMPORT_PROBLEM_CODES) {
      const key = `problem.${code}`;
      expect(en, key).toHaveProperty([key]);
      expect(zh, key).toHaveProperty([key]);
      expect(zh[key as keyof typeof zh], key).toMatch(HAN);
    }
    const listed = new Set<string>(IMPORT_PROBLEM_CODES);
    expect(Object.keys(en).filter((k) => k.startsWith('problem.') && !listed.has(k.slice('problem.'.length)))).toEqual([]);
  });

  it('every code the format parsers have is produced by a real bad file, with its values filling both texts', () => {
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(IMPORT_PROBLEM_CODES.filter((c) => !SERVICE_CODES.has(c))));
    for (const p of problems) {
      for (const [lang, dict] of [
        ['en', en],
        ['zh-CN', zh],
      ] as const) {
        const text = formatMessage(dict[`problem.${p.code}` as keyof typeof en], p.params, lang);
        expect(text, `${lang} ${p.code}: ${p.message}`).not.toMatch(/\{\w+[},]/);
      }
    }
  });

  it('a malformed CLUENER line and a brat offset past the text read in Chinese in zh, plurals in en', () => {
    const clue = parseExchange('cluener', [{ name: 'c.json', text: '{"text": "王明远调研", "label": {"person": {"王明远": [[0, 2]]}}\n' }]).problems;
    expect(clue).toHaveLength(1);
    expect(clue[0]).toMatchObject({ file: 'c.json', line: 1, code: 'not_json' });
    expect(problemText((k, v) => translate('zh', k, v), clue[0])).toMatch(/^不是有效的 JSON：/);

    const brat = parseExchange('brat', [
      { name: 'a.txt', text: '王明远' },
      { name: 'a.ann', text: 'T1\tPERSON 0 30\t王明远\nR1\tx\nR2\ty\n' },
    ]).problems;
    const past = brat.find((p) => p.code === 'brat_bad_offsets');
    expect(past?.message).toContain('past the end of the text (3)');
    expect(problemText((k, v) => translate('zh', k, v), past!)).toBe('标注 T1 的位置 0 30 顺序颠倒或超出了正文（3 个字）；已跳过。');
    const ignored = brat.find((p) => p.code === 'brat_lines_ignored')!;
    expect(problemText((k, v) => translate('en', k, v), ignored)).toMatch(/^2 “R” lines were ignored/);
    expect(problemText((k, v) => translate('en', k, { ...v, n: 1 }), ignored)).toMatch(/^1 “R” line was ignored/);
  });

  it('a problem without a code (older data) shows its English sentence', () => {
    expect(problemText((k, v) => translate('zh', k, v), { message: 'something odd' })).toBe('something odd');
  });
});
