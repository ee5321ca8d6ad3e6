// "Restore from backup": the project's backups, newest first, each with what it holds; Restore asks
// once more in the dialog, then replaces the project and shows the workbench on the restored data.
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { BackupEntry, BackupList } from '../../../shared/api/backups';
import { callOrThrow } from '../api/client';
import { Modal } from '../components/Modal';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import { errorMessage, useToast } from '../state/toasts';

const formatSize = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

const count = (n: number | null): string => (n === null ? '–' : n.toLocaleString());

export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [list, setList] = useState<BackupList | null>(null);
  const [chosen, setChosen] = useState<BackupEntry | null>(null);
  const { busy, restore } = useRestore(onClose);
  useEffect(() => {
    callOrThrow('backups:list', {}).then(setList, (error: unknown) => {
      toast.error(errorMessage(error));
      onClose();
    });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const footer = chosen ? (
    <RestoreConfirmation backup={chosen} busy={busy} cancel={() => setChosen(null)} restore={() => void restore(chosen)} />
  ) : (
    <button type="button" className="button" onClick={onClose}>
      {t('common.close')}
    </button>
  );
  return (
    <Modal title={t('backups.title')} onClose={onClose} wide footer={footer} className="backup-dialog">
      <p className="backup-intro">{t('backups.intro')}</p>
      {list?.fallbackNote && <p className="backup-note">{list.fallbackNote}</p>}
      {!list ? (
        <p aria-busy="true">{t('backups.loading')}</p>
      ) : list.backups.length === 0 ? (
        <p className="backup-empty">{t('backups.none')}</p>
      ) : (
        <BackupTable backups={list.backups} chosen={chosen} busy={busy} choose={setChosen} />
      )}
      {list && <p className="backup-folder">{t('backups.folder', { folder: list.folder })}</p>}
    </Modal>
  );
}

/** When a backup was made, in the interface's language. */
function useBackupTime(): (backup: BackupEntry) => string {
  const { lang } = useI18n();
  return (b) => new Date(b.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** Restores a backup over the project, then shows the workbench on the restored data. */
function useRestore(onClose: () => void) {
  const { t } = useI18n();
  const app = useAppState();
  const toast = useToast();
  const when = useBackupTime();
  const [busy, setBusy] = useState(false);
  const restore = async (backup: BackupEntry) => {
    setBusy(true);
    try {
      const info = await callOrThrow('backups:restore', { backupPath: backup.path });
      toast.info(t('backups.restored', { when: when(backup), documents: count(info.documentCount), spans: count(info.annotationCount) }));
      onClose();
      // Same project path, new contents: unmount the workbench first so every list and reader reloads.
      flushSync(() => app.setProject(null));
      app.setProject(info);
    } catch (error) {
      toast.error(errorMessage(error));
      setBusy(false);
    }
  };
  return { busy, restore };
}

function RestoreConfirmation({ backup, busy, cancel, restore }: { backup: BackupEntry; busy: boolean; cancel: () => void; restore: () => void }) {
  const { t } = useI18n();
  const when = useBackupTime();
  return (
    <>
      <p className="backup-confirm" role="alert">
        {t('backups.confirm', { when: when(backup), documents: count(backup.documentCount), spans: count(backup.annotationCount) })}
      </p>
      <button type="button" className="button" disabled={busy} onClick={cancel}>
        {t('common.cancel')}
      </button>
      <button type="button" className="button button-danger" disabled={busy} onClick={restore}>
        {busy ? t('backups.restoring') : t('backups.confirmButton')}
      </button>
    </>
  );
}

interface TableProps {
  backups: BackupEntry[];
  chosen: BackupEntry | null;
  busy: boolean;
  choose: (backup: BackupEntry) => void;
}

function BackupTable({ backups, chosen, busy, choose }: TableProps) {
  const { t } = useI18n();
  const when = useBackupTime();
  return (
    <table className="backup-table">
      <thead>
        <tr>
          <th scope="col">{t('backups.when')}</th>
          <th scope="col">{t('backups.reason')}</th>
          <th scope="col" className="num">
            {t('backups.documents')}
          </th>
          <th scope="col" className="num">
            {t('backups.spans')}
          </th>
          <th scope="col" className="num">
            {t('backups.size')}
          </th>
          <th scope="col" aria-label={t('backups.restore')} />
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.path} className={chosen?.path === b.path ? 'is-chosen' : undefined} title={b.path}>
            <td>{when(b)}</td>
            <td>{t(`backups.reason.${b.reason}`)}</td>
            <td className="num">{count(b.documentCount)}</td>
            <td className="num">{count(b.annotationCount)}</td>
            <td className="num">{formatSize(b.size)}</td>
            <td>
              {b.problem ? (
                <span className="backup-problem">{t('backups.unusable', { problem: b.problem })}</span>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  disabled={busy}
                  aria-label={`${t('backups.restore')} ${when(b)}`}
                  onClick={() => choose(b)}
                >
                  {t('backups.restore')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
