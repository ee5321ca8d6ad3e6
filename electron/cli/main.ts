// `biaozhu` command line: the same handlers the app uses, for scripts and batch work.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiInput, ApiOutput, Channel } from '../../shared/api/index';
import { EXPORT_FORMATS, type ExportReport } from '../../shared/api/export';
import { type ImportPreview, type ImportReport } from '../../shared/api/import';
import { type JobStatus } from '../../shared/api/jobs';
import { ApiFailure } from '../../shared/api/result';
import { createCore, type Core } from '../services/core';
import { AGREEMENT_USAGE, runAgreement } from './agreement';
import { CONSISTENCY_USAGE, runConsistency } from './consistency';
import { listBackups, restoreBackup } from './backups';
import { HANDOUT_USAGE, runHandout } from './handout';
import { MERGE_USAGE, runMerge } from './merge';
import { runSearch, SEARCH_USAGE } from './search';
import { runSuggest, SUGGEST_USAGE } from './suggest';
import { writtenFiles } from '../../shared/exchange/written-files';
import { spanIssuesCsv } from '../../shared/exchange/span-issues';

const DEFAULT_WAIT_SECONDS = 10;

const USAGE = `Usage: biaozhu <command> [options]

Commands:
  init <project>                      create a project file (.biaozhu)
  import <project> <paths...>         import files and folders (txt, html, docx, jsonl, csv, tsv, conll, brat)
        [--encoding gb18030|big5|utf-8|utf-16le|utf-16be] [--no-split] [--disable step,step]
  export <project> --format <format> [--out PATH] [--force] [--labels A,B] [--status done,reviewed]
        [--offsets normalized|source] [--split seed:train:dev:test] [--review not-rejected|accepted|all]
        [--report PATH]
        formats: ${EXPORT_FORMATS.join(', ')}
        --status: which documents by status, of todo,in_progress,done,reviewed (default: to-do
        documents left out, as they were never looked at; biaozhu-jsonl keeps all)
        --review: which reviewed spans (default: rejected spans left out; biaozhu-jsonl keeps all)
        --report: write the spans the format dropped or adjusted (document, text, reason) as CSV
        (taken from the current folder; replaced only with --force)
        a relative --out is taken from the project file's folder; an existing file is replaced
        only with --force
  stats <project>                     counts of documents, spans, statuses, labels, annotators
  recover <project> [--out PATH]      copy what is readable of a damaged project into a NEW project
                                      (default <name>-recovered.biaozhu beside it; never overwrites)
  backups <project>                   list the project's backups (newest first)
  restore <project> <backup>          put a backup back (the current state is kept as a backup too)
${AGREEMENT_USAGE}
${HANDOUT_USAGE}
${MERGE_USAGE}
${SEARCH_USAGE}
${SUGGEST_USAGE}
${CONSISTENCY_USAGE}

Options:
  --json    machine-readable output
  --wait N  commands that write (import, restore, merge, suggest): wait up to N seconds (default ${DEFAULT_WAIT_SECONDS})
            while another window or process has the project open, then give up; reading
            commands (export, stats, backups) work next to it
  --help    this text`;

class CliError extends Error {}

/**
 * Opens the project for a command that writes. One writer holds a project: while another window or
 * process holds it, waits up to --wait seconds, then fails naming the holder, having written nothing.
 */
async function openForWriting(core: Core, project: string, command: string, wait: unknown): Promise<void> {
  const seconds = wait === undefined ? DEFAULT_WAIT_SECONDS : Number(wait);
  if (!Number.isFinite(seconds) || seconds < 0) throw new CliError(`--wait is a number of seconds, e.g. --wait 60 (got ${String(wait)})`);
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      core.session.open(project, 'write');
      return;
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== 'locked') throw error;
      if (Date.now() >= deadline) {
        throw new CliError(
          `cannot ${command} ${resolve(project)}: ${error.message} Waited ${seconds} s; nothing was written. ` +
            'Close it there and run this again, or wait longer with --wait SECONDS.',
        );
      }
      await new Promise((done) => setTimeout(done, Math.min(200, Math.max(0, deadline - Date.now()))));
    }
  }
}

async function call<K extends Channel>(core: Core, channel: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const result = await core.registry.dispatch(channel, input);
  if (!result.ok) throw new CliError(result.error.message);
  return result.value as ApiOutput<K>;
}

async function waitForJob<R>(core: Core, jobId: string, json: boolean): Promise<R> {
  const status: JobStatus = await core.jobs.wait(jobId, (s) => {
    if (!json && process.stderr.isTTY && s.total > 0) process.stderr.write(`\r${s.done}/${s.total} ${s.message.slice(-50).padEnd(50)}`);
  });
  if (!json && process.stderr.isTTY) process.stderr.write('\r'.padEnd(70) + '\r');
  if (status.state !== 'done') throw new CliError(status.error ?? `job ${status.state}`);
  return status.result as R;
}

