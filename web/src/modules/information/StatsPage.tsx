/** 信息工作统计: per unit and period — reported, adopted by level, 批示, 迟报, 漏报, 约稿 asked/answered (信息处 and leaders see every unit); xlsx export. */
import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { useCan, type InformationStatistics } from './api.ts';
import Nav from './Nav.tsx';

type Row = InformationStatistics['units'][number];

const texts = { asked: ['约稿', 'Requests'], answered: ['约稿已报', 'Answered'], export: ['导出 Excel', 'Export Excel'] } as const;

export default function StatsPage() {
  const t = useT(texts);
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
      <Card
        title="信息工作统计"
        extra={
          <Space wrap>
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            <Button icon={<DownloadOutlined />} href={`/api/information/statistics.xlsx${qs({ from, to })}`} data-testid="info-stats-export">
              {t('export')}
            </Button>
          </Space>
        }
      >
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
            { title: t('asked'), dataIndex: 'requestsAsked', width: 70 },
            { title: t('answered'), dataIndex: 'requestsAnswered', width: 90 },
          ]}
        />
      </Card>
    </div>
  );
}
