/** 议题库: the topic pool in three layers (储存 / 调度 / 上会), gate status at a glance. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Input, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { chinaTime, type MeetingsConfig, type TopicView } from './api.ts';
import GateTags from './GateTags.tsx';
import Nav from './Nav.tsx';
import ProposeTopicModal from './ProposeTopicModal.tsx';

const LAYERS = [
  { key: 'stored', label: '储存', hint: '已收集、留存备用' },
  { key: 'preparing', label: '调度', hint: '正在准备上会，逐项把关' },
  { key: 'scheduled', label: '上会', hint: '已列入会议议程' },
  { key: 'decided', label: '已议定', hint: '' },
  { key: 'withdrawn', label: '已撤回', hint: '' },
];

/** The pool page. */
export default function TopicPoolPage() {
  const [params, setParams] = useSearchParams();
  const layer = params.get('layer') ?? 'preparing';
  const [q, setQ] = useState('');
  const [proposing, setProposing] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const config = useQuery({ queryKey: ['meetings', 'config'], queryFn: () => api<MeetingsConfig>('/api/meetings/config') });
  const list = useQuery({
    queryKey: ['meetings', 'topics', layer, q],
    queryFn: () => api<{ total: number; counts: Record<string, number>; items: TopicView[] }>(`/api/meeting-topics${qs({ layer, q, pageSize: 200 })}`),
  });
  const move = useMutation({
    mutationFn: ({ t, action }: { t: TopicView; action: string }) =>
      api<TopicView>(`/api/meeting-topics/${t.id}/transitions/${action}`, { method: 'POST', body: { version: t.version } }),
    onSuccess: async (t) => {
      message.success(`“${t.title}”已转入${t.statusName?.zh ?? ''}`);
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const counts = list.data?.counts ?? {};
  return (
    <div>
      <Nav />
      <Card
        title="议题库"
        extra={
          <Space>
            <Input.Search allowClear placeholder="搜索议题名称" onSearch={setQ} style={{ width: 220 }} />
            {config.data?.me.propose && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
                提出议题
              </Button>
            )}
          </Space>
        }
      >
        <Tabs
          activeKey={layer}
          onChange={(k) => setParams({ layer: k })}
          items={LAYERS.map((l) => ({
            key: l.key,
            label: (
              <span data-layer={l.key}>
                {l.label} <Badge count={counts[l.key] ?? 0} showZero color={l.key === 'preparing' ? '#1677ff' : '#8c8c8c'} />
              </span>
            ),
          }))}
        />
        <Table<TopicView>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: `${LAYERS.find((l) => l.key === layer)?.label ?? ''}层暂无议题` }}
          columns={[
            { title: '议题', dataIndex: 'title', width: 280, render: (v: string, t) => <Link to={`/meetings/topics/${t.id}`}>{v}</Link> },
            { title: '提出单位', width: 130, render: (_, t) => t.proposingUnit.name },
            { title: '会议类型', width: 110, render: (_, t) => t.kindName?.zh ?? t.kind },
            { title: '密级', width: 70, render: (_, t) => (t.level ? <Tag color="orange">内部</Tag> : <Tag>公开</Tag>) },
            {
              title: '把关情况',
              render: (_, t) => (
                <Space direction="vertical" size={0}>
                  <GateTags gates={t.gates} />
                  {t.gatesPassed ? (
                    <Tag color="success" style={{ marginTop: 4 }}>
                      把关已全部通过
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '会议',
              width: 200,
              render: (_, t) =>
                t.meeting ? (
                  <Link to={`/meetings/${t.meeting.id}`}>
                    {t.meeting.title}（{chinaTime(t.meeting.startsAt).slice(0, 10)}）
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              title: '操作',
              width: 170,
              render: (_, t) => (
                <Space>
                  {t.actions.includes('prepare') && (
                    <Button size="small" onClick={() => move.mutate({ t, action: 'prepare' })}>
                      转入调度
                    </Button>
                  )}
                  {t.actions.includes('store') && (
                    <Button size="small" onClick={() => move.mutate({ t, action: 'store' })}>
                      转回储存
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ProposeTopicModal open={proposing} onClose={() => setProposing(false)} config={config.data} />
    </div>
  );
}
