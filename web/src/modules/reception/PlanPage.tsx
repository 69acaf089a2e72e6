/**
 * 接待方案: the delegation, guests, itinerary (each item a task with its light and 完成/取消), the change log
 * of an approved plan (第N版), and the actions the server answers: 修改, 报送, 审批, 退回, 实际费用, 办结, 导出.
 */
import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { LEVELS } from '../../../../common/enums.ts';
import { chinaTime, messages, type Plan } from './api.ts';
import ItemCard from './ItemCard.tsx';

type Step = 'submit' | 'approve' | 'return' | 'close' | 'costs';
const DONE: Record<Step, string> = { submit: '已报送', approve: '已审批', return: '已退回', close: '已办结', costs: '已保存实际费用' };

/** The costs and summary form after the visit. */
function CostsCard({ plan, onSave }: { plan: Plan; onSave: (body: Record<string, unknown>, step: Step) => void }) {
  const [costs, setCosts] = useState<Record<number, number | null>>(() => Object.fromEntries(plan.items.map((i) => [i.id, i.actualCost])));
  const [summary, setSummary] = useState(plan.summary ?? '');
  const body = () => ({
    costs: Object.entries(costs)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => ({ itemId: Number(k), actualCost: v })),
    summary,
  });
  return (
    <Card title="实际费用与小结" data-testid="costs">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={plan.items}
        columns={[
          { title: '事项', render: (_, i) => `${i.kindName.zh}：${i.title}` },
          { title: '预算（元）', dataIndex: 'budget', width: 100 },
          {
            title: '实际费用（元）',
            width: 150,
            render: (_, i) => (
              <InputNumber
                aria-label={`${i.title} 实际费用`}
                min={0}
                precision={0}
                value={costs[i.id] ?? null}
                onChange={(v) => setCosts((c) => ({ ...c, [i.id]: v }))}
                style={{ width: '100%' }}
              />
            ),
          },
        ]}
      />
      <Input.TextArea
        aria-label="接待工作小结"
        placeholder="接待工作小结"
        rows={3}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        style={{ margin: '12px 0' }}
      />
      <Space wrap>
        <Button onClick={() => onSave(body(), 'costs')} data-testid="save-costs">
          保存实际费用
        </Button>
        {plan.actions.includes('close') && (
          <Button type="primary" disabled={!summary.trim()} onClick={() => onSave({ summary }, 'close')} data-testid="close">
            办结
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** The plan page. */
export default function PlanPage() {
  const id = Number(useParams().id);
  const t = useT(messages);
  const pick = usePick();
  const nav = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['reception', 'plan', id], queryFn: () => api<Plan>(`/api/reception/plans/${id}`) });
  const act = useMutation({
    mutationFn: ({ step, body }: { step: Step; body: Record<string, unknown> }) =>
      api<Plan>(`/api/reception/plans/${id}/${step}`, { method: 'POST', body: { version: q.data!.version, ...body } }),
    onSuccess: async (d, { step }) => {
      // the answer is the plan as it now is: its new version at once, so a next step (办结 right after 保存实际费用)
      // does not send the old one while the page refetches (a 409 under load)
      qc.setQueryData(['reception', 'plan', id], d);
      message.success(`${d.number}：${DONE[step]}`);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['reception'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (!q.data) return <Card loading={q.isLoading}>{q.error ? <Alert type="error" title={q.error.message} /> : null}</Card>;
  const p = q.data;
  const can = (a: Plan['actions'][number]) => p.actions.includes(a);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap size={4}>
            <span>{p.title}</span>
            <Tag color={p.status === 'approved' ? 'blue' : p.status === 'closed' ? 'green' : undefined}>{pick(p.statusName)}</Tag>
            {p.revision > 0 && <Tag data-testid="revision">第{p.revision}版</Tag>}
          </Space>
        }
        extra={<Link to="/reception">{t('back')}</Link>}
      >
        {p.returnReason && p.status === 'draft' && <Alert type="warning" showIcon title={`退回意见：${p.returnReason}`} style={{ marginBottom: 12 }} />}
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="编号">{p.number}</Descriptions.Item>
          <Descriptions.Item label={t('level')}>{LEVELS.find((l) => l.value === p.level)?.zh}</Descriptions.Item>
          <Descriptions.Item label={t('delegation')}>{p.delegation}</Descriptions.Item>
          <Descriptions.Item label={t('dates')}>
            {p.arriveDate} 至 {p.leaveDate}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('guests')}（${p.guestCount}人）`} span={2}>
            {p.guests.map((g) => (g.title ? `${g.name}（${g.title}）` : g.name)).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('purpose')} span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{p.purpose}</div>
          </Descriptions.Item>
          <Descriptions.Item label={t('budget')}>{p.budget}</Descriptions.Item>
          <Descriptions.Item label={t('actual')}>{p.actualCost ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="拟稿">{p.draftedBy.name}</Descriptions.Item>
          <Descriptions.Item label="审批">
            {p.headApprovedBy ? `处长 ${p.headApprovedBy.name} ${chinaTime(p.headApprovedAt)}` : '—'}
            {p.approvedBy && `；主任 ${p.approvedBy.name} ${chinaTime(p.approvedAt)}`}
          </Descriptions.Item>
          {p.summary && (
            <Descriptions.Item label="接待工作小结" span={2}>
              {p.summary}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }} data-testid="plan-actions">
          {can('edit') && (
            <Button icon={<EditOutlined />} onClick={() => nav(`/reception/plans/${id}/edit`)} data-testid="edit">
              {p.status === 'approved' ? '修改方案（生成新版本）' : '修改'}
            </Button>
          )}
          {can('submit') && (
            <Button type="primary" onClick={() => act.mutate({ step: 'submit', body: {} })} data-testid="submit">
              报送审批
            </Button>
          )}
          {can('approve') && (
            <Button type="primary" onClick={() => act.mutate({ step: 'approve', body: {} })} data-testid="approve">
              {p.status === 'submitted' ? '处长审核同意' : '主任审批同意'}
            </Button>
          )}
          {can('return') && (
            <Space.Compact>
              <Input aria-label="退回理由" placeholder="退回理由" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button disabled={!reason.trim()} onClick={() => act.mutate({ step: 'return', body: { reason } })}>
                退回
              </Button>
            </Space.Compact>
          )}
          {can('export') && (
            <Button icon={<DownloadOutlined />} href={`/api/reception/plans/${id}/plan.docx`} data-testid="export">
              导出方案（DOCX）
            </Button>
          )}
        </Space>
      </Card>

      <Card title={t('itinerary')} styles={{ body: { padding: 12 } }}>
        <Space direction="vertical" style={{ width: '100%' }} size={8}>
          {p.items.map((i) => (
            <ItemCard key={i.id} item={i} dateToo />
          ))}
        </Space>
      </Card>

      {can('recordCosts') && <CostsCard key={p.version} plan={p} onSave={(body, step) => act.mutate({ step, body })} />}

      {p.changes.length > 0 && (
        <Card title={t('changes')} data-testid="changes">
          <Timeline
            items={p.changes.map((c) => ({
              children: (
                <div>
                  <b>第{c.revision}版</b> {c.by.name} {chinaTime(c.at)}
                  <div>变更原因：{c.note}</div>
                  <div>变更内容：{c.fields.join('；')}</div>
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
