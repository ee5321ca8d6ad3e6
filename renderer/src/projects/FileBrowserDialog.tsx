// The server-side file browser: folders and .biaozhu files under a folder the user walks through
// (home, the default projects folder, parent, children). The browser mode has no native file
// dialog, and paths typed by hand were the first hour's most common mistake.
import { useCallback, useEffect, useState } from 'react';
import { callOrThrow } from '../api/client';
import type { FileEntry, FolderListing } from '../../../shared/api/files';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { errorMessage } from '../state/toasts';
import { FileEntryRow } from './FileEntryRow';

interface Props {
  /** 'folder': choose the folder being shown; 'project': choose a .biaozhu file; 'file': choose a file with one of `extensions`. */
  purpose: 'folder' | 'project' | 'file';
  title: string;
  startPath?: string;
  /** For 'file': which files are listed (txt, csv…). */
  extensions?: string[];
  /** For 'file': the choose button's text. */
  pickLabel?: string;
  onPick: (path: string) => void;
  onClose: () => void;
}

export function FileBrowserDialog({ purpose, title, startPath, extensions, pickLabel, onPick, onClose }: Props) {
  const { t } = useI18n();
  const { listing, typed, setTyped, error, selected, setSelected, go } = useFolderListing(startPath, purpose === 'file' ? extensions : undefined);
  const activate = (entry: FileEntry) => {
    if (!entry.path) return;
    if (entry.kind === 'folder') void go(entry.path);
    else if (purpose === (entry.kind === 'file' ? 'file' : 'project')) onPick(entry.path);
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
          {purpose === 'file' ? (pickLabel ?? t('common.apply')) : t('files.openProject')}
        </button>
      )}
    </>
  );

  return (
    <Modal title={title} onClose={onClose} footer={footer} wide className="file-browser">
      <FolderNavigation listing={listing} typed={typed} setTyped={setTyped} go={go} />
      {error && (
        <p className="file-browser-error" role="alert">
          {error}
        </p>
      )}
      <ul className="file-browser-list" aria-label={listing?.path ?? ''} aria-busy={!listing}>
        {listing?.entries.map((entry) => (
          <FileEntryRow key={`${entry.kind}:${entry.name}`} entry={entry} purpose={purpose} selected={selected} select={setSelected} activate={activate} />
        ))}
        {listing && listing.entries.length === 0 && (
          <li className="muted file-browser-empty">{t(purpose === 'project' ? 'files.noProjects' : 'files.empty')}</li>
        )}
        {listing && listing.leftOut > 0 && <li className="muted">{t('files.leftOut', { n: listing.leftOut })}</li>}
      </ul>
    </Modal>
  );
}

/** The folder shown (starting at startPath, or the server's default), the path being typed, and the project selected in it. */
function useFolderListing(startPath: string | undefined, extensions: string[] | undefined) {
  // By value: a new array each render must not list the folder again.
  const wanted = extensions?.join(',');
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const go = useCallback(
    async (path?: string) => {
      try {
        const next = await callOrThrow('files:browse', { ...(path ? { path } : {}), ...(wanted ? { extensions: wanted.split(',') } : {}) });
        setListing(next);
        setTyped(next.path);
        setSelected(null);
        setError(null);
      } catch (e) {
        // The listing stays where it was; the message says what was wrong with the folder asked for.
        setError(errorMessage(e));
      }
    },
    [wanted],
  );
  useEffect(() => {
    void go(startPath);
  }, [go, startPath]);
  return { listing, typed, setTyped, error, selected, setSelected, go };
}

interface NavigationProps {
  listing: FolderListing | null;
  typed: string;
  setTyped: (path: string) => void;
  go: (path?: string) => Promise<void>;
}

/** A path typed by hand, and the parent, home and projects folders one click away. */
function FolderNavigation({ listing, typed, setTyped, go }: NavigationProps) {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}
