/** 信息工作统计: per unit and period — reported, adopted by level, 批示, 迟报, 漏报 (信息处 and leaders see every unit). */
import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../app/api.ts';
import { useCan, type InformationStatistics } from './api.ts';
import Nav from './Nav.tsx';

type Row = InformationStatistics['units'][number];

export default function StatsPage() {
  const can = useCan();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['information', 'stats', from, to],
    queryFn: () => api<InformationStatistics>(`/api/information/statistics${qs({ from, to })}`),
  });
  const rows = q.data?.units ?? [];
  return (
    <div>
      <Nav desk={can.edit} />
      <Card title="信息工作统计" extra={<DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />}>
        <Table<Row>
          rowKey="unitId"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '报送', dataIndex: 'reported', width: 80 },
            { title: '采用', key: 'adopted', width: 80, render: (_: unknown, r) => r.adopted.total },
            { title: '录用', key: 'recorded', width: 80, render: (_: unknown, r) => r.adopted.recorded },
            { title: '编入专报', key: 'special', width: 90, render: (_: unknown, r) => r.adopted.special },
            { title: '报送上级', key: 'upper', width: 90, render: (_: unknown, r) => r.adopted.upper },
            { title: '获批示', dataIndex: 'instructions', width: 80 },
            { title: '迟报', dataIndex: 'late', width: 70 },
            { title: '漏报', dataIndex: 'missed', width: 70 },
          ]}
        />
      </Card>
    </div>
  );
}
