/** 统计分析: by unit, by source, by month, lights, extensions and returns (ECharts); click-through to the ledger; summary DOCX. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import type { SupervisionStats } from './api.ts';
import Nav from './Nav.tsx';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

function Chart({
  option,
  onClick,
  testId,
}: {
  option: echarts.EChartsCoreOption;
  onClick?: (p: { dataIndex: number; seriesIndex?: number }) => void;
  testId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'svg' });
    chart.setOption(option);
    if (onClick) chart.on('click', (p) => onClick(p as unknown as { dataIndex: number; seriesIndex?: number }));
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option, onClick]);
  return <div ref={ref} style={{ height: 320 }} data-testid={testId} />;
}

export default function StatsPage() {
  const nav = useNavigate();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs().endOf('year')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['supervision', 'stats', from, to], queryFn: () => api<SupervisionStats>(`/api/supervision/stats${qs({ from, to })}`) });
  const s = q.data;
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  return (
    <div>
      <Nav office={false} />
      <Card
        title="督查督办统计分析"
        loading={q.isLoading}
        extra={
          <Space>
            <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
            <Button href={`/api/supervision/summary.docx${qs({ from, to })}`}>定期分类汇总分析（DOCX）</Button>
          </Space>
        }
      >
        {s && (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={4}>
                <Statistic title="立项事项" value={s.totals.items} />
              </Col>
              <Col span={4}>
                <Statistic title="已办结事项" value={s.totals.itemsClosed} />
              </Col>
              <Col span={4}>
                <Statistic title="交办任务" value={s.totals.tasks} />
              </Col>
              <Col span={4}>
                <Statistic title="按时办结率" value={pct(s.totals.onTimeRate)} />
              </Col>
              <Col span={4}>
                <Statistic title="当前超期" value={s.totals.overdue} valueStyle={{ color: '#cf1322' }} />
              </Col>
              <Col span={4}>
                <Statistic title="延期 / 退回" value={`${s.totals.extensions} / ${s.totals.returns}`} />
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={14}>
                <Card size="small" title="按责任单位（点击查看台账）">
                  <Chart
                    testId="chart-units"
                    option={{
                      tooltip: { trigger: 'axis' },
                      legend: { top: 0 },
                      grid: { left: 40, right: 16, top: 36, bottom: 60 },
                      xAxis: { type: 'category', data: s.byUnit.map((u) => u.unitName), axisLabel: { interval: 0, rotate: 30 } },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [
                        { name: '交办', type: 'bar', data: s.byUnit.map((u) => u.assigned), itemStyle: { color: '#91caff' } },
                        { name: '办结', type: 'bar', data: s.byUnit.map((u) => u.closed), itemStyle: { color: '#52c41a' } },
                        { name: '超期', type: 'bar', data: s.byUnit.map((u) => u.overdue), itemStyle: { color: '#f5222d' } },
                      ],
                    }}
                    onClick={(p) => nav(`/supervision?unitId=${s.byUnit[p.dataIndex]!.unitId}${p.seriesIndex === 2 ? '&light=red' : ''}`)}
                  />
                </Card>
              </Col>
              <Col span={10}>
                <Card size="small" title="按来源">
                  <Chart
                    testId="chart-sources"
                    option={{
                      tooltip: { trigger: 'item' },
                      legend: { bottom: 0 },
                      series: [{ type: 'pie', radius: ['35%', '65%'], data: s.bySource.map((r) => ({ name: r.sourceName, value: r.count })) }],
                    }}
                    onClick={(p) => nav(`/supervision?source=${s.bySource[p.dataIndex]!.source}`)}
                  />
                </Card>
              </Col>
            </Row>
            <Card size="small" title="按月份" style={{ marginTop: 16 }}>
              <Chart
                testId="chart-months"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 40, right: 16, top: 36, bottom: 30 },
                  xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: '立项', type: 'line', data: s.byMonth.map((m) => m.registered) },
                    { name: '办结', type: 'line', data: s.byMonth.map((m) => m.closed) },
                  ],
                }}
              />
            </Card>
            <Table
              style={{ marginTop: 16 }}
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={s.byUnit}
              columns={[
                { title: '责任单位', dataIndex: 'unitName', render: (v: string, r) => <a onClick={() => nav(`/supervision?unitId=${r.unitId}`)}>{v}</a> },
                { title: '交办', dataIndex: 'assigned' },
                { title: '办结', dataIndex: 'closed' },
                { title: '按时办结率', dataIndex: 'onTimeRate', render: pct },
                {
                  title: '当前超期',
                  dataIndex: 'overdue',
                  render: (v: number, r) =>
                    v ? (
                      <a style={{ color: '#cf1322' }} onClick={() => nav(`/supervision?unitId=${r.unitId}&light=red`)}>
                        {v}
                      </a>
                    ) : (
                      0
                    ),
                },
                { title: '延期', dataIndex: 'extensions' },
                { title: '退回', dataIndex: 'returns' },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
