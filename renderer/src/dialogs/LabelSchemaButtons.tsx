// Label editor footer: the label schema (names, colours, keys, attributes, guidelines) saved as a
// JSON file and read back into another project (labels:export / labels:import).
import { useRef } from 'react';
import { callOrThrow } from '../api/client';
import { useI18n } from '../i18n';
import { useToast } from '../state/toasts';

interface Props {
  busy: boolean;
  /** The editor's runner: shows errors, reloads the labels afterwards. */
  run: (fn: () => Promise<unknown>, message?: string) => Promise<boolean>;
}

export const LABEL_SCHEMA_FILE = 'labels.biaozhu-labels.json';

export function LabelSchemaButtons({ busy, run }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);

  const exportSchema = () =>
    run(async () => {
      const { json } = await callOrThrow('labels:export', {});
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = LABEL_SCHEMA_FILE;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const importSchema = (file: File) =>
    run(async () => {
      const result = await callOrThrow('labels:import', { json: await file.text() });
      toast.info(t('labels.imported', { created: result.created.length, updated: result.updated.length }));
      for (const problem of result.problems) toast.error(problem);
    });

  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={() => void exportSchema()}>
        {t('labels.exportSchema')}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => input.current?.click()}>
        {t('labels.importSchema')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="label-schema-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importSchema(file);
        }}
      />
    </>
  );
}
