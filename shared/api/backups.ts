import { z } from 'zod';
import type { ProjectInfo } from '../model';

/** Why a backup was taken; also the last part of its file name. */
export const BACKUP_REASONS = ['before-migration', 'before-import', 'scheduled', 'before-restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const backupsInputs = {
  'backups:list': z.object({}).strict(),
  'backups:restore': z.object({ backupPath: z.string().trim().min(1, 'a backup path is required').max(4096) }).strict(),
};

export interface BackupEntry {
  path: string;
  reason: BackupReason;
  /** ISO time the backup was taken (from its file name, UTC). */
  createdAt: string;
  size: number;
  /** Read from the backup itself, read-only; null when it could not be read. */
  documentCount: number | null;
  annotationCount: number | null;
  schemaVersion: number | null;
  /** Set when the backup is a copy of a damaged project or cannot be read: it cannot be restored. */
  problem: string | null;
}

export interface BackupList {
  /** Newest first. */
  backups: BackupEntry[];
  /** The folder new backups go to. */
  folder: string;
  /** Set when the project's own folder is not writable and backups go to the user data folder instead. */
  fallbackNote: string | null;
}

type In<K extends keyof typeof backupsInputs> = z.infer<(typeof backupsInputs)[K]>;

export type BackupsApi = {
  'backups:list': (a: In<'backups:list'>) => Promise<BackupList>;
  /** Keeps the current state as a 'before-restore' backup, puts the backup in place and reopens the project. */
  'backups:restore': (a: In<'backups:restore'>) => Promise<ProjectInfo>;
};
