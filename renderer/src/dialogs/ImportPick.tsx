// Step 1 of importing: choose files (picker, drag-and-drop or a path) and normalization options.
import { useRef, useState } from 'react';
import { NORMALIZATION_STEPS, type SupportedEncoding } from '../../../shared/api/import';
import { useI18n } from '../i18n';
import { EncodingOptions } from './EncodingOptions';
import { errorMessage, useToast } from '../state/toasts';
import { pickedFromFiles, type ImportOptionsState, type PickedSource } from './importTypes';

interface Props {
  sources: PickedSource[];
  setSources: (s: PickedSource[]) => void;
  options: ImportOptionsState;
  setOptions: (o: ImportOptionsState) => void;
}

export function ImportPick({ sources, setSources, options, setOptions }: Props) {
  const { t } = useI18n();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [path, setPath] = useState('');

  const addFiles = async (files: FileList | File[]) => {
    try {
      setSources([...sources, ...(await pickedFromFiles(files))]);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <div className="import-pick">
      <div
        className={`drop-zone${over ? ' is-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void addFiles(e.dataTransfer.files);
        }}
      >
        <p>
          {t('import.drop')}{' '}
          <button type="button" className="link-button" onClick={() => input.current?.click()}>
            {t('import.choose')}
          </button>
        </p>
        <p className="muted">{t('import.formats')}</p>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={t('import.choose')}
          data-testid="import-file-input"
          onChange={(e) => {
            if (e.target.files) void addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <div className="path-row">
          <input
            className="input"
            value={path}
            placeholder="/path/to/file-or-folder"
            aria-label={t('start.openPath')}
            onChange={(e) => setPath(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={!path.trim()}
            onClick={() => {
              setSources([...sources, { name: path.trim(), size: null, source: { kind: 'path', path: path.trim() } }]);
              setPath('');
            }}
          >
            {t('common.add')}
          </button>
        </div>
      </div>
      {sources.length > 0 && <PickedFileList sources={sources} setSources={setSources} />}
      <ImportOptionsFields options={options} setOptions={setOptions} />
    </div>
  );
}

function PickedFileList({ sources, setSources }: Pick<Props, 'sources' | 'setSources'>) {
  const { t } = useI18n();
  return (
    <ul className="picked-files">
      {sources.map((s, i) => (
        <li key={`${s.name}-${i}`}>
          <span>{s.name}</span>
          <span className="muted">{s.size !== null ? `${Math.ceil(s.size / 1024)} KB` : ''}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={`${t('common.delete')} ${s.name}`}
            onClick={() => setSources(sources.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ImportOptionsFields({ options, setOptions }: Pick<Props, 'options' | 'setOptions'>) {
  const { t } = useI18n();
  return (
    <fieldset className="import-options">
      <legend>{t('import.options')}</legend>
      <div className="field">
        <label htmlFor="import-encoding">{t('import.encoding')}</label>
        <select
          id="import-encoding"
          className="select"
          value={options.encoding}
          onChange={(e) => setOptions({ ...options, encoding: e.target.value as SupportedEncoding | '' })}
        >
          <option value="">{t('import.encodingAuto')}</option>
          <EncodingOptions />
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={options.splitArticles} onChange={(e) => setOptions({ ...options, splitArticles: e.target.checked })} />
        {t('import.split')}
      </label>
      <div className="steps-grid" role="group" aria-label={t('import.steps')}>
        <span className="field-label">{t('import.steps')}</span>
        {NORMALIZATION_STEPS.map((step) => (
          <label key={step} className="check">
            <input
              type="checkbox"
              checked={!options.disabledSteps.includes(step)}
              onChange={(e) =>
                setOptions({
                  ...options,
                  disabledSteps: e.target.checked ? options.disabledSteps.filter((s) => s !== step) : [...options.disabledSteps, step],
                })
              }
            />
            {t(`step.${step}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
