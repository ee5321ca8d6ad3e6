// The entities CSV and the relations CSV (#23), column by column: node names (entity names, "#id"
// where two entities share one, the text of an unlinked mention), counts and dates over the exported
// documents, quoting, and a relation leaving with a span the filters dropped.
import { describe, expect, test } from 'vitest';
import { exportToStrings, type ExportEntity } from '../../../shared/exchange';
import { ENTITIES_CSV_HEADER, RELATIONS_CSV_HEADER } from '../../../shared/exchange/formats/network-csv';
import { at, ctx, doc, span } from './fixtures';

const ENTITIES = new Map<number, ExportEntity>([
  [1, { id: 1, label: 'PERSON', name: '蔡奇', aliases: ['市委书记蔡奇', '蔡奇同志'], fields: { role: '市委书记' }, note: 'a "quoted", note' }],
  [2, { id: 2, label: 'SLOGAN', name: '两个维护', aliases: [], fields: {}, note: '' }],
  [3, { id: 3, label: 'PROJECT', name: '王明', aliases: [], fields: {}, note: '' }],
  [4, { id: 4, label: 'PERSON', name: '王明', aliases: [], fields: { district: '通州区' }, note: '' }],
  [5, { id: 5, label: 'TARGET', name: '未提及', aliases: [], fields: {}, note: '' }],
]);

const T1 = '市委书记蔡奇提出“两个维护”，王明调研城市副中心。';
const T2 = '蔡奇同志部署，到2025年完成。王明出席。';
const docs = [
  doc(
    1,
    T1,
    [
      span(11, ...at(T1, '蔡奇'), 'PERSON', { entityId: 1 }),
      span(12, ...at(T1, '“两个维护”'), 'SLOGAN', { entityId: 2 }),
      span(13, ...at(T1, '王明'), 'PERSON', { entityId: 4 }),
      span(14, ...at(T1, '城市副中心'), 'PROJECT'),
    ],
    {
      relations: [
        { id: 1, type: '提出', fromId: 11, toId: 12, annotator: 'lin', reviewState: 'accepted', createdAt: '2024-05-01T08:00:00.000Z' },
        { id: 2, type: '调研', fromId: 13, toId: 14, annotator: 'lin', reviewState: 'pending', createdAt: '2024-05-01T08:00:00.000Z' },
      ],
    },
  ),
  doc(2, T2, [span(21, ...at(T2, '蔡奇同志'), 'PERSON', { entityId: 1 }), span(22, ...at(T2, '到2025年完成'), 'TARGET')], {
    metadata: { title: '示例 2', date: '2023-11-02', source: '北京日报, 客户端', district: '通州区', url: null, reporters: [], externalId: null },
    relations: [{ id: 3, type: '部署', fromId: 21, toId: 22, annotator: 'lin', reviewState: 'rejected', createdAt: '2024-05-01T08:00:00.000Z' }],
  }),
];

const rows = (csv: string) =>
  csv
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter((line) => line !== '');

describe('entities CSV', () => {
  test('every entity of the table, with mentions, documents and first/last date among the exported documents', () => {
    const csv = exportToStrings('entities-csv', docs, { ...ctx(), entities: ENTITIES }).files.get('')!;
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(rows(csv)).toEqual([
      ENTITIES_CSV_HEADER.join(','),
      '1,蔡奇,PERSON,"[""市委书记蔡奇"",""蔡奇同志""]",市委书记,,,"a ""quoted"", note",2,2,2023-11-02,2024-05-01',
      '2,两个维护,SLOGAN,[],,,,,1,1,2024-05-01,2024-05-01',
      '3,王明,PROJECT,[],,,,,0,0,,',
      '4,王明,PERSON,[],,,通州区,,1,1,2024-05-01,2024-05-01',
      '5,未提及,TARGET,[],,,,,0,0,,',
    ]);
  });
});

describe('relations CSV', () => {
  test('one edge per relation: entity names (#id where shared), unlinked mentions by their text, marked', () => {
    const csv = exportToStrings('relations-csv', docs, { ...ctx(), entities: ENTITIES }).files.get('')!;
    expect(rows(csv)).toEqual([
      RELATIONS_CSV_HEADER.join(','),
      '蔡奇,提出,两个维护,1,2024-05-01,示例区融媒体中心,示例区,entity,entity,1,2,PERSON,SLOGAN,蔡奇,“两个维护”,accepted,1',
      '王明#4,调研,城市副中心,1,2024-05-01,示例区融媒体中心,示例区,entity,mention,4,,PERSON,PROJECT,王明,城市副中心,pending,2',
      '蔡奇,部署,到2025年完成,2,2023-11-02,"北京日报, 客户端",通州区,entity,mention,1,,PERSON,TARGET,蔡奇同志,到2025年完成,rejected,3',
    ]);
  });

  test('a relation whose span the export leaves out is not written; without entities every node is a mention', () => {
    const withoutTarget = docs.map((d) => ({ ...d, spans: d.spans.filter((s) => s.label !== 'TARGET') }));
    const csv = exportToStrings('relations-csv', withoutTarget, ctx()).files.get('')!;
    expect(
      rows(csv)
        .slice(1)
        .map((r) => r.split(',').slice(0, 3).join(' ') + ' ' + r.split(',').slice(7, 9).join(' ')),
    ).toEqual(['蔡奇 提出 “两个维护” mention mention', '王明 调研 城市副中心 mention mention']);
  });
});
