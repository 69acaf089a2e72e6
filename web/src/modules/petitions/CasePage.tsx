/**
 * 信访件: the petitioner (masked unless the viewer may see personal data), the course (转办, 受理, 办复,
 * 答复, 回访, 办结), the linked repeats, and the actions the server answers. Usable at 390 px (the
 * responsible unit's liaison accepts and replies from a phone).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, List, Select, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { chinaTime, CHANNEL_NAMES, SATISFACTION_NAMES, SATISFACTIONS, type CaseDetail, type Units } from './api.ts';

type Step = 'transfer' | 'accept' | 'reply' | 'answer' | 'close' | 'follow-up';
const DONE: Record<Step, string> = { transfer: '已转办', accept: '已受理', reply: '已办复', answer: '已记录答复', close: '已办结', 'follow-up': '已记录回访' };

/** The case page. */
export default function CasePage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState('');
  const [satisfaction, setSatisfaction] = useState<string | undefined>();
  const c = useQuery({ queryKey: ['petitions', 'case', id], queryFn: () => api<CaseDetail>(`/api/petitions/${id}`) });
  const can = (a: CaseDetail['actions'][number]) => c.data?.actions.includes(a) ?? false;
  const units = useQuery({ queryKey: ['org', 'units'], queryFn: () => api<Units>('/api/org/units'), enabled: can('transfer') });
  const act = useMutation({
    mutationFn: ({ step, body }: { step: Step; body: Record<string, unknown> }) =>
      api<CaseDetail>(`/api/petitions/${id}/${step}`, { method: 'POST', body: { version: c.data!.version, ...body } }),
    onSuccess: async (d, { step }) => {
      message.success(`${d.number}：${DONE[step]}`);
      setText('');
      await qc.invalidateQueries({ queryKey: ['petitions'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (!c.data) return <Card loading={c.isLoading}>{c.error ? <Alert type="error" message={c.error.message} /> : null}</Card>;
  const d = c.data;
  const p = d.petitioner;
  const due = d.status === 'transferred' ? d.acceptDue : d.status === 'accepted' ? d.handleDue : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap size={4}>
            <span>{d.number}</span>
            <Tag>{d.statusName.zh}</Tag>
            {d.repeatOf !== null && <Tag color="orange">重复信访</Tag>}
            {d.supervisedCount > 0 && <Tag color="red">已督办{d.supervisedCount}次</Tag>}
            {d.supervision && (
              <Link to={`/supervision/items/${d.supervision.id}`}>
                <Tag color="volcano">督查督办 {d.supervision.number}</Tag>
              </Link>
            )}
          </Space>
        }
        extra={<Link to="/petitions">返回列表</Link>}
      >
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="信访事项">{d.subject}</Descriptions.Item>
          <Descriptions.Item label="渠道">{CHANNEL_NAMES[d.channel].zh}</Descriptions.Item>
          <Descriptions.Item label="信访人">
            {p.name}
            {p.masked && <Tag style={{ marginLeft: 6 }}>已脱敏</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="身份证号码">{p.idNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="住址">{p.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="类别">{d.category}</Descriptions.Item>
          <Descriptions.Item label="属地">{d.place}</Descriptions.Item>
          <Descriptions.Item label="责任单位">{d.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="时限">
            {due ? (
              <Space size={4}>
                {due}
                <LightTag light={d.light} />
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="主要内容" span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{d.content}</div>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {d.actions.some((a) => a !== 'read' && a !== 'seePersonal') && (
        <Card title="办理" data-testid="case-actions">
          <Space direction="vertical" style={{ width: '100%' }}>
            {can('transfer') && (
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  aria-label="责任单位"
                  placeholder="责任单位"
                  style={{ flex: 1, minWidth: 0 }}
                  value={unitId}
                  onChange={setUnitId}
                  options={(units.data?.items ?? []).filter((u) => u.kind !== 'upper').map((u) => ({ value: u.id, label: u.name }))}
                />
                <Button type="primary" disabled={!unitId} onClick={() => act.mutate({ step: 'transfer', body: { unitId } })}>
                  转办
                </Button>
              </Space.Compact>
            )}
            {can('accept') && (
              <Button type="primary" block onClick={() => act.mutate({ step: 'accept', body: {} })} data-testid="accept">
                受理
              </Button>
            )}
            {(can('reply') || can('answer')) && (
              <>
                <Input.TextArea
                  rows={3}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  placeholder={can('reply') ? '办理情况（办复意见）' : '对信访人的答复'}
                />
                {can('reply') && (
                  <Button type="primary" block disabled={!text.trim()} onClick={() => act.mutate({ step: 'reply', body: { text } })} data-testid="reply">
                    提交办复
                  </Button>
                )}
                {can('answer') && (
                  <Button type="primary" block disabled={!text.trim()} onClick={() => act.mutate({ step: 'answer', body: { text } })}>
                    记录答复
                  </Button>
                )}
              </>
            )}
            {can('followUp') && (
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  aria-label="满意度"
                  placeholder="满意度"
                  style={{ width: 130 }}
                  value={satisfaction}
                  onChange={setSatisfaction}
                  options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_NAMES[s].zh }))}
                />
                <Input placeholder="回访情况" value={text} onChange={(e) => setText(e.target.value)} />
                <Button disabled={!satisfaction} onClick={() => act.mutate({ step: 'follow-up', body: { satisfaction, text: text || undefined } })}>
                  回访
                </Button>
              </Space.Compact>
            )}
            {can('close') && (
              <Space.Compact style={{ width: '100%' }}>
                <Input placeholder="办理结果" value={outcome} onChange={(e) => setOutcome(e.target.value)} />
                <Button danger onClick={() => act.mutate({ step: 'close', body: { outcome: outcome || undefined } })}>
                  办结
                </Button>
              </Space.Compact>
            )}
          </Space>
        </Card>
      )}

      <Card title="办理过程">
        <Timeline
          items={[
            { children: `登记（${d.registeredBy.name}） ${chinaTime(d.createdAt)}` },
            ...(d.transferredAt ? [{ children: `转办 ${d.unit?.name ?? ''} ${chinaTime(d.transferredAt)}，受理时限 ${d.acceptDue ?? ''}` }] : []),
            ...(d.lastSupervisedAt ? [{ color: 'red', children: `超期督办 ${d.supervisedCount} 次，最近 ${chinaTime(d.lastSupervisedAt)}` }] : []),
            ...(d.acceptedAt ? [{ children: `受理（${d.handler?.name ?? ''}） ${chinaTime(d.acceptedAt)}，办理时限 ${d.handleDue ?? ''}` }] : []),
            ...(d.repliedAt ? [{ children: `单位办复 ${chinaTime(d.repliedAt)}：${d.unitReply ?? ''}` }] : []),
            ...(d.answeredAt ? [{ children: `答复信访人 ${chinaTime(d.answeredAt)}：${d.answer ?? ''}` }] : []),
            ...(d.followedUpAt
              ? [{ children: `回访 ${chinaTime(d.followedUpAt)}：${d.satisfaction ? SATISFACTION_NAMES[d.satisfaction].zh : ''} ${d.followUp ?? ''}` }]
              : []),
            ...(d.closedAt ? [{ color: 'green', children: `办结 ${chinaTime(d.closedAt)}：${d.outcome ?? ''}` }] : []),
          ]}
        />
      </Card>

      {d.repeats.length > 0 && (
        <Card title="关联信访件（重复信访）">
          <List
            size="small"
            dataSource={d.repeats}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/petitions/${r.id}`} style={{ textDecoration: 'underline' }}>
                  {r.number}
                </Link>{' '}
                {r.subject}
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
