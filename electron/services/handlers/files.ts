import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import { browseFolder } from '../files/service';

export function registerFileHandlers(registry: HandlerRegistry, core: CoreContext): void {
  registry.method('files:browse', ({ path, extensions }) => browseFolder(path, core, extensions));
}
