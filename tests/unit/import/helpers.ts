import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processFile, type FileOutcome } from '../../../shared/import/pipeline';
import type { ImportOptions } from '../../../shared/api/import';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
// The corpus is checked out beside the repository (…/main and …/shared, or …/ci-check in CI).
export const seedsDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'seeds');
export const samplesDir = path.resolve(repoRoot, 'resources', 'samples');

export const defaultOptions: ImportOptions = { disabledSteps: [], splitArticles: true, fieldMapping: {} };

export function seedFile(prefix: string): string {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return path.join(seedsDir, name);
}

export const readSeed = (prefix: string): string => readFileSync(seedFile(prefix), 'utf8');

export function importPath(file: string, options: Partial<ImportOptions> = {}): FileOutcome {
  return processFile({ fileName: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }, { ...defaultOptions, ...options });
}

export const importSeed = (prefix: string, options: Partial<ImportOptions> = {}) => importPath(seedFile(prefix), options);
export const importSample = (name: string, options: Partial<ImportOptions> = {}) => importPath(path.join(samplesDir, name), options);

export function importBytes(fileName: string, data: Uint8Array | string, options: Partial<ImportOptions> = {}): FileOutcome {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return processFile({ fileName, bytes }, { ...defaultOptions, ...options });
}
