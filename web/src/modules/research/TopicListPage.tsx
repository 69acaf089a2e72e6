/** 调研课题 list: lead unit, period, light, milestones done, 转化; filter by status and 我参与的. */
import { useQuery } from '@tanstack/react-query';
import { Card, Checkbox, Select, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { messages, TOPIC_STATES, type TopicList } from './api.ts';
import Nav from './Nav.tsx';

type Row = TopicList['items'][number];

export default function TopicListPage() {
  const t = useT(messages);
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const mine = params.get('mine') === 'true';
  const list = useQuery({
    queryKey: ['research', 'topics', status, mine],
    queryFn: () => api<TopicList>(`/api/research/topics${qs({ status, mine: mine ? 'true' : undefined, pageSize: 200 })}`),
  });
  const set = (next: { status?: string; mine?: boolean }) => {
    const p: Record<string, string> = {};
    const s = 'status' in next ? next.status : status;
    const m = 'mine' in next ? next.mine : mine;
    if (s) p.status = s;
    if (m) p.mine = 'true';
    setParams(p);
  };
  return (
    <div>
      <Nav />
      <Card title={t('topics')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('status')}
            placeholder={t('status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v?: string) => set({ status: v })}
            options={Object.entries(TOPIC_STATES).map(([k, v]) => ({ value: k, label: pick(v) }))}
          />
          <Checkbox checked={mine} onChange={(e) => set({ mine: e.target.checked })}>
            {t('mine')}
          </Checkbox>
        </Space>
        <Table<Row>
          rowKey="id"
          size="middle"
          scroll={{ x: 820 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150 },
            { title: t('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/research/topics/${r.id}`}>{v}</Link> },
            { title: t('lead'), width: 120, render: (_, r) => r.leadUnit.name },
            { title: t('period'), width: 200, render: (_, r) => `${r.startDate} 至 ${r.endDate}` },
            {
              title: t('status'),
              width: 110,
              render: (_, r) => (r.status === 'concluded' ? <Tag color="green">{pick(r.statusName)}</Tag> : <LightTag light={r.light} />),
            },
            { title: t('milestones'), width: 80, render: (_, r) => `${r.milestonesDone}/${r.milestones}` },
            { title: t('conversions'), dataIndex: 'conversions', width: 90 },
          ]}
        />
      </Card>
    </div>
  );
}
