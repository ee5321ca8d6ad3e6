// Reader header row: my spans are always shown (and editable); each other coder with spans in this
// document is a toggle that draws their spans read-only, dashed in their colour (painter.ts).
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { coderColor } from '../reader/coderColors';
import { useAppState } from '../state/appState';
import type { DocSession } from '../state/docSession';
import { noteSeveralCoders } from './CoderCounts';

export function CoderLayers({ session, me }: { session: DocSession; me: string }) {
  const { t } = useI18n();
  const { project } = useAppState();
  const others = session.otherCoders();
  const several = others.length > 0;
  // The document list starts showing spans per coder once it is known there are several.
  useEffect(() => {
    if (several) noteSeveralCoders(project?.path);
  }, [several, project?.path]);
  if (!several) return null;
  return (
    <div className="coder-layers" role="group" aria-label={t('layers.title')} data-testid="coder-layers">
      <span className="coder-layers-title">{t('layers.title')}</span>
      <span className="coder-layer coder-layer-mine">{t('layers.mine', { name: me, n: session.anns.size })}</span>
      {others.map(({ name, count }) => {
        const on = session.shownCoders.has(name);
        return (
          <button
            key={name}
            type="button"
            className={`toggle-button coder-layer${on ? ' is-on' : ''}`}
            aria-pressed={on}
            data-coder={name}
            title={t('layers.toggle', { name })}
            onClick={() => session.toggleCoder(name, !on)}
          >
            <span className="coder-swatch" style={{ borderColor: coderColor(name) }} aria-hidden="true" />
            {t('layers.count', { name, n: count })}
          </button>
        );
      })}
    </div>
  );
}
