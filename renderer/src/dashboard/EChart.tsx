// One ECharts chart in a div: drawn with the SVG renderer in the UI's language, resized with its
// box, and handing clicks on a bar, point, cell, node or edge to the card.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { useI18n } from '../i18n';
import type { ChartPoint } from './chartModel';
import { echarts, type ECharts } from './echarts';

export interface EChartHandle {
  /** The chart as drawn now, as a standalone SVG document. */
  svg(): string;
  width(): number;
  height(): number;
}

interface Props {
  option: EChartsCoreOption;
  onPoint?: (point: ChartPoint) => void;
  handle?: Ref<EChartHandle>;
  height: number;
  label: string;
}

export function EChart({ option, onPoint, handle, height, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const { lang } = useI18n();
  const onPointRef = useRef(onPoint);
  onPointRef.current = onPoint;

  useEffect(() => {
    const instance = echarts.init(box.current!, null, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (p) => onPointRef.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, dataType: p.dataType }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, lang]);

  useImperativeHandle(
    handle,
    () => ({
      svg: () => chart.current?.renderToSVGString() ?? '',
      width: () => chart.current?.getWidth() ?? 0,
      height: () => chart.current?.getHeight() ?? 0,
    }),
    [],
  );

  return <div ref={box} className={`dash-chart${onPoint ? ' is-clickable' : ''}`} style={{ height }} role="img" aria-label={label} />;
}
