// English strings of "Restore from backup".
export const enBackups = {
  'cmd.restoreBackup': 'Restore from backup…',
  'backups.title': 'Restore from backup',
  'backups.intro':
    'A backup is taken before every import, before a project is upgraded to a new Biaozhu, and every 30 minutes while the project changes; the newest 5 of each kind are kept. Restoring keeps the current state as a backup too.',
  'backups.folder': 'Folder: {folder}',
  'backups.none': 'No backups yet. The first one is taken before the next import, or within 30 minutes of a change.',
  'backups.loading': 'Reading backups…',
  'backups.when': 'Taken',
  'backups.reason': 'Why',
  'backups.documents': 'Documents',
  'backups.spans': 'Spans',
  'backups.size': 'Size',
  'backups.reason.before-import': 'Before an import',
  'backups.reason.before-migration': 'Before an upgrade',
  'backups.reason.scheduled': 'Every 30 minutes',
  'backups.reason.before-restore': 'Before a restore',
  'backups.restore': 'Restore',
  'backups.unusable': 'Cannot be restored: {problem}',
  'backups.confirm':
    'Restore the backup taken {when}? The project will hold {documents, plural, one {# document} other {# documents}} and {spans, plural, one {# span} other {# spans}} again; everything done since is replaced, and the current state is kept as a backup first.',
  'backups.confirmButton': 'Restore this backup',
  'backups.restoring': 'Restoring…',
  'backups.restored':
    'Restored the backup taken {when}: {documents, plural, one {# document} other {# documents}}, {spans, plural, one {# span} other {# spans}}.',
} as const;
