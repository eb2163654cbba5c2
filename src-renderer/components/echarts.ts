/** ECharts core with only the charts, components and renderers the app uses registered (smaller bundle). */
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  ParallelComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([
  BoxplotChart, ScatterChart, LineChart, HeatmapChart, BarChart, ParallelChart,
  GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, DataZoomComponent, TitleComponent,
  VisualMapComponent, ParallelComponent,
  CanvasRenderer, SVGRenderer,
]);

export { echarts };
