// The export dialog's form, in the groups it reads as: the format, which documents and spans go out, and how they are written.
import { EXPORT_FORMATS, REVIEW_FILTERS } from '../../../shared/api/export';
import { DOCUMENT_STATUSES } from '../../../shared/model';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { ExportOutputHint } from '../projects/ExportDownload';
import { effectiveReview, exportedLabelKeys, exportedStatuses, toggled, type ExportOptions, type SetExportOptions } from './exportOptions';

interface FieldsProps {
  options: ExportOptions;
  set: SetExportOptions;
}

export function ExportFormatPicker({ options, set }: FieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="export-formats">
      <legend>{t('export.format')}</legend>
      {EXPORT_FORMATS.map((f) => (
        <label key={f} className="radio">
          <input type="radio" name="export-format" value={f} checked={options.format === f} onChange={() => set({ format: f })} />
          {t(`format.${f}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Which labels and which documents (status, source, date, annotator) go out. */
export function ExportSelectionFields({ options, set }: FieldsProps) {
  const { t, labelName } = useI18n();
  const { labels } = useAppState();
  const labelKeys = exportedLabelKeys(
    options,
    labels.map((l) => l.key),
  );
  const statuses = exportedStatuses(options);
  return (
    <>
      <fieldset>
        <legend>{t('export.labels')}</legend>
        <div className="check-row">
          {labels.map((l) => (
            <label key={l.id} className="check">
              <input
                type="checkbox"
                checked={labelKeys.has(l.key)}
                onChange={(e) => set({ leftOutLabels: toggled(options.leftOutLabels, l.key, !e.target.checked) })}
              />
              <span className="label-dot" style={{ background: l.color }} /> {labelName(l)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('export.statuses')}</legend>
        <div className="check-row">
          {DOCUMENT_STATUSES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={statuses.has(s)} onChange={(e) => set({ pickedStatuses: toggled(statuses, s, e.target.checked) })} />
              {t(`status.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="export-sources">{t('export.sources')}</label>
        <input id="export-sources" className="input" value={options.sources} onChange={(e) => set({ sources: e.target.value })} />
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="export-from">
            {t('export.dateRange')} · {t('docs.dateFrom')}
          </label>
          <input id="export-from" type="date" className="input" value={options.dateFrom} onChange={(e) => set({ dateFrom: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="export-to">{t('docs.dateTo')}</label>
          <input id="export-to" type="date" className="input" value={options.dateTo} onChange={(e) => set({ dateTo: e.target.value })} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="export-annotator">{t('export.annotator')}</label>
        <input id="export-annotator" className="input" value={options.annotator} onChange={(e) => set({ annotator: e.target.value })} />
      </div>
    </>
  );
}

/** How spans are written: review filter, offsets, an optional train/dev/test split, and where. */
export function ExportOutputFields({ options, set }: FieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <fieldset>
        <legend>{t('export.review')}</legend>
        <div className="check-row">
          {REVIEW_FILTERS.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="export-review" checked={effectiveReview(options) === r} onChange={() => set({ review: r })} />
              {t(`export.review.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('export.offsets')}</legend>
        <div className="check-row">
          {(['normalized', 'source'] as const).map((o) => (
            <label key={o} className="radio">
              <input type="radio" name="export-offsets" checked={options.offsets === o} onChange={() => set({ offsets: o })} />
              {t(`export.offsets.${o}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <ExportSplitFields options={options} set={set} />
      <div className="field">
        <label htmlFor="export-out">{t('export.outPath')}</label>
        <input
          id="export-out"
          className="input"
          value={options.outPath}
          onChange={(e) => set({ outPath: e.target.value })}
          aria-describedby="export-out-hint"
        />
        <ExportOutputHint format={options.format} split={options.split} />
      </div>
    </>
  );
}

function ExportSplitFields({ options, set }: FieldsProps) {
  const { t } = useI18n();
  const { split, ratios } = options;
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={split} onChange={(e) => set({ split: e.target.checked })} />
        {t('export.split')}
      </label>
      {split && (
        <div className="split-row">
          {(['train', 'dev', 'test', 'seed'] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`split-${k}`}>{t(`export.${k}`)}</label>
              <input
                id={`split-${k}`}
                className="input"
                type="number"
                step={k === 'seed' ? 1 : 0.05}
                min={0}
                max={k === 'seed' ? undefined : 1}
                value={ratios[k]}
                onChange={(e) => set({ ratios: { ...ratios, [k]: Number(e.target.value) } })}
              />
            </div>
          ))}
        </div>
      )}
    </>
  );
}
