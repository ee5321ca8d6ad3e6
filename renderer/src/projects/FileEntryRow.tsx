// One folder, .biaozhu file or (choosing a file) other file in the file browser: icon, name, size and
// date; a click selects a project or file or opens a folder, a double click opens either.
import type { FileEntry } from '../../../shared/api/files';
import { useI18n } from '../i18n';

interface Props {
  entry: FileEntry;
  purpose: 'folder' | 'project' | 'file';
  selected: string | null;
  select: (path: string | null) => void;
  activate: (entry: FileEntry) => void;
}

export function FileEntryRow({ entry, purpose, selected, select, activate }: Props) {
  const { t } = useI18n();
  return (
    <li>
      <button
        type="button"
        className={`file-entry file-entry-${entry.kind}${selected === entry.path && entry.path ? ' is-selected' : ''}`}
        disabled={!entry.path || (entry.kind !== 'folder' && entry.kind !== purpose)}
        title={entry.invalidName ? t('files.invalidName') : (entry.path ?? '')}
        aria-pressed={entry.kind === purpose ? selected === entry.path : undefined}
        onClick={() => (entry.kind === 'folder' ? activate(entry) : select(entry.path))}
        onDoubleClick={() => activate(entry)}
      >
        <span className="file-entry-icon" aria-hidden="true">
          {entry.kind === 'folder' ? <FolderIcon /> : entry.kind === 'project' ? '标' : '文'}
        </span>
        <span className="file-entry-name">{entry.name}</span>
        {entry.invalidName && <span className="file-entry-note">{t('files.invalidName')}</span>}
        <span className="file-entry-size">{formatSize(entry.size)}</span>
        <span className="file-entry-date">{formatModified(entry.modified)}</span>
      </button>
    </li>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, as the user's own file manager shows it. */
const formatModified = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const formatSize = (bytes: number | null) =>
  bytes === null ? '' : bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/** Drawn, not an emoji: machines without an emoji font show a box instead. */
const FolderIcon = () => (
  <svg width="16" height="14" viewBox="0 0 16 14">
    <path
      d="M1 2.5A1.5 1.5 0 0 1 2.5 1h3.6l1.6 1.8h5.8A1.5 1.5 0 0 1 15 4.3v7.2a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 11.5z"
      fill="currentColor"
      opacity="0.8"
    />
  </svg>
);
