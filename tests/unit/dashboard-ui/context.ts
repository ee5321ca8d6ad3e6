// A chart context as the dashboard builds it, without the DOM: four labels, plain colours, messages by key.
import type { DashboardFilter } from '../../../shared/api/dashboard';
import type { Label } from '../../../shared/model';
import type { ChartContext } from '../../../renderer/src/dashboard/chartModel';

const label = (id: number, key: string, nameZh: string, color: string): Label => ({
  id,
  key,
  nameZh,
  nameEn: key,
  color,
  hotkey: null,
  order: id,
  attributes: [],
  descriptionZh: '',
  descriptionEn: '',
  examples: [],
});

export const LABELS = [
  label(1, 'PERSON', '人物', '#d9480f'),
  label(2, 'SLOGAN', '口号', '#1971c2'),
  label(3, 'PROJECT', '项目', '#2f9e44'),
  label(4, 'TARGET', '目标', '#9c36b5'),
];

export function chartContext(filter: DashboardFilter = {}): ChartContext {
  return {
    filter,
    labels: LABELS,
    labelName: (l) => l.nameZh,
    t: (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key),
    palette: {
      background: '#ffffff',
      text: '#1f2328',
      textMuted: '#4a4f57',
      border: '#dedcd4',
      accent: '#3b5bdb',
      accentSoft: '#e7ecff',
      accentText: '#ffffff',
      font: 'sans-serif',
      series: ['#3b5bdb', '#9a5b00', '#237032', '#c92a2a'],
      statuses: ['#5f646c', '#9a5b00', '#1f6f30', '#2f4ac0'],
    },
  };
}

/** The series of a model's option, as the tests read them. */
export const seriesOf = (option: unknown) => (option as { series: { name: string; type: string; data: unknown[] }[] }).series;
