// Small controls of the chart cards: a label picker and a two-way toggle.
import type { Label } from '../../../shared/model';
import { useI18n } from '../i18n';

export function LabelSelect({ labels, value, onChange, label }: { labels: Label[]; value: number; onChange: (id: number) => void; label: string }) {
  const { labelName } = useI18n();
  return (
    <select className="input input-compact" aria-label={label} title={label} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {labels.map((l) => (
        <option key={l.id} value={l.id}>
          {labelName(l)}
        </option>
      ))}
    </select>
  );
}

/** Buttons of which one is on; an option with a reason after its name is disabled, the reason its tooltip. */
export function Toggle<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: [T, string, string?][];
  onChange: (v: T) => void;
}) {
  return (
    <span className="dash-toggle" role="group" aria-label={label}>
      {options.map(([v, name, disabledWhy]) => (
        <button
          key={v}
          type="button"
          className={`button button-small${v === value ? ' is-on' : ''}`}
          aria-pressed={v === value}
          disabled={!!disabledWhy}
          title={disabledWhy}
          onClick={() => onChange(v)}
        >
          {name}
        </button>
      ))}
    </span>
  );
}
