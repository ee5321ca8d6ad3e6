// What the chart models need from the app: the filter, the labels and their names, the messages, and
// the theme's colours (read again when the theme changes).
import { useMemo } from 'react';
import type { DashboardFilter } from '../../../shared/api/dashboard';
import { useI18n } from '../i18n';
import { useAppState } from '../state/appState';
import type { ChartContext } from './chartModel';
import { readPalette } from './palette';

export function useChartContext(filter: DashboardFilter): ChartContext {
  const { t, labelName } = useI18n();
  const { labels, theme } = useAppState();
  // The theme's data attribute is set in an effect of the app state; by our render it is current.
  const palette = useMemo(() => readPalette(), [theme]); // eslint-disable-line react-hooks/exhaustive-deps
  return useMemo(() => ({ filter, labels, labelName, t, palette }), [filter, labels, labelName, t, palette]);
}
