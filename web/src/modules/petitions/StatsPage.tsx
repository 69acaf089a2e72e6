/** 信访统计: by category, place and responsible unit (visible cases only), with a bar chart. */
import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import type { Stats } from './api.ts';
import Nav from './Nav.tsx';
import StatsChart from './StatsChart.tsx';

const DIMENSIONS = [
  { value: 'byCategory', label: '按类别' },
  { value: 'byPlace', label: '按属地' },
  { value: 'byUnit', label: '按责任单位' },
] as const;

/** The statistics page. */
export default function StatsPage() {
  const [dim, setDim] = useState<(typeof DIMENSIONS)[number]['value']>('byCategory');
  const stats = useQuery({ queryKey: ['petitions', 'stats'], queryFn: () => api<Stats>('/api/petitions/stats') });
  const rows = stats.data?.[dim] ?? [];
  return (
    <div>
      <Nav />
      <Card title="信访统计" extra={<Segmented options={[...DIMENSIONS]} value={dim} onChange={(v) => setDim(v as typeof dim)} />} loading={stats.isLoading}>
        <StatsChart names={rows.map((r) => r.name)} total={rows.map((r) => r.total)} closed={rows.map((r) => r.closed)} overdue={rows.map((r) => r.overdue)} />
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 560 }}
          columns={[
            { title: '项目', dataIndex: 'name' },
            { title: '总数', dataIndex: 'total', width: 70 },
            { title: '办结', dataIndex: 'closed', width: 70 },
            { title: '超期', dataIndex: 'overdue', width: 70 },
            { title: '重复信访', dataIndex: 'repeats', width: 90 },
            { title: '满意/基本满意', dataIndex: 'satisfied', width: 120 },
          ]}
        />
      </Card>
    </div>
  );
}
