/**
 * 调研课题: the 课题 (lead unit, 负责人, team from several units, period and light), its milestones (each
 * with its light and 完成 for the team), the report (uploads while in progress), 结题 with the report's
 * summary (filed into 资源共享), and its 转化 links. Buttons are the actions the server answers.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LEVELS } from '../../../../common/enums.ts';
import { useMeta } from '../../app/meta.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { formatDateTime } from '../../app/time.ts';
import { CONVERSION_KIND_NAMES, CONVERSION_KINDS, messages, useDirectory, type Topic } from './api.ts';
import Nav from './Nav.tsx';

async function upload(topicId: number, file: File): Promise<void> {
  const { csrfToken } = await api<{ csrfToken: string }>('/api/auth/me');
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/api/files?ownerType=research_topic&ownerId=${topicId}`, {
    method: 'POST',
    body,
    headers: { 'X-CSRF-Token': csrfToken },
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
}

/** An empty list's sentence, in a colour that keeps the contrast (antd's default grey does not). */
function Empty({ text }: { text: string }) {
  return <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{text}</span>;
}

function useTopicMutation<B>(path: string, method: 'POST' | 'PUT', done: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (body: B) => api<unknown>(path, { method, body }),
    onSuccess: () => {
      void message.success(done);
      void qc.invalidateQueries({ queryKey: ['research'] });
    },
    onError: (e) => void message.error(e.message),
  });
}

