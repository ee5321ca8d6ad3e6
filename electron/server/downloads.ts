// Browser-mode downloads: what an export job wrote, handed to the browser. Only files a finished
// export job reported can be fetched (by the job's id, never by a path), so the route cannot be used
// to read anything else on the disk. One file goes as itself; a folder (brat, split exports) as a
// zip streamed chunk by chunk.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { basename, dirname, relative, sep } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { ExportReport } from '../../shared/api/export';
import type { JobStatus } from '../../shared/api/jobs';
import { exporters } from '../../shared/exchange/index';
import type { Dispatcher } from '../services/app/registry';

const JOB_ID = /^[a-z0-9-]{1,64}$/;

export type DownloadPlan = { kind: 'file'; file: string; name: string } | { kind: 'zip'; root: string; files: string[]; name: string };

export class DownloadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The folder holding every file (the export's output folder). */
function commonFolder(files: string[]): string {
  let root = dirname(files[0]!);
  while (!files.every((file) => file.startsWith(root + sep))) {
    const up = dirname(root);
    if (up === root) break;
    root = up;
  }
  return root;
}

/** The report of the finished export job `jobId`, asked of the core (jobs:get); null when there is none. */
export async function finishedExport(core: Dispatcher, jobId: string | null): Promise<ExportReport | null> {
  if (jobId === null || !JOB_ID.test(jobId)) return null;
  const found = await core.dispatch('jobs:get', { jobId });
  if (!found.ok) return null; // not_found: answered like any job that is not a finished export
  const status = found.value as JobStatus;
  return status.kind === 'export' && status.state === 'done' ? (status.result as ExportReport) : null;
}

/** What `/download?job=<id>` sends, or a DownloadRefused saying why not. */
export function planDownload(jobId: string | null, report: ExportReport | null): DownloadPlan {
  if (jobId === null) throw new DownloadRefused(400, 'downloads are asked for by export job: /download?job=<id>');
  if (!JOB_ID.test(jobId)) throw new DownloadRefused(400, 'malformed job id');
  if (!report) throw new DownloadRefused(404, 'no finished export with this id (exports are kept for the last 50 jobs of this launch); export again');
  if (report.files.length === 0) throw new DownloadRefused(404, 'this export wrote no files');
  const folder = exporters[report.format].layout === 'folder' || report.files.length > 1;
  if (!folder) return { kind: 'file', file: report.files[0]!, name: basename(report.files[0]!) };
  const root = commonFolder(report.files);
  return { kind: 'zip', root, files: report.files, name: `${basename(root)}.zip` };
}

export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const gone = (file: string) => new DownloadRefused(410, `${file} is no longer there (moved or deleted since the export); export again`);

async function regularFile(file: string): Promise<number> {
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) throw gone(file);
  return found.size;
}

/** Sends the plan; headers go out only once every file was found, so a refusal is still a clean error. */
export async function sendDownload(res: ServerResponse, plan: DownloadPlan, headers: Record<string, string>): Promise<void> {
  if (plan.kind === 'file') {
    const size = await regularFile(plan.file);
    res.writeHead(200, {
      ...headers,
      'content-type': 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': contentDisposition(plan.name),
    });
    createReadStream(plan.file)
      .on('error', () => res.destroy())
      .pipe(res);
    return;
  }
  for (const file of plan.files) await regularFile(file);
  res.writeHead(200, { ...headers, 'content-type': 'application/zip', 'content-disposition': contentDisposition(plan.name) });
  let draining: Promise<unknown> | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) return res.destroy(error);
    if (!res.write(chunk)) draining ??= once(res, 'drain').finally(() => (draining = null));
    if (final) res.end();
  });
  const folderName = basename(plan.root);
  for (const file of plan.files) {
    const entry = new ZipDeflate(`${folderName}/${relative(plan.root, file).split(sep).join('/')}`, { level: 6 });
    zip.add(entry);
    // Read in chunks (a split CoNLL file can be hundreds of MB); a slow client holds the next chunk back.
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      entry.push(new Uint8Array(chunk as Buffer));
      if (draining) await draining;
      if (res.destroyed) return;
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
}
