// ECharts as the dashboard uses it: only the charts and components drawn here, and the SVG renderer
// (crisp at any zoom, and the same drawing saves as an SVG file). zh and en locales are built in.
import { BarChart, GraphChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, HeatmapChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };
export type { ECharts } from 'echarts/core';
