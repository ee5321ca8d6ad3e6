// Measure 6: API round-trip (browser mode, HTTP) while a large import runs, vs the same calls idle.
// A probe calls documents:list and annotations:list back to back with a short pause, as a UI would.
import { join } from 'node:path';
import type { ImportPreview, ImportReport } from '../../shared/api/import';
import { ensureCorpus } from '../generate';
import { fixture, fixtureCopy } from '../lib/fixture';
import { workDir } from '../lib/paths';
import { percentile, round, row, runMeasure } from '../lib/result';
import { sizeSpec } from '../lib/sizes';
import { startServer, waitJob, type RunningServer } from '../lib/server';

interface Sample {
  ms: number;
  channel: string;
  phase: string;
}

class Probe {
  readonly samples: Sample[] = [];
  phase = 'idle';
  private running = true;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: RunningServer,
    private readonly docIds: number[],
    private readonly pauseMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async loop(): Promise<void> {
    let i = 0;
    while (this.running) {
      const list = i++ % 2 === 0;
      const channel = list ? 'documents:list' : 'annotations:list';
      const input = list
        ? { limit: 50, offset: (i * 37) % Math.max(1, this.docIds.length - 50), sort: 'date' }
        : { documentId: this.docIds[(i * 7919) % this.docIds.length] };
      const t0 = performance.now();
      await this.server.call(channel, input);
      this.samples.push({ ms: performance.now() - t0, channel, phase: this.phase });
      await new Promise((r) => setTimeout(r, this.pauseMs));
    }
  }
}

function summary(samples: Sample[]) {
  const ms = samples.map((s) => s.ms);
  return { count: ms.length, p50: round(percentile(ms, 50)), p95: round(percentile(ms, 95)), p99: round(percentile(ms, 99)), max: round(Math.max(...ms)) };
}

runMeasure('api-latency', 'API round-trip during an import', async (ctx) => {
  const { spec, log } = ctx;
  const fx = fixture(spec, log);
  const base = sizeSpec(spec.name.split('-')[0]);
  const busySpec = {
    ...base,
    name: `${spec.name}-busy`,
    seed: spec.seed + 1,
    articles: spec.busyImportArticles,
    spans: Math.round((base.spans * spec.busyImportArticles) / base.articles),
  };
  const busyDir = workDir(spec.name, 'busy-corpus');
  const busy = ensureCorpus(busySpec, busyDir);
  const dir = workDir(spec.name, 'api');
  const project = fixtureCopy(fx, dir);
  const server = await startServer({ userData: join(dir, 'user'), project });
  try {
    const page = await server.call<{ items: { id: number; spanCount: number }[] }>('documents:list', { limit: 1000 });
    const docIds = page.items.filter((d) => d.id !== fx.readerDocId).map((d) => d.id);
    const probe = new Probe(server, docIds, 10);
    const idleSeconds = spec.name.startsWith('small') ? 4 : 8;
    probe.start();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    probe.phase = 'preview';
    const t0 = performance.now();
    const { jobId } = await server.call<{ jobId: string }>('import:preview', {
      sources: ['labelled', 'raw'].map((d) => ({ kind: 'path', path: join(busyDir, d) })),
      options: {},
    });
    const preview = await waitJob<ImportPreview>(server, jobId);
    const t1 = performance.now();
    probe.phase = 'commit';
    const commit = await server.call<{ jobId: string }>('import:commit', { previewId: preview.previewId });
    const report = await waitJob<ImportReport>(server, commit.jobId);
    const t2 = performance.now();
    probe.phase = 'after';
    await new Promise((r) => setTimeout(r, 500));
    await probe.stop();
    const idle = summary(probe.samples.filter((s) => s.phase === 'idle'));
    const during = summary(probe.samples.filter((s) => s.phase === 'preview' || s.phase === 'commit'));
    const byPhase = Object.fromEntries(['idle', 'preview', 'commit'].map((p) => [p, summary(probe.samples.filter((s) => s.phase === p))]));
    const byChannel = Object.fromEntries(
      ['documents:list', 'annotations:list'].flatMap((c) =>
        ['idle', 'preview', 'commit'].map((p) => [`${c} ${p}`, summary(probe.samples.filter((s) => s.channel === c && s.phase === p))]),
      ),
    );
    log(`idle p95 ${idle.p95} ms, during import p95 ${during.p95} ms (max ${during.max} ms)`);
    ctx.details = {
      busyCorpus: busy,
      importSeconds: { preview: (t1 - t0) / 1000, commit: (t2 - t1) / 1000 },
      imported: report.imported,
      byPhase,
      byChannel,
      slowest: [...probe.samples].sort((a, b) => b.ms - a.ms).slice(0, 10),
    };
    ctx.notes.push(
      `During the import of ${busy.articles} articles (${(busy.textBytes / 1e6).toFixed(0)} MB of text, ${busy.spans} spans): ` +
        `preview ${((t1 - t0) / 1000).toFixed(1)} s, commit ${((t2 - t1) / 1000).toFixed(1)} s; the project already holds ${fx.documents} documents.`,
    );
    return [
      row({
        name: 'API round-trip p95 during import',
        value: during.p95,
        unit: 'ms',
        baseline: idle.p95,
        baselineName: 'same calls, idle',
        goal: { op: '<=', value: 50 },
        note: `${during.count} calls; preview p95 ${byPhase.preview.p95} ms, commit p95 ${byPhase.commit.p95} ms`,
      }),
      row({ name: 'API round-trip p50 during import', value: during.p50, unit: 'ms', baseline: idle.p50, baselineName: 'same calls, idle' }),
      row({ name: 'API round-trip max during import', value: during.max, unit: 'ms', baseline: idle.max, baselineName: 'same calls, idle' }),
    ];
  } finally {
    await server.stop();
  }
});
