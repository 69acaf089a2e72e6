/** Plan vs quota vs actual per unit (ECharts bar chart, only the parts it needs). */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export default function QuotaChart({ units, plan, quota, actual }: { units: string[]; plan: number[]; quota: number[]; actual: number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: units, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '计划', type: 'bar', data: plan, itemStyle: { color: '#91caff' } },
        { name: '配额', type: 'bar', data: quota, itemStyle: { color: '#d9d9d9' } },
        { name: '实际', type: 'bar', data: actual, itemStyle: { color: '#cf1322' } },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [units, plan, quota, actual]);
  return <div ref={ref} style={{ height: 320 }} data-testid="quota-chart" />;
}
