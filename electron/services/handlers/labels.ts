import type { HandlerRegistry } from '../app/registry';
import type { CoreContext } from '../core';
import * as service from '../labels/service';

export function registerLabelHandlers(registry: HandlerRegistry, { session }: CoreContext): void {
  registry.method('labels:list', () => service.listLabels(session.requireDb()));
  registry.method('labels:create', (input) => service.createLabel(session.requireDb(), input));
  registry.method('labels:update', (input) => service.updateLabel(session.requireDb(), input));
  registry.method('labels:delete', ({ id }) => service.deleteLabel(session.requireDb(), id));
  registry.method('labels:export', () => service.exportLabelSchema(session.requireDb()));
  registry.method('labels:import', ({ json }) => service.importLabelSchema(session.requireDb(), json));
  registry.method('labels:reorder', ({ ids }) => service.reorderLabels(session.requireDb(), ids));
}
