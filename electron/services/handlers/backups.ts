import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';

export function registerBackupHandlers(registry: HandlerRegistry, core: CoreContext): void {
  registry.method('backups:list', () => core.backups.list());
  registry.method('backups:restore', ({ backupPath }) => core.backups.restore(backupPath));
}
