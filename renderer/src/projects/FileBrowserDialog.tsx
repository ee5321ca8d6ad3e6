// The server-side file browser: folders and .biaozhu files under a folder the user walks through
// (home, the default projects folder, parent, children). The browser mode has no native file
// dialog, and paths typed by hand were the first hour's most common mistake.
import { useCallback, useEffect, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { FileEntry, FolderListing } from '../../../shared/api/files';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { errorMessage } from '../state/toasts';

interface Props {
  /** 'folder': choose the folder being shown; 'project': choose a .biaozhu file. */
  purpose: 'folder' | 'project';
  title: string;
  startPath?: string;
  onPick: (path: string) => void;
  onClose: () => void;
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

// eslint-disable-next-line max-lines-per-function -- to split (#19): not reached yet, several steps in one function
export function FileBrowserDialog({ purpose, title, startPath, onPick, onClose }: Props) {
  const { t } = useI18n();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const go = useCallback(async (path?: string) => {
    try {
      const next = await callOrThrow('files:browse', path ? { path } : {});
      setListing(next);
      setTyped(next.path);
      setSelected(null);
      setError(null);
    } catch (e) {
      // The listing stays where it was; the message says what was wrong with the folder asked for.
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void go(startPath);
  }, [go, startPath]);

  const activate = (entry: FileEntry) => {
    if (!entry.path) return;
    if (entry.kind === 'folder') void go(entry.path);
    else if (purpose === 'project') onPick(entry.path);
  };

  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      {purpose === 'folder' ? (
        <button type="button" className="button button-primary" disabled={!listing} onClick={() => listing && onPick(listing.path)}>
          {t('files.chooseFolder')}
        </button>
      ) : (
        <button type="button" className="button button-primary" disabled={!selected} onClick={() => selected && onPick(selected)}>
          {t('files.openProject')}
        </button>
      )}
    </>
  );

  return (
    <Modal title={title} onClose={onClose} footer={footer} wide className="file-browser">
      <form
        className="file-browser-path"
        onSubmit={(e) => {
          e.preventDefault();
          void go(typed.trim() || undefined);
        }}
      >
        <label htmlFor="file-browser-path">{t('files.folder')}</label>
        <input id="file-browser-path" className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} />
        <button type="submit" className="button">
          {t('files.go')}
        </button>
      </form>
      <div className="file-browser-shortcuts">
        <button type="button" className="button button-small" disabled={!listing?.parent} onClick={() => listing?.parent && void go(listing.parent)}>
          ↑ {t('files.up')}
        </button>
        <button type="button" className="button button-small" disabled={!listing} onClick={() => listing && void go(listing.home)}>
          {t('files.home')}
        </button>
        <button type="button" className="button button-small" disabled={!listing} onClick={() => listing && void go(listing.projectsDir)}>
          {t('files.projectsFolder')}
        </button>
      </div>
      {error && (
        <p className="file-browser-error" role="alert">
          {error}
        </p>
      )}
      <ul className="file-browser-list" aria-label={listing?.path ?? ''} aria-busy={!listing}>
        {listing?.entries.map((entry) => (
          <li key={`${entry.kind}:${entry.name}`}>
            <button
              type="button"
              className={`file-entry file-entry-${entry.kind}${selected === entry.path && entry.path ? ' is-selected' : ''}`}
              disabled={!entry.path || (purpose === 'folder' && entry.kind === 'project')}
              title={entry.invalidName ? t('files.invalidName') : (entry.path ?? '')}
              aria-pressed={entry.kind === 'project' && purpose === 'project' ? selected === entry.path : undefined}
              onClick={() => (entry.kind === 'project' ? setSelected(entry.path) : activate(entry))}
              onDoubleClick={() => activate(entry)}
            >
              <span className="file-entry-icon" aria-hidden="true">
                {entry.kind === 'folder' ? <FolderIcon /> : '标'}
              </span>
              <span className="file-entry-name">{entry.name}</span>
              {entry.invalidName && <span className="file-entry-note">{t('files.invalidName')}</span>}
              <span className="file-entry-size">{formatSize(entry.size)}</span>
              <span className="file-entry-date">{formatModified(entry.modified)}</span>
            </button>
          </li>
        ))}
        {listing && listing.entries.length === 0 && (
          <li className="muted file-browser-empty">{t(purpose === 'project' ? 'files.noProjects' : 'files.empty')}</li>
        )}
        {listing && listing.leftOut > 0 && <li className="muted">{t('files.leftOut', { n: listing.leftOut })}</li>}
      </ul>
    </Modal>
  );
}
