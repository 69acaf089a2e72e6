/** The ranking as a bar chart (ECharts, only the parts it needs): 先进 green, 落后 red. */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

const COLORS = { advanced: '#389e0d', lagging: '#cf1322', none: '#1677ff' };

export default function RankingChart({ rows }: { rows: { unitName: string; total: number; mark: 'advanced' | 'lagging' | null }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    const ordered = [...rows].reverse(); // highest at the top of a horizontal bar chart
    chart.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 40, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: ordered.map((r) => r.unitName), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        {
          name: '总分',
          type: 'bar',
          data: ordered.map((r) => ({ value: r.total, itemStyle: { color: COLORS[r.mark ?? 'none'] } })),
          label: { show: true, position: 'right' },
        },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [rows]);
  return <div ref={ref} style={{ height: Math.max(200, rows.length * 36 + 40) }} data-testid="ranking-chart" />;
}
