// `biaozhu merge <project> <coder files…> [--map OLD=NEW]… [--accept-new-labels] [--add-missing] [--force]`.
import type { MergePreview, MergeReport } from '../../shared/api/coders';
import type { ApiInput } from '../../shared/api/index';
import type { Core } from '../services/core';
import { CoderCliError } from './handout';

export const MERGE_USAGE = `  merge <project> <coder files...> [--map OLD=NEW]... [--accept-new-labels] [--add-missing] [--force]
        bring coders' work back from their files: spans (attributes, review, origin, times, notes)
        and document statuses, matched by document text, in one transaction; spans the project has
        already are skipped, so merging a file twice adds nothing. Labels the files name differently
        are listed and need --map OLD=NEW (the file's OLD goes to the project's NEW) or
        --accept-new-labels (adds them); documents the project lacks are added only with
        --add-missing; a file not handed out from this project is merged only with --force`;

function parseMap(values: unknown): Record<string, string> {
  const list = Array.isArray(values) ? (values as string[]) : typeof values === 'string' ? [values] : [];
  const map: Record<string, string> = {};
  for (const entry of list) {
    const match = /^([^=]+)=([^=]+)$/.exec(entry.trim());
    if (!match) throw new CoderCliError(`--map is OLD=NEW, a coder file's label key and the project's, e.g. --map PER=PERSON (got ${entry})`);
    map[match[1]!.trim()] = match[2]!.trim();
  }
  return map;
}

function previewLines(preview: MergePreview): string[] {
  const lines = preview.coders.flatMap((c) => [
    `${c.coder} (${c.path}): ${c.documentsMatched} of ${c.documents} documents match, ${c.spans} spans`,
    ...c.documentsMissing.slice(0, 20).map((d) => `  not in the project: ${d.title} (${d.textSha256.slice(0, 12)})`),
    ...(c.documentsMissing.length > 20 ? [`  … and ${c.documentsMissing.length - 20} more not in the project`] : []),
  ]);
  const differing = preview.labels.filter((l) => l.kind !== 'same');
  if (differing.length > 0 || preview.labelsOnlyInProject.length > 0) {
    lines.push('labels (coder file → project):');
    for (const l of preview.labels) lines.push(`  ${l.coderKey} → ${l.suggested ?? '?'} (${l.kind}, ${l.spans} spans)`);
    if (preview.labelsOnlyInProject.length > 0) lines.push(`  only in the project: ${preview.labelsOnlyInProject.join(', ')}`);
  }
  return lines;
}

export async function runMerge(core: Core, paths: string[], flags: Record<string, unknown>, json: boolean): Promise<number> {
  if (paths.length === 0) throw new CoderCliError('merge needs at least one coder file');
  const input: ApiInput<'coders:merge'> = {
    paths,
    labelMap: parseMap(flags.map),
    acceptNewLabels: flags['accept-new-labels'] === true,
    addMissing: flags['add-missing'] === true,
    force: flags.force === true,
  };
  const preview = await core.registry.dispatch('coders:mergePreview', { paths });
  if (!preview.ok) throw new CoderCliError(preview.error.message);
  if (!json) console.error(previewLines(preview.value as MergePreview).join('\n'));
  const result = await core.registry.dispatch('coders:merge', input);
  if (!result.ok) throw new CoderCliError(result.error.message);
  const report = result.value as MergeReport;
  const lines = [
    ...report.coders.map(
      (c) =>
        `${c.coder}: ${c.documentsMatched} documents matched, ${c.spansAdded} spans added, ${c.spansAlreadyPresent} already present` +
        `, ${c.documentsMissing} documents missing${c.documentsAdded > 0 ? ` (${c.documentsAdded} added)` : ''}` +
        (c.statusesAdvanced > 0 ? `, ${c.statusesAdvanced} statuses moved forward` : '') +
        (c.spansInvalid > 0 ? `, ${c.spansInvalid} spans left out (offsets outside their document)` : ''),
    ),
    ...(report.labelsCreated.length > 0 ? [`labels added: ${report.labelsCreated.join(', ')}`] : []),
  ];
  console.log(json ? JSON.stringify({ preview: preview.value, ...report }, null, 2) : lines.join('\n'));
  return 0;
}
