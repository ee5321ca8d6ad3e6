// Attribute definitions of a label: key, names, type, choices.
import { ATTRIBUTE_TYPES, type AttributeDefinition, type AttributeType } from '../../../shared/model';
import { useI18n } from '../i18n';

export function AttributeDefsEditor({ defs, onChange }: { defs: AttributeDefinition[]; onChange: (defs: AttributeDefinition[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<AttributeDefinition>) => onChange(defs.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="attr-defs">
      <legend>{t('labels.attributes')}</legend>
      {defs.map((d, i) => (
        <div key={i} className="attr-def">
          <input
            className="input"
            aria-label={t('labels.attrKey')}
            placeholder={t('labels.attrKey')}
            value={d.key}
            onChange={(e) => set(i, { key: e.target.value })}
          />
          <input
            className="input"
            aria-label={t('labels.attrNameZh')}
            placeholder={t('labels.nameZh')}
            value={d.nameZh}
            onChange={(e) => set(i, { nameZh: e.target.value })}
          />
          <input
            className="input"
            aria-label={t('labels.attrNameEn')}
            placeholder={t('labels.nameEn')}
            value={d.nameEn}
            onChange={(e) => set(i, { nameEn: e.target.value })}
          />
          <select
            className="select"
            aria-label={t('labels.attrType')}
            value={d.type}
            onChange={(e) => {
              const type = e.target.value as AttributeType;
              set(i, type === 'choice' ? { type, options: d.options ?? [] } : { type, options: undefined });
            }}
          >
            {ATTRIBUTE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`labels.type.${type}`)}
              </option>
            ))}
          </select>
          <button type="button" className="icon-button" aria-label={`${t('common.delete')} ${d.key}`} onClick={() => onChange(defs.filter((_, j) => j !== i))}>
            ×
          </button>
          {d.type === 'choice' && (
            <input
              className="input attr-options"
              aria-label={t('labels.attrOptions')}
              placeholder={t('labels.attrOptions')}
              value={(d.options ?? []).join(', ')}
              onChange={(e) =>
                set(i, {
                  options: e.target.value
                    .split(/[,，]/)
                    .map((s) => s.trim())
                    .filter(Boolean),
                })
              }
            />
          )}
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...defs, { key: '', nameZh: '', nameEn: '', type: 'text' }])}>
        + {t('labels.addAttribute')}
      </button>
    </fieldset>
  );
}
