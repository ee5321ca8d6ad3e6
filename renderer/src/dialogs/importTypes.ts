import type { ImportSource, NormalizationStep, SupportedEncoding } from '../../../shared/api/import';

export interface PickedSource {
  name: string;
  size: number | null;
  source: ImportSource;
}

export interface ImportOptionsState {
  disabledSteps: NormalizationStep[];
  encoding: SupportedEncoding | '';
  splitArticles: boolean;
}

/** Reads a dropped or chosen file as base64 (browser mode sends bytes, not paths). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Dropped or chosen files as import sources (their bytes, base64). */
export function pickedFromFiles(files: FileList | File[]): Promise<PickedSource[]> {
  return Promise.all(
    [...files].map(async (f) => ({ name: f.name, size: f.size, source: { kind: 'bytes' as const, name: f.name, dataBase64: await readAsBase64(f) } })),
  );
}
