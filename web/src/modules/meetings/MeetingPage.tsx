/** 会议详情: attendees and sign-in, agenda with gates, materials, minutes and decisions, 会后督办 with lights. */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { useMeta } from '../../app/meta.ts';
import { useDirectory } from '../supervision/directory.ts';
import { chinaTime, uploadFile, type MeetingDetail, type MeetingsConfig } from './api.ts';
import AttendeesModal from './AttendeesModal.tsx';
import GateTags from './GateTags.tsx';
import Nav from './Nav.tsx';

const TRANSITIONS: Record<string, { label: string; confirm: string }> = {
  notify: { label: '发出会议通知', confirm: '向应到人员发出会议通知？' },
  hold: { label: '会议召开', confirm: '确认会议已召开？' },
  finalize: { label: '印发纪要', confirm: '印发纪要后议定事项不能再修改，确认印发？' },
  cancel: { label: '取消会议', confirm: '取消会议后议题将退回调度层，确认取消？' },
};

/** The meeting page. */
export default function MeetingPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const dir = useDirectory();
  const meta = useMeta();
  const [decisionOpen, setDecisionOpen] = useState(false);
  const [materialOpen, setMaterialOpen] = useState(false);
  const [attendeesOpen, setAttendeesOpen] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [dform] = Form.useForm();
  const [mform] = Form.useForm();
  const config = useQuery({ queryKey: ['meetings', 'config'], queryFn: () => api<MeetingsConfig>('/api/meetings/config') });
  const q = useQuery({ queryKey: ['meetings', 'meeting', id], queryFn: () => api<MeetingDetail>(`/api/meetings/${id}`) });
  const m = q.data;
  const run = useMutation({
    mutationFn: async (fn: () => Promise<unknown>) => fn(),
    onSuccess: async () => {
      message.success('已完成');
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (q.isError) return <Alert type="error" showIcon message={(q.error as Error).message} />;
  if (!m) return <Card loading />;
  const units = (dir.data?.units ?? []).filter((u) => u.kind !== 'committee' && u.kind !== 'upper');
  const post =
    (url: string, body: unknown, method = 'POST') =>
    () =>
      api(url, { method, body });
  const transition = (action: string) =>
    modal.confirm({
      title: TRANSITIONS[action]!.confirm,
      okText: '确定',
      cancelText: '取消',
      // a refusal (e.g. 422 召开 before the meeting's day) is shown by the mutation's message; the dialog closes
      // instead of re-throwing it, which antd would leave as an uncaught promise rejection
      onOk: () => run.mutateAsync(post(`/api/meetings/${id}/transitions/${action}`, { version: m.version })).catch(() => undefined),
    });
  /** Moves an agenda item up (-1) or down (+1): the whole order is saved under the meeting's version. */
  const move = (index: number, by: -1 | 1) => {
    const ids = m.agenda.map((t) => t.id);
    [ids[index], ids[index + by]] = [ids[index + by]!, ids[index]!];
    run.mutate(post(`/api/meetings/${id}/agenda/order`, { version: m.version, topicIds: ids }, 'PUT'));
  };
  const canSupervise = m.actions.includes('supervise') && m.decisions.some((d) => !d.supervisionItemId);
  return (
    <div>
      <Nav />
      <Card
        title={
          <Space>
            {m.title}
            <Tag
              color={m.status === 'minuted' ? 'success' : m.status === 'held' ? 'warning' : m.status === 'cancelled' ? 'error' : 'processing'}
              data-testid="meeting-status"
            >
              {m.statusName?.zh}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {m.actions.includes('signIn') && (
              <Button type="primary" onClick={() => run.mutate(post(`/api/meetings/${id}/sign-in`, {}))}>
                签到
              </Button>
            )}
            {(['notify', 'hold', 'finalize', 'cancel'] as const)
              .filter((a) => m.actions.includes(a) && !(a === 'notify' && m.status === 'notified'))
              .map((a) => (
                <Button key={a} danger={a === 'cancel'} onClick={() => transition(a)}>
                  {TRANSITIONS[a]!.label}
                </Button>
              ))}
            {m.actions.includes('minutesDocx') && <Button href={`/api/meetings/${id}/minutes.docx`}>下载纪要（DOCX）</Button>}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" bordered>
          <Descriptions.Item label="会议类型">
            {m.kindName?.zh}
            {m.decisionKind ? '（决策类）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="时间">{chinaTime(m.startsAt)}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
          <Descriptions.Item label="主持">{m.chair.name}</Descriptions.Item>
          <Descriptions.Item label="密级">{m.level ? '内部' : '公开'}</Descriptions.Item>
          <Descriptions.Item label="纪要期号">{m.minutesNo ? `第${m.minutesNo}期` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title={`议程（${m.agenda.length} 项）`}
        style={{ marginTop: 16 }}
        extra={m.actions.includes('agenda') && <Link to="/meetings/topics?layer=preparing">从调度层选择议题上会</Link>}
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.agenda}
          locale={{ emptyText: '议程为空：请在议题库“调度”层把关通过后列入' }}
          columns={[
            { title: '序号', width: 60, render: (_, t) => t.agendaOrder },
            { title: '议题', render: (_, t) => <Link to={`/meetings/topics/${t.id}`}>{t.title}</Link> },
            { title: '提出单位', width: 140, responsive: ['sm'], render: (_, t) => t.proposingUnit.name },
            { title: '把关', render: (_, t) => <GateTags gates={t.gates} /> },
            ...(m.actions.includes('agenda') && m.agenda.length > 1
              ? [
                  {
                    title: '调整顺序',
                    width: 130,
                    render: (_: unknown, t: (typeof m.agenda)[number], i: number) => (
                      <Space size={4}>
                        <Button
                          size="small"
                          title={`上移：${t.title}`}
                          disabled={i === 0 || run.isPending}
                          onClick={() => move(i, -1)}
                          data-testid={`agenda-up-${t.id}`}
                        >
                          上移
                        </Button>
                        <Button
                          size="small"
                          title={`下移：${t.title}`}
                          disabled={i === m.agenda.length - 1 || run.isPending}
                          onClick={() => move(i, 1)}
                          data-testid={`agenda-down-${t.id}`}
                        >
                          下移
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card
        title="出席与签到"
        style={{ marginTop: 16 }}
        extra={
          m.actions.includes('edit') && (
            <Button size="small" onClick={() => setAttendeesOpen(true)} data-testid="edit-attendees">
              编辑出席人员
            </Button>
          )
        }
      >
        {attendeesOpen && <AttendeesModal m={m} onClose={() => setAttendeesOpen(false)} />}
        <Table
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={m.attendees}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '单位', dataIndex: 'unitName', responsive: ['sm'] },
            {
              title: '出席',
              render: (_, a) => (a.attendance === 'excused' ? <Tag>请假{a.excuseReason ? `：${a.excuseReason}` : ''}</Tag> : <Tag color="blue">应到</Tag>),
            },
            { title: '通知', responsive: ['sm'], render: (_, a) => (a.notifiedAt ? chinaTime(a.notifiedAt) : '—') },
            {
              title: '签到',
              render: (_, a) =>
                a.signedInAt ? <Tag color="success">已签到 {chinaTime(a.signedInAt).slice(11)}</Tag> : a.attendance === 'expected' ? <Tag>未签到</Tag> : '—',
            },
          ]}
        />
      </Card>

      <Card
        title="会议材料"
        style={{ marginTop: 16 }}
        extra={
          m.actions.includes('materials') && (
            <Button size="small" onClick={() => setMaterialOpen(true)}>
              登记材料
            </Button>
          )
        }
      >
        <List
          dataSource={m.materials}
          locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>暂无您可查阅的材料</span> }}
          renderItem={(x) => (
            <List.Item
              actions={
                m.actions.includes('materials')
                  ? [
                      <Upload key="u" showUploadList={false} beforeUpload={(f) => (run.mutate(() => uploadFile('meeting_material', x.id, f)), false)}>
                        <Button size="small" icon={<UploadOutlined />}>
                          上传文件
                        </Button>
                      </Upload>,
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={0}>
                <span>
                  <Tag>{x.kindName?.zh}</Tag>
                  {x.title} {x.level ? <Tag color="orange">内部</Tag> : null}
                </span>
                {x.attachments.map((f) => (
                  <a key={f.id} href={`/api/files/${f.id}`}>
                    {f.filename}
                  </a>
                ))}
              </Space>
            </List.Item>
          )}
        />
      </Card>

      {['held', 'minuted'].includes(m.status) && (
        <Card title="会议纪要与议定事项" style={{ marginTop: 16 }}>
          {m.actions.includes('minutes') ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={3}
                value={summary ?? m.minutesSummary ?? ''}
                onChange={(e) => setSummary(e.target.value)}
                placeholder="纪要综述：会议听取了……，研究了……"
              />
              <Space>
                <Button
                  onClick={() => run.mutate(post(`/api/meetings/${id}/minutes`, { version: m.version, summary: summary ?? m.minutesSummary ?? '' }, 'PUT'))}
                >
                  保存纪要
                </Button>
                <Button onClick={() => setDecisionOpen(true)}>新增议定事项</Button>
              </Space>
            </Space>
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutesSummary}</Typography.Paragraph>
          )}
          <Table
            style={{ marginTop: 12 }}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.decisions}
            locale={{ emptyText: '尚无议定事项' }}
            columns={[
              { title: '序号', width: 60, dataIndex: 'seq' },
              { title: '议题', width: 200, render: (_, d) => m.agenda.find((t) => t.id === d.topicId)?.title ?? '' },
              { title: '议定事项', dataIndex: 'text' },
              {
                title: '牵头/配合',
                width: 180,
                render: (_, d) => `${d.leadUnit.name}${d.coUnits.length ? ` / ${d.coUnits.map((u) => u.name).join('、')}` : ''}`,
              },
              { title: '时限', width: 110, dataIndex: 'dueDate' },
              {
                title: '督办',
                width: 200,
                render: (_, d) =>
                  d.supervisionItemId ? (
                    <Space direction="vertical" size={0} data-supervised={d.id}>
                      <Link to={`/supervision/items/${d.supervisionItemId}`}>{d.supervisionNumber}</Link>
                      {d.progress.map((p) => (
                        <LightTag key={p.itemId} light={p.light} />
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">未转督办</Typography.Text>
                  ),
              },
            ]}
          />
          {canSupervise && (
            <Button
              type="primary"
              style={{ marginTop: 12 }}
              onClick={() =>
                modal.confirm({
                  title: '将全部未转督办的议定事项一步立项为督办事项？',
                  onOk: () => run.mutateAsync(post(`/api/meetings/${id}/supervise`, {})).catch(() => undefined),
                })
              }
            >
              会后督办：议定事项转督办
            </Button>
          )}
        </Card>
      )}

      <Modal title="新增议定事项" open={decisionOpen} onCancel={() => setDecisionOpen(false)} onOk={() => dform.submit()} destroyOnHidden width={600}>
        <Form
          form={dform}
          layout="vertical"
          onFinish={(v: { topicId: number; text: string; leadUnitId: number; coUnitIds?: number[]; dueDate: Dayjs }) =>
            run.mutate(post(`/api/meetings/${id}/decisions`, { ...v, coUnitIds: v.coUnitIds ?? [], dueDate: v.dueDate.format('YYYY-MM-DD') }), {
              onSuccess: () => (setDecisionOpen(false), dform.resetFields()),
            })
          }
        >
          <Form.Item name="topicId" label="议题" rules={[{ required: true, message: '请选择议题' }]}>
            <Select options={m.agenda.map((t) => ({ value: t.id, label: t.title }))} />
          </Form.Item>
          <Form.Item name="text" label="议定事项" rules={[{ required: true, message: '请填写议定事项' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
            <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.shortName }))} />
          </Form.Item>
          <Form.Item name="coUnitIds" label="配合单位">
            <Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.shortName }))} />
          </Form.Item>
          <Form.Item name="dueDate" label="办理时限" rules={[{ required: true, message: '请选择时限' }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="登记会议材料" open={materialOpen} onCancel={() => setMaterialOpen(false)} onOk={() => mform.submit()} destroyOnHidden>
        <Form
          form={mform}
          layout="vertical"
          initialValues={{ kind: 'outline', level: m.level }}
          onFinish={(v) => run.mutate(post(`/api/meetings/${id}/materials`, v), { onSuccess: () => (setMaterialOpen(false), mform.resetFields()) })}
        >
          <Form.Item name="title" label="材料名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select options={(config.data?.materialKinds ?? []).map((k) => ({ value: k.key, label: k.zh }))} />
          </Form.Item>
          <Form.Item name="topicId" label="所属议题">
            <Select allowClear options={m.agenda.map((t) => ({ value: t.id, label: t.title }))} />
          </Form.Item>
          <Form.Item name="level" label="密级">
            <Select options={(meta.data?.levels ?? []).map((l) => ({ value: l.value, label: l.zh }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
