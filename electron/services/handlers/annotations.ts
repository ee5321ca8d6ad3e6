import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as service from '../annotations/service';
import { listAnnotations } from '../db/annotations';

export function registerAnnotationHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('annotations:list', ({ documentId }) => listAnnotations(session.requireDb(), documentId));
  registry.method('annotations:create', (input) => service.createAnnotationForEditor(session.requireDb(), { ...input, annotator: session.annotator() }));
  registry.method('annotations:update', (input) => service.updateAnnotation(session.requireDb(), input));
  registry.method('annotations:delete', ({ id }) => service.deleteAnnotation(session.requireDb(), id));
  registry.method('history:undo', ({ documentId }) => service.undo(session.requireDb(), documentId));
  registry.method('history:redo', ({ documentId }) => service.redo(session.requireDb(), documentId));
  registry.method('history:state', ({ documentId }) => service.historyState(session.requireDb(), documentId));
}
