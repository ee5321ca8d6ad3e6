// A chart's numbers as a table (what its CSV saves), for reading them exactly and for screen readers.
import type { CsvTable } from './chartModel';
import { useI18n } from '../i18n';

/** Rows drawn; the CSV holds them all. */
const ROWS_SHOWN = 300;

export function DataTable({ table, label }: { table: CsvTable; label: string }) {
  const { t } = useI18n();
  const [header, ...rows] = table;
  if (!header) return null;
  return (
    <div className="dash-table-wrap">
      <table className="dash-table" aria-label={label}>
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ROWS_SHOWN).map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={typeof cell === 'number' ? 'numeric' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > ROWS_SHOWN && <p className="muted dash-hint">{t('dashboard.table.more', { shown: ROWS_SHOWN, n: rows.length })}</p>}
    </div>
  );
}
