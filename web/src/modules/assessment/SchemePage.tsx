/** One scheme: its 考比树, the actor's scoring sheet, the results; publish and close for the 督查室. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag } from 'antd';
import { useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { PERIOD_KINDS, STATUS, type Scheme } from './api.ts';
import IndicatorTree from './IndicatorTree.tsx';
import ResultsPanel from './ResultsPanel.tsx';
import ReviewsPanel from './ReviewsPanel.tsx';
import ScoringPanel from './ScoringPanel.tsx';
import SurveyPanel from './SurveyPanel.tsx';
import { useNavigate } from 'react-router';

/** Whether the tree has a 群众评价 leaf. */
function hasPublicLeaf(nodes: Scheme['indicators']): boolean {
  return nodes.some((n) => (n.children.length ? hasPublicLeaf(n.children) : n.method === 'public'));
}

/** The scheme page. */
export default function SchemePage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['assessment', 'scheme', id], queryFn: () => api<Scheme>(`/api/assessment/schemes/${id}`) });
  const step = useMutation({
    mutationFn: (action: 'publish' | 'close' | 'recompute') =>
      api<Scheme>(`/api/assessment/schemes/${id}/${action}`, { method: 'POST', body: { version: q.data!.version } }),
    onSuccess: async (s, action) => {
      void message.success(action === 'recompute' ? '已按当前记录重新计算并留痕' : s.status === 'closed' ? '考核期已结束，结果已冻结' : '方案已发布');
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const navigate = useNavigate();
  const revise = useMutation({
    mutationFn: () => api<Scheme>(`/api/assessment/schemes/${id}/revise`, { method: 'POST' }),
    onSuccess: async (next) => {
      message.success(`已生成第 ${next.revision ?? 2} 版草稿`);
      await qc.invalidateQueries({ queryKey: ['assessment'] });
      void navigate(`/assessment/${next.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const s = q.data;
  if (!s) return <Card loading={q.isLoading}>{q.error?.message}</Card>;
  const tabs = [
    { key: 'tree', label: '考比树', children: <IndicatorTree key={s.version} scheme={s} /> },
    ...(s.actions.includes('scoreOrg') || s.actions.includes('scoreExpert') ? [{ key: 'score', label: '评分', children: <ScoringPanel scheme={s} /> }] : []),
    ...(s.actions.includes('results') ? [{ key: 'results', label: '考核结果', children: <ResultsPanel scheme={s} /> }] : []),
    ...(s.status !== 'draft' && hasPublicLeaf(s.indicators) && (s.actions.includes('scoreOrg') || s.actions.includes('revise'))
      ? [{ key: 'survey', label: '群众评价', children: <SurveyPanel scheme={s} /> }]
      : []),
    ...(s.status !== 'draft' ? [{ key: 'reviews', label: '加减分与申诉', children: <ReviewsPanel scheme={s} /> }] : []),
  ];
  return (
    <Card
      title={s.name}
      extra={
        <Space wrap>
          {s.actions.includes('publish') && (
            <Popconfirm title="发布后方案不能再修改，确定发布？" onConfirm={() => step.mutate('publish')}>
              <Button type="primary">发布方案</Button>
            </Popconfirm>
          )}
          {s.actions.includes('revise') && (
            <Popconfirm title="已发布的方案不能修改。以本方案为底稿生成新版本草稿？" onConfirm={() => revise.mutate()}>
              <Button>修订</Button>
            </Popconfirm>
          )}
          {s.actions.includes('close') && (
            <Popconfirm title="结束考核期将冻结结果，此后不能再评分。确定？" onConfirm={() => step.mutate('close')}>
              <Button danger>结束考核期</Button>
            </Popconfirm>
          )}
          {s.actions.includes('recompute') && (
            <Popconfirm title="将按当前记录重新计算已冻结的结果并留痕，排名可能改变。确定？" onConfirm={() => step.mutate('recompute')}>
              <Button>重新计算</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="周期">{PERIOD_KINDS[s.periodKind]}</Descriptions.Item>
        <Descriptions.Item label="考核期">
          {s.periodFrom} 至 {s.periodTo}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS[s.status]?.color}>{STATUS[s.status]?.label}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="被考核单位">{s.units.length} 个</Descriptions.Item>
        <Descriptions.Item label="版本">第 {s.revision ?? 1} 版</Descriptions.Item>
      </Descriptions>
      <Tabs items={tabs} defaultActiveKey={s.actions.includes('scoreExpert') ? 'score' : 'tree'} />
    </Card>
  );
}
