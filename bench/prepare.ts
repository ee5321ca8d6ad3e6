// First step of `npm run bench`: machine description, corpus files and the fixture project, so
// the measures that follow find them ready (each measure would also build them on its own).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './generate';
import { fixture } from './lib/fixture';
import { machine } from './lib/machine';
import { RESULTS_DIR, workDir } from './lib/paths';
import { sizeSpec } from './lib/sizes';

const { values } = parseArgs({ options: { size: { type: 'string', default: 'small' }, seed: { type: 'string' }, articles: { type: 'string' } } });
const spec = sizeSpec(values.size!, values.seed ? Number(values.seed) : undefined, values.articles ? Number(values.articles) : undefined);
const log = (m: string) => console.log(`[prepare] ${m}`);
const t0 = Date.now();
const corpus = ensureCorpus(spec, workDir(spec.name, 'corpus'));
const corpusSeconds = (Date.now() - t0) / 1000;
log(`corpus: ${corpus.articles} articles, ${(corpus.chars / 1e6).toFixed(1)} M chars, ${corpus.spans} spans (${corpusSeconds.toFixed(1)} s)`);
const fx = fixture(spec, log);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  join(RESULTS_DIR, 'run.json'),
  JSON.stringify({ spec, startedAt: new Date().toISOString(), machine: machine(), corpus, fixture: { ...fx, projectPath: undefined } }, null, 2) + '\n',
);
