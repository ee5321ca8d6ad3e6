// Inputs for a span's attributes, typed by the label's attribute definitions. Text-like fields,
// dates included, save when they lose focus (Tab, a click elsewhere) or on Enter, so typing does not
// write on every key: a date saved while its year was half typed came back and reset the field.
import { useEffect, useState } from 'react';
import type { AttributeDefinition } from '../../../shared/model';
import { useI18n } from '../i18n';

interface Props {
  defs: AttributeDefinition[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
}

function Field({ def, value, onChange }: { def: AttributeDefinition; value: string; onChange: (v: string) => void }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const name = lang === 'zh' ? def.nameZh : def.nameEn;
  const id = `attr-${def.key}`;
  const commit = () => {
    if (draft !== value) onChange(draft);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{name}</label>
      {def.type === 'choice' ? (
        <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('spans.choose')}</option>
          {(def.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className="input"
          type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : 'text'}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Tab') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
    </div>
  );
}

export function AttributeFields({ defs, values, onChange }: Props) {
  return (
    <div className="attribute-fields">
      {defs.map((def) => (
        <Field key={def.key} def={def} value={values[def.key] ?? ''} onChange={(v) => onChange(def.key, v)} />
      ))}
    </div>
  );
}
