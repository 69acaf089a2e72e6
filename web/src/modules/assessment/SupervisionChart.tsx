/** This year's 督办 per unit: tasks closed, closed on time, reports returned (ECharts, only the parts it needs). */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export default function SupervisionChart({ units }: { units: { unitName: string; closed: number; closedOnTime: number; returned: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    const ordered = [...units].reverse();
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((u) => u.unitName), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        { name: '办结', type: 'bar', data: ordered.map((u) => u.closed), itemStyle: { color: '#91caff' } },
        { name: '按期办结', type: 'bar', data: ordered.map((u) => u.closedOnTime), itemStyle: { color: '#389e0d' } },
        { name: '退回', type: 'bar', data: ordered.map((u) => u.returned), itemStyle: { color: '#cf1322' } },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [units]);
  return <div ref={ref} style={{ height: Math.max(240, units.length * 44 + 60) }} data-testid="supervision-chart" />;
}
