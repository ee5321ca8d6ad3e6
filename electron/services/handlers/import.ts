import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';

export function registerImportHandlers(registry: HandlerRegistry, { imports }: CoreContext): void {
  registry.method('import:preview', ({ sources, options }) => imports.preview(sources, options));
  registry.method('import:previewFile', ({ previewId, index }) => imports.previewFile(previewId, index));
  registry.method('import:overrideEncoding', ({ previewId, index, encoding }) => imports.overrideEncoding(previewId, index, encoding));
  registry.method('import:commit', ({ previewId, include }) => imports.commit(previewId, include));
}