function print(json: boolean, value: unknown, text: string): void {
  console.log(json ? JSON.stringify(value, null, 2) : text);
}

async function runImport(core: Core, paths: string[], flags: Record<string, unknown>, json: boolean): Promise<number> {
  if (paths.length === 0) throw new CliError('import needs at least one file or folder');
  const disabled = typeof flags.disable === 'string' ? flags.disable.split(',').filter(Boolean) : [];
  const options = { disabledSteps: disabled, encoding: flags.encoding, splitArticles: !flags['no-split'] } as ApiInput<'import:preview'>['options'];
  const { jobId } = await call(core, 'import:preview', { sources: paths.map((p) => ({ kind: 'path' as const, path: resolve(p) })), options });
  const preview = await waitForJob<ImportPreview>(core, jobId, json);
  const commit = await call(core, 'import:commit', { previewId: preview.previewId });
  const report = await waitForJob<ImportReport>(core, commit.jobId, json);
  const lines = [
    `imported ${report.imported} documents (${report.spansImported} spans)`,
    ...(report.duplicateSpansMerged > 0 ? [`merged ${report.duplicateSpansMerged} spans the files held twice (same label, characters and coder)`] : []),
    ...report.skippedDuplicates.map((d) => `skipped duplicate: ${d.fileName} — ${d.title}`),
    ...report.rejected.map((r) => `rejected: ${r.fileName}${r.line ? `:${r.line}` : ''} — ${r.message}`),
  ];
  print(json, { ...report, files: preview.files.map(({ fileName, encoding, format, error }) => ({ fileName, encoding, format, error })) }, lines.join('\n'));
  return report.rejected.length > 0 ? 1 : 0;
}

function parseSplit(value: unknown): ApiInput<'export:start'>['split'] {
  if (typeof value !== 'string') return undefined;
  const [seed, train, dev, test] = value.split(':').map(Number);
  if ([seed, train, dev, test].some((n) => Number.isNaN(n))) throw new CliError('--split is seed:train:dev:test, e.g. 42:0.8:0.1:0.1');
  return { seed, train, dev, test };
}

/** Says how many spans were dropped or adjusted and, with --report PATH, writes which ones as CSV. */
function spanListLines(report: ExportReport, reportPath: unknown, force: boolean): string[] {
  const listed = report.spanList.length;
  const total = listed + report.spanListMore;
  if (typeof reportPath !== 'string') return total > 0 ? [`--report PATH lists these ${total} spans (document, text, reason)`] : [];
  const path = resolve(reportPath);
  try {
    writeFileSync(path, spanIssuesCsv(report.spanList), { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    throw new CliError(
      code === 'EEXIST'
        ? `${path} exists (--force replaces it); the export itself was written`
        : `cannot write the report ${path}: ${(error as Error).message}`,
    );
  }
  const more = report.spanListMore > 0 ? ` (the first ${listed}; ${report.spanListMore} more not listed)` : '';
  return [`listed ${listed} of these spans in ${path}${more}`];
}

async function runExport(core: Core, flags: Record<string, unknown>, json: boolean): Promise<number> {
  const list = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : undefined);
  const options = {
    format: flags.format,
    // Relative paths are resolved by the API, against the project's folder.
    outPath: typeof flags.out === 'string' ? flags.out : undefined,
    overwrite: flags.force === true,
    labelKeys: list(flags.labels),
    statuses: list(flags.status),
    offsets: flags.offsets ?? 'normalized',
    split: parseSplit(flags.split),
    ...(flags.review !== undefined ? { review: flags.review } : {}),
  } as ApiInput<'export:start'>;
  const started = await core.registry.dispatch('export:start', options);
  if (!started.ok) throw new CliError(started.error.code === 'conflict' ? `${started.error.message} (--force replaces it)` : started.error.message);
  const { jobId } = started.value as ApiOutput<'export:start'>;
  const report = await waitForJob<ExportReport>(core, jobId, json);
  const dropped = [
    ...report.dropped.map((d) => `dropped ${d.count} spans (${d.reason})`),
    ...(report.adjusted ?? []).map((d) => `adjusted ${d.count} spans (${d.reason})`),
    ...(report.reviewLeftOut > 0 ? [`left out ${report.reviewLeftOut} spans by review (--review all keeps them)`] : []),
    ...(report.todoLeftOut > 0 ? [`left out ${report.todoLeftOut} to-do documents (--status todo,in_progress,done,reviewed keeps them)`] : []),
    ...spanListLines(report, flags.report, flags.force === true),
  ];
  const written = writtenFiles(report.files);
  const where = written.more > 0 ? `${written.folder} (${report.files.length} files)` : written.listed.join(', ');
  print(json, report, [`exported ${report.documents} documents, ${report.spans} spans to ${where}`, ...dropped].join('\n'));
  return 0;
}

/** Every option of every command, for node:util parseArgs; each command reads the ones it knows. */
const CLI_OPTIONS = {
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  format: { type: 'string' },
  out: { type: 'string' },
  labels: { type: 'string' },
  status: { type: 'string' },
  offsets: { type: 'string' },
  split: { type: 'string' },
  review: { type: 'string' },
  report: { type: 'string' },
  encoding: { type: 'string' },
  disable: { type: 'string' },
  'no-split': { type: 'boolean', default: false },
  name: { type: 'string' },
  force: { type: 'boolean', default: false },
  wait: { type: 'string' },
  annotators: { type: 'string' },
  docs: { type: 'string' },
  'per-document': { type: 'boolean', default: false },
  annotator: { type: 'string' },
  sample: { type: 'string' },
  seed: { type: 'string' },
  overlap: { type: 'string' },
  map: { type: 'string', multiple: true },
  'accept-new-labels': { type: 'boolean', default: false },
  'add-missing': { type: 'boolean', default: false },
  regex: { type: 'boolean', default: false },
  label: { type: 'string' },
  unlabelled: { type: 'boolean', default: false },
  context: { type: 'string' },
  limit: { type: 'string' },
  tsv: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  sources: { type: 'string' },
  'accept-above': { type: 'string' },
} as const;

const parseCli = (argv: string[]) => parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS });
type CliValues = ReturnType<typeof parseCli>['values'];

