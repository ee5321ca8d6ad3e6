// The agreement view as one CSV: the corpus figures (overall and per label), then one row per
// document and label, so a spreadsheet can filter either. Undefined figures are empty cells.
import type { AgreementReport } from '../../../shared/api/agreement';
import type { AgreementFigures, SliceResult } from '../../../shared/agreement/types';
import { csvField } from '../../../shared/exchange/formats/mentions-csv';

const HEADER = [
  'scope',
  'document_id',
  'title',
  'label',
  'kappa',
  'kappa_kind',
  'alpha',
  'alpha_u',
  'f1_exact',
  'f1_overlap',
  'documents',
  'characters',
  'disagreeing_characters',
  'coders',
];

const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));

export function agreementCsv(report: AgreementReport): string {
  const coders = report.coders.join(' ');
  const rows: string[][] = [HEADER];
  const corpus = (label: string, s: SliceResult) => [
    'corpus',
    '',
    '',
    label,
    num(s.kappa),
    s.kappaKind,
    num(s.alpha),
    num(s.alphaU),
    num(s.f1Exact),
    num(s.f1Overlap),
    String(report.documents),
    String(report.characters),
    '',
    coders,
  ];
  rows.push(corpus('', report.overall));
  for (const l of report.byLabel) rows.push(corpus(l.label, l));
  for (const d of report.perDocument) {
    const doc = (label: string, f: AgreementFigures) => [
      'document',
      String(d.id),
      d.title ?? '',
      label,
      num(f.kappa),
      f.kappaKind,
      num(f.alpha),
      num(f.alphaU),
      '',
      '',
      '1',
      String(d.characters),
      label === '' ? String(d.disagreeing) : '',
      coders,
    ];
    rows.push(doc('', d));
    for (const l of d.byLabel) rows.push(doc(l.label, l));
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
