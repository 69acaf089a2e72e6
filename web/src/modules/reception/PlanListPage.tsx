/** 接待方案 list: status filter, the plan's dates, budget and actual cost, open items; 拟订 for the 接待处. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { messages, PLAN_STATES, type PlanList } from './api.ts';
import Nav from './Nav.tsx';

type Row = PlanList['items'][number];

/** The list page. */
export default function PlanListPage() {
  const t = useT(messages);
  const pick = usePick();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const list = useQuery({ queryKey: ['reception', 'list', status], queryFn: () => api<PlanList>(`/api/reception/plans${qs({ status, pageSize: 100 })}`) });
  return (
    <div>
      <Nav />
      <Card
        title={t('plans')}
        extra={
          list.data?.can.draft && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/reception/new')} data-testid="draft">
              {t('draft')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('status')}
            placeholder={t('status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v?: string) => setParams(v ? { status: v } : {})}
            options={Object.entries(PLAN_STATES).map(([k, v]) => ({ value: k, label: pick(v) }))}
          />
        </Space>
        <Table<Row>
          rowKey="id"
          size="middle"
          scroll={{ x: 760 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150 },
            { title: t('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/reception/plans/${r.id}`}>{v}</Link> },
            { title: t('dates'), width: 190, render: (_, r) => `${r.arriveDate} 至 ${r.leaveDate}` },
            { title: t('status'), width: 120, render: (_, r) => <Tag color={r.status === 'approved' ? 'blue' : undefined}>{pick(r.statusName)}</Tag> },
            { title: t('revision'), width: 70, render: (_, r) => (r.revision ? `第${r.revision}版` : '—') },
            { title: '待办事项', width: 90, render: (_, r) => `${r.openItems}/${r.itemCount}` },
            { title: t('budget'), dataIndex: 'budget', width: 100 },
            { title: t('actual'), width: 110, render: (_, r) => r.actualCost ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