function Milestones({ topic }: { topic: Topic }) {
  const t = useT(messages);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  const add = useTopicMutation<{ title: string; dueDate: string }>(`/api/research/topics/${topic.id}/milestones`, 'POST', '已添加节点');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const complete = useMutation({
    mutationFn: (m: { id: number; version: number }) => api(`/api/research/milestones/${m.id}/done`, { method: 'POST', body: { version: m.version } }),
    onSuccess: () => {
      void message.success('节点已完成');
      void qc.invalidateQueries({ queryKey: ['research'] });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card title={t('milestones')} size="small" data-testid="milestones">
      <List
        dataSource={topic.milestones}
        locale={{ emptyText: <Empty text="暂无节点" /> }}
        renderItem={(m) => (
          <List.Item
            actions={
              m.actions.includes('complete')
                ? [
                    <Button
                      key="c"
                      size="small"
                      type="primary"
                      loading={complete.isPending}
                      onClick={() => complete.mutate(m)}
                      data-testid={`complete-${m.id}`}
                    >
                      {t('complete')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={m.title}
              description={
                <Space wrap size={4}>
                  <span>
                    {t('due')} {m.dueDate}
                  </span>
                  {m.status === 'done' ? <Tag color="green">已完成 {m.doneBy?.name}</Tag> : <LightTag light={m.light} />}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {topic.actions.includes('addMilestone') && (
        <Space wrap style={{ marginTop: 8 }}>
          <Input aria-label="节点名称" placeholder="节点名称" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 220 }} />
          <DatePicker aria-label={t('due')} placeholder={t('due')} value={due} onChange={setDue} />
          <Button
            disabled={!title.trim() || !due}
            loading={add.isPending}
            data-testid="add-milestone"
            onClick={() =>
              add.mutate(
                { title, dueDate: due!.format('YYYY-MM-DD') },
                {
                  onSuccess: () => {
                    setTitle('');
                    setDue(null);
                  },
                },
              )
            }
          >
            {t('addMilestone')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Report({ topic }: { topic: Topic }) {
  const t = useT(messages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState('');
  const conclude = useTopicMutation<{ version: number; summary: string }>(`/api/research/topics/${topic.id}/conclude`, 'POST', '已结题，报告已入库');
  return (
    <Card
      title={t('report')}
      size="small"
      data-testid="report"
      extra={
        topic.actions.includes('attach') && (
          <>
            <input
              ref={input}
              type="file"
              hidden
              aria-label={t('upload')}
              data-testid="report-file"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (!f) return;
                setBusy(true);
                try {
                  await upload(topic.id, f);
                  await qc.invalidateQueries({ queryKey: ['research'] });
                  message.success('已上传');
                } catch (err) {
                  message.error((err as Error).message);
                } finally {
                  setBusy(false);
                }
              }}
            />
            <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
              {t('upload')}
            </Button>
          </>
        )
      }
    >
      <List
        size="small"
        locale={{ emptyText: <Empty text="尚未上传报告" /> }}
        dataSource={topic.attachments}
        renderItem={(a) => (
          <List.Item>
            <Typography.Link href={`/api/files/${a.id}`}>{a.filename}</Typography.Link>
          </List.Item>
        )}
      />
      {topic.reportSummary && <Typography.Paragraph>{topic.reportSummary}</Typography.Paragraph>}
      {topic.libraryItemId && (
        <Alert
          type="success"
          showIcon
          title={
            <span>
              {t('library')}：
              <Link to={`/library/items/${topic.libraryItemId}`} style={{ textDecoration: 'underline' }}>
                查看资源
              </Link>
            </span>
          }
        />
      )}
      {topic.actions.includes('conclude') && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea aria-label={t('summary')} placeholder={t('summary')} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
          <Button
            type="primary"
            disabled={!summary.trim()}
            loading={conclude.isPending}
            onClick={() => conclude.mutate({ version: topic.version, summary })}
            data-testid="conclude"
          >
            {t('conclude')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Conversions({ topic }: { topic: Topic }) {
  const t = useT(messages);
  const pick = usePick();
  const [kind, setKind] = useState<(typeof CONVERSION_KINDS)[number]>('instruction');
  const [reference, setReference] = useState('');
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const add = useTopicMutation<Record<string, unknown>>(`/api/research/topics/${topic.id}/conversions`, 'POST', '已记录转化');
  if (!topic.conversions.length && !topic.actions.includes('convert')) return null;
  return (
    <Card title={t('conversions')} size="small">
      <List
        size="small"
        dataSource={topic.conversions}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <Tag color="purple">{pick(c.kindName)}</Tag>
              <span>{c.reference}</span>
              {c.supervisionNumber && <Tag>{c.supervisionNumber}</Tag>}
              <Typography.Text type="secondary">{formatDateTime(c.recordedAt)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {topic.actions.includes('convert') && (
        <Space wrap style={{ marginTop: 8 }}>
          <Select
            aria-label="转化方式"
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={CONVERSION_KINDS.map((k) => ({ value: k, label: pick(CONVERSION_KIND_NAMES[k]) }))}
          />
          <Input
            aria-label={t('reference')}
            placeholder={t('reference')}
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            style={{ width: 280 }}
          />
          {kind === 'supervision' && <DatePicker aria-label="督办时限" placeholder="督办时限" value={deadline} onChange={setDeadline} />}
          <Button
            disabled={!reference.trim()}
            loading={add.isPending}
            onClick={() =>
              add.mutate({ kind, reference, ...(deadline ? { deadline: deadline.format('YYYY-MM-DD') } : {}) }, { onSuccess: () => setReference('') })
            }
          >
            {t('addConversion')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

type TopicForm = { title: string; background: string; level: number; leadUnitId: number; leaderId?: number; startDate: Dayjs; endDate: Dayjs };

/** 修改课题: title, background, 密级, lead unit, 负责人 and period (the team stays as it is; sent with the version). */
function TopicEditModal({ topic, onClose }: { topic: Topic; onClose: () => void }) {
  const t = useT(messages);
  const dir = useDirectory();
  const meta = useMeta();
  const [form] = Form.useForm<TopicForm>();
  const save = useTopicMutation<Record<string, unknown>>(`/api/research/topics/${topic.id}`, 'PUT', '已保存');
  const unitName = new Map((dir.data?.units ?? []).map((u) => [u.id, u.shortName]));
  const people = (dir.data?.users ?? [])
    .filter((u) => u.roles.some((r) => ['staff', 'division_head', 'liaison', 'director'].includes(r)))
    .map((u) => ({ value: u.id, label: `${u.name}（${unitName.get(u.unitId) ?? ''}）` }));
  const levels = meta.data?.levels ?? LEVELS;
  return (
    <Modal
      open
      title={t('editTopic')}
      okText={t('save')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            save.mutate(
              {
                version: topic.version,
                title: v.title,
                background: v.background,
                level: v.level,
                leadUnitId: v.leadUnitId,
                leaderId: v.leaderId ?? null,
                startDate: v.startDate.format('YYYY-MM-DD'),
                endDate: v.endDate.format('YYYY-MM-DD'),
                memberIds: topic.members.map((m) => m.user.id),
              },
              { onSuccess: onClose },
            ),
          )
          .catch(() => undefined)
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: topic.title,
          background: topic.background,
          level: topic.level,
          leadUnitId: topic.leadUnit.id,
          leaderId: topic.leader?.id,
          startDate: dayjs(topic.startDate),
          endDate: dayjs(topic.endDate),
        }}
      >
        <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="background" label={t('background')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="leadUnitId" label={t('lead')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 200 }}
              options={(dir.data?.units ?? []).filter((u) => u.kind !== 'committee' && u.kind !== 'upper').map((u) => ({ value: u.id, label: u.shortName }))}
            />
          </Form.Item>
          <Form.Item name="leaderId" label={t('leader')}>
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} options={people} />
          </Form.Item>
          <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={levels.map((l) => ({ value: l.value, label: l.zh }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="startDate" label={t('startDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('endDate')}
            dependencies={['startDate']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_r, v: Dayjs | undefined) =>
                  !v || !getFieldValue('startDate') || !v.isBefore(getFieldValue('startDate') as Dayjs, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function TeamEditor({ topic }: { topic: Topic }) {
  const t = useT(messages);
  const dir = useDirectory();
  const [ids, setIds] = useState<number[]>(topic.members.map((m) => m.user.id));
  const save = useTopicMutation<Record<string, unknown>>(`/api/research/topics/${topic.id}`, 'PUT', '已保存');
  const unitName = new Map((dir.data?.units ?? []).map((u) => [u.id, u.shortName]));
  const people = (dir.data?.users ?? [])
    .filter((u) => u.roles.some((r) => ['staff', 'division_head', 'liaison', 'director'].includes(r)))
    .map((u) => ({ value: u.id, label: `${u.name}（${unitName.get(u.unitId) ?? ''}）` }));
  return (
    <Space wrap>
      <Select
        aria-label={t('team')}
        mode="multiple"
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 280 }}
        value={ids}
        onChange={setIds}
        options={people}
      />
      <Button
        loading={save.isPending}
        onClick={() =>
          save.mutate({
            version: topic.version,
            title: topic.title,
            background: topic.background,
            level: topic.level,
            leadUnitId: topic.leadUnit.id,
            leaderId: topic.leader?.id ?? null,
            startDate: topic.startDate,
            endDate: topic.endDate,
            memberIds: ids,
          })
        }
      >
        {t('editTeam')}
      </Button>
    </Space>
  );
}

export default function TopicPage() {
  const id = Number(useParams().id);
  const t = useT(messages);
  const pick = usePick();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['research', 'topic', id], queryFn: () => api<Topic>(`/api/research/topics/${id}`) });
  const topic = q.data;
  if (q.error) return <Alert type="error" title={q.error.message} />;
  if (!topic) return <Card loading />;
  return (
    <div>
      <Nav />
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Card
          title={`${topic.number} ${topic.title}`}
          extra={
            <Space wrap>
              {topic.status === 'concluded' ? <Tag color="green">{pick(topic.statusName)}</Tag> : <LightTag light={topic.light} />}
              {topic.actions.includes('edit') && (
                <Button size="small" onClick={() => setEditing(true)} data-testid="topic-edit">
                  {t('edit')}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('lead')}>{topic.leadUnit.name}</Descriptions.Item>
            <Descriptions.Item label={t('leader')}>{topic.leader?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('period')}>
              {topic.startDate} 至 {topic.endDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('level')}>{LEVELS[topic.level]?.zh}</Descriptions.Item>
            <Descriptions.Item label={t('team')} span={2}>
              {topic.members.map((m) => `${m.user.name}（${m.unit.name}）`).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('background')} span={2}>
              {topic.background}
            </Descriptions.Item>
            {topic.onTime !== null && <Descriptions.Item label={t('conclude')}>{topic.onTime ? t('onTime') : t('late')}</Descriptions.Item>}
          </Descriptions>
          {topic.actions.includes('edit') && <TeamEditor key={topic.version} topic={topic} />}
        </Card>
        <Milestones topic={topic} />
        <Report topic={topic} />
        <Conversions topic={topic} />
      </Space>
      {editing && <TopicEditModal key={topic.version} topic={topic} onClose={() => setEditing(false)} />}
    </div>
  );
}
