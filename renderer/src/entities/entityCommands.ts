// Keys for entities and relations (#23), in the same command list as every other key (the palette
// and the ? overlay show them): L links the selected span to its proposed entity (or a new one),
// Shift+L links every identical mention in the corpus too, R starts a relation from it, Shift+R goes
// to the relation list shown (to review its relations by keys), Alt+E opens the entity panel.
import type { Annotation, Label } from '../../../shared/model';
import type { Translate } from '../i18n';
import type { Command } from '../state/commands';
import type { DocSession } from '../state/docSession';
import { entitiesOf, type EntityState } from './entityState';
import type { PickerHooks } from './relationPicker';
import { focusRelationList } from './useRelationListKeys';

/** Opens the entity panel in the side pane. */
export const ENTITIES_EVENT = 'biaozhu:entities';

interface Deps {
  t: Translate;
  labels: readonly Label[];
  session: DocSession | null;
  reviewMode: boolean;
  notify: (message: string) => void;
  error: (message: string) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The selected span once the server knows it (a span made a moment ago has a temporary id until then). */
async function settledSelection(session: DocSession): Promise<Annotation | null> {
  if ((session.selectedId ?? 0) < 0) await session.settled();
  return session.selected;
}

/** L: links the span to its proposed entity (or a new one named after it); says which. */
export async function linkSelected(state: EntityState, t: Translate, notify: (m: string) => void): Promise<void> {
  const span = await settledSelection(state.session);
  if (!span) return;
  if (span.entityId != null) {
    notify(t('entities.alreadyLinked', { name: state.entity(span.entityId)?.name ?? '' }));
    return;
  }
  const entity = await state.linkProposed(span);
  notify(t('entities.linked', { name: entity.name }));
}

/** Shift+L: the span linked first if it is not, then every identical unlinked mention in the corpus. */
export async function linkIdenticalSelected(state: EntityState, t: Translate, notify: (m: string) => void): Promise<void> {
  let span = await settledSelection(state.session);
  if (!span) return;
  if (span.entityId == null) {
    await state.linkProposed(span);
    span = state.session.anns.get(span.id) ?? span;
  }
  const result = await state.linkIdentical(span);
  notify(t('entities.linkedIdentical', { count: result.linked, documents: result.documentIds.length }));
}

/** Hooks for the relation picker: scroll to the arrowed span, word what happened. */
export function pickerHooks(t: Translate, labels: readonly Label[], session: DocSession, notify: (m: string) => void, error: (m: string) => void): PickerHooks {
  return {
    labelKey: (id) => labels.find((l) => l.id === id)?.key,
    reveal: (span) => session.view?.scrollToOffset(span.start, 'nearest'),
    notify: (m, vars) => notify(t(`relations.notice.${m}`, vars)),
    error,
  };
}

export async function startRelation(state: EntityState, hooks: PickerHooks): Promise<void> {
  await state.ready();
  const span = await settledSelection(state.session);
  if (span) state.startRelation(span, hooks);
}

export function entityCommands({ t, labels, session, reviewMode, notify, error }: Deps): Command[] {
  const hasSpan = () => session?.selected != null;
  const run = (work: (state: EntityState) => Promise<void>) => () => {
    if (session) void work(entitiesOf(session)).catch((e: unknown) => error(message(e)));
  };
  return [
    {
      id: 'entity:link',
      group: 'spans',
      title: t('entities.cmd.link'),
      keys: ['l'],
      run: run((s) => linkSelected(s, t, notify)),
      enabled: hasSpan,
    },
    {
      id: 'entity:linkIdentical',
      group: 'spans',
      title: t('entities.cmd.linkIdentical'),
      keys: ['Shift+l'],
      run: run((s) => linkIdenticalSelected(s, t, notify)),
      enabled: hasSpan,
    },
    {
      id: 'relation:start',
      group: 'spans',
      title: t('relations.cmd.start'),
      // R rejects while reviewing; elsewhere it draws a relation.
      keys: ['r'],
      run: run((s) => startRelation(s, pickerHooks(t, labels, s.session, notify, error))),
      enabled: () => hasSpan() && !reviewMode,
    },
    {
      id: 'relation:review',
      group: 'review',
      title: t('relations.cmd.review'),
      keys: ['Shift+r'],
      run: () => {
        if (!focusRelationList()) notify(t('relations.notice.noList'));
      },
      enabled: () => session !== null,
    },
    {
      id: 'entities:panel',
      group: 'view',
      title: t('entities.cmd.panel'),
      keys: ['Alt+e'],
      run: () => window.dispatchEvent(new Event(ENTITIES_EVENT)),
      global: true,
    },
  ];
}
