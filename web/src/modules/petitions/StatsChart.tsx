/** Cases, closed and overdue per category / place / unit (ECharts bar chart, only the parts it needs). */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export default function StatsChart({ names, total, closed, overdue }: { names: string[]; total: number[]; closed: number[]; overdue: number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 4 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '总数', type: 'bar', data: total, itemStyle: { color: '#91caff' } },
        { name: '办结', type: 'bar', data: closed, itemStyle: { color: '#52c41a' } },
        { name: '超期', type: 'bar', data: overdue, itemStyle: { color: '#cf1322' } },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [names, total, closed, overdue]);
  return <div ref={ref} style={{ height: 300 }} data-testid="petitions-chart" />;
}