async function runStats(core: Core, json: boolean): Promise<number> {
  const stats = await call(core, 'projects:stats', {});
  const text = [
    `documents: ${stats.documents} (${Object.entries(stats.byStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `spans: ${stats.annotations}`,
    ...stats.byLabel.map((l) => `  ${l.labelKey}: ${l.count}`),
    `annotators: ${stats.annotators.map((a) => `${a.name} (${a.count})`).join(', ') || 'none'}`,
    ...(stats.duplicateSpansRemoved > 0 ? [`doubled spans merged when the project was upgraded: ${stats.duplicateSpansRemoved}`] : []),
  ].join('\n');
  print(json, stats, text);
  return 0;
}

async function runRecover(core: Core, project: string, out: string | undefined, json: boolean): Promise<number> {
  // The damaged project is not opened: recovery reads it on its own read-only connection.
  const report = await call(core, 'projects:recover', {
    path: resolve(project),
    outPath: typeof out === 'string' ? resolve(out) : undefined,
  });
  const lines = [`recovered into ${report.path}`, ...report.tables.map((t) => `  ${t.table}: ${t.copied} copied${t.lost > 0 ? `, ${t.lost} lost` : ''}`)];
  print(json, report, lines.join('\n'));
  return 0;
}

/** One command on one project: writing commands wait for the project's writer lock, reading ones open it beside others. */
async function runCommand(core: Core, command: string, project: string, rest: string[], values: CliValues): Promise<number> {
  const json = values.json;
  switch (command) {
    case 'init': {
      const info = core.session.create(project, values.name);
      print(json, info, `created ${info.path}`);
      return 0;
    }
    case 'import':
      await openForWriting(core, project, 'import into', values.wait);
      return await runImport(core, rest, values, json);
    case 'export':
      core.session.open(project);
      return await runExport(core, values, json);
    case 'stats':
      core.session.open(project);
      return await runStats(core, json);
    case 'agreement':
      core.session.open(project);
      return await runAgreement(core, values, json);
    case 'handout':
      core.session.open(project);
      return await runHandout(core, values, json);
    case 'merge':
      await openForWriting(core, project, 'merge into', values.wait);
      return await runMerge(core, rest, values, json);
    case 'search':
      core.session.open(project);
      return await runSearch(core, rest[0], values, json);
    case 'suggest':
      await openForWriting(core, project, 'pre-annotate', values.wait);
      return await runSuggest(core, values, json);
    case 'consistency':
      core.session.open(project);
      return await runConsistency(core, values, json);
    case 'backups':
      core.session.open(project);
      return await listBackups(core, json);
    case 'restore':
      await openForWriting(core, project, 'restore', values.wait);
      return await restoreBackup(core, rest[0], json);
    case 'recover':
      return await runRecover(core, project, values.out, json);
    default:
      throw new CliError(`unknown command ${command}\n\n${USAGE}`);
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  const [command, project, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (!project) throw new CliError(`${command} needs a project path\n\n${USAGE}`);
  const core = createCore({ mode: 'cli' });
  try {
    return await runCommand(core, command, project, rest, values);
  } finally {
    core.dispose();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`biaozhu: ${message}`);
      process.exit(error instanceof CliError || (error as { code?: string }).code ? 1 : 2);
    },
  );
}
