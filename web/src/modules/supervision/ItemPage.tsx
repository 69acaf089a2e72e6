/** The item page: details, tasks with the actions the server allows, reports, extensions, the whole timeline. */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Rate,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { uploadFile, type ItemDetail, type TaskView } from './api.ts';
import { useDirectory } from './directory.ts';
import Nav from './Nav.tsx';

const CRITERIA = [
  ['factsClear', '事实清楚'],
  ['problemSolved', '问题解决'],
  ['instructionImplemented', '批示落实'],
  ['conclusionAccurate', '结论准确'],
  ['handlingProper', '处理恰当'],
] as const;

type Dialog = { kind: 'split' | 'close' } | { kind: 'report' | 'extension' | 'review' | 'remind' | 'decide'; task: TaskView };

export default function ItemPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const dir = useDirectory();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['supervision', 'item', id], queryFn: () => api<ItemDetail>(`/api/supervision/items/${id}`) });
  const act = useMutation({
    mutationFn: async (fn: () => Promise<unknown>) => fn(),
    onSuccess: async () => {
      setDialog(null);
      setFiles([]);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['supervision'] });
      message.success('已提交');
    },
    onError: (e: Error) => message.error(e.message),
  });
  if (q.isLoading) return <Card loading />;
  if (q.error || !q.data)
    return (
      <Card>
        <Empty description={(q.error as Error | null)?.message ?? '未找到该事项，或您无权查看'} />
      </Card>
    );
  const d = q.data;
  const it = d.item;
  const post = (url: string, body: unknown) => api(url, { method: 'POST', body });
  const pendingExt = (t: TaskView) => d.extensions.find((e) => e.taskId === t.id && e.status === 'pending');
  const unitUsers = (unitId: number) =>
    (dir.data?.users ?? [])
      .filter((u) => u.unitId === unitId)
      .map((u) => ({ value: u.id, label: `${u.name}${u.roles.includes('liaison') ? '（联络员）' : ''}` }));
  const splitUnits = [{ id: it.leadUnitId, name: it.leadUnitName, lead: true }, ...it.coUnits.map((u) => ({ ...u, lead: false }))];
  const defaultPerson = (unitId: number) =>
    (dir.data?.users ?? []).find((u) => u.unitId === unitId && u.roles.includes('liaison'))?.id ?? (dir.data?.users ?? []).find((u) => u.unitId === unitId)?.id;

  const submit = async () => {
    const v = await form.validateFields();
    if (!dialog) return;
    act.mutate(async () => {
      switch (dialog.kind) {
        case 'split':
          return post(`/api/supervision/items/${id}/split`, {
            version: it.version,
            tasks: splitUnits.map((u) => ({ unitId: u.id, responsibleUserId: v[`p${u.id}`], deadline: (v[`d${u.id}`] as Dayjs).format('YYYY-MM-DD') })),
          });
        case 'close':
          return post(`/api/supervision/items/${id}/follow-up`, { version: it.version, note: v.note, rating: v.rating });
        case 'report': {
          const r = await post(`/api/supervision/tasks/${dialog.task.id}/reports`, {
            version: dialog.task.version,
            content: v.content,
            final: v.final === true,
          });
          for (const f of files) if (f.originFileObj) await uploadFile('supervision_report', (r as { reportId: number }).reportId, f.originFileObj);
          return r;
        }
        case 'extension':
          return post(`/api/supervision/tasks/${dialog.task.id}/extensions`, {
            version: dialog.task.version,
            reason: v.reason,
            requestedDeadline: (v.requestedDeadline as Dayjs).format('YYYY-MM-DD'),
          });
        case 'review':
          return post(`/api/supervision/tasks/${dialog.task.id}/review`, {
            version: dialog.task.version,
            decision: v.decision,
            reason: v.reason,
            criteria: Object.fromEntries(CRITERIA.map(([k]) => [k, (v.criteria ?? []).includes(k)])),
          });
        case 'remind':
          return post(`/api/supervision/tasks/${dialog.task.id}/remind`, { message: v.message });
        case 'decide': {
          const e = pendingExt(dialog.task)!;
          return post(`/api/supervision/extensions/${e.id}/decision`, {
            version: e.version,
            approve: v.approve,
            newDeadline: v.newDeadline ? (v.newDeadline as Dayjs).format('YYYY-MM-DD') : undefined,
            comment: v.comment,
          });
        }
      }
    });
  };

  const taskButtons = (t: TaskView) => (
    <Space wrap>
      {t.actions?.includes('report') && (
        <Button size="small" type="primary" data-testid={`report-${t.id}`} onClick={() => setDialog({ kind: 'report', task: t })}>
          情况反馈
        </Button>
      )}
      {t.actions?.includes('request_extension') && (
        <Button size="small" data-testid={`extension-${t.id}`} onClick={() => setDialog({ kind: 'extension', task: t })}>
          申请延期
        </Button>
      )}
      {(t.actions?.includes('accept') || t.actions?.includes('return')) && (
        <Button size="small" type="primary" data-testid={`review-${t.id}`} onClick={() => setDialog({ kind: 'review', task: t })}>
          审核
        </Button>
      )}
      {t.actions?.includes('decide_extension') && (
        <Button size="small" type="primary" data-testid={`decide-${t.id}`} onClick={() => setDialog({ kind: 'decide', task: t })}>
          审批延期
        </Button>
      )}
      {t.actions?.includes('remind') && (
        <Button size="small" onClick={() => setDialog({ kind: 'remind', task: t })}>
          催办
        </Button>
      )}
    </Space>
  );

  const titles: Record<Dialog['kind'], string> = {
    split: '分解立项',
    close: '结果回访并销号',
    report: '情况反馈',
    extension: '延期申请',
    review: '审核把关',
    remind: '催办',
    decide: '延期审批',
  };
  return (
    <div>
      <Nav office={d.actions.length > 0 || d.tasks.some((t) => t.actions?.includes('remind'))} />
      <Card
        title={
          <Space>
            <span data-testid="item-number">{it.number}</span>
            <span>{it.title}</span>
            <LightTag light={it.light} finished={it.finishedLight} />
            <Tag data-testid="item-status">{it.statusName}</Tag>
          </Space>
        }
        extra={
          <Space>
            {d.actions.includes('split') && (
              <Button data-testid="split" onClick={() => setDialog({ kind: 'split' })}>
                分解立项
              </Button>
            )}
            {d.actions.includes('issue') && d.tasks.length > 0 && (
              <Button
                type="primary"
                data-testid="issue"
                loading={act.isPending}
                onClick={() => act.mutate(() => post(`/api/supervision/items/${id}/issue`, { version: it.version }))}
              >
                交办（印发督办通知）
              </Button>
            )}
            {d.actions.includes('close') && (
              <Button type="primary" data-testid="close" onClick={() => setDialog({ kind: 'close' })}>
                结果回访
              </Button>
            )}
            {it.noticeAttachmentId && <Button href={`/api/files/${it.noticeAttachmentId}`}>督办通知（DOCX）</Button>}
          </Space>
        }
      >
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="来源">
            {it.sourceName}
            {it.sourceRef ? `：${it.sourceRef}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="牵头单位">{it.leadUnitName}</Descriptions.Item>
          <Descriptions.Item label="协办单位">{it.coUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          {it.instructionText && (
            <Descriptions.Item label="领导批示" span={3}>
              {it.instructedBy}：{it.instructionText}
              {it.instructedAt ? `（${it.instructedAt}）` : ''}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="工作要求" span={3}>
            {it.requirement}
          </Descriptions.Item>
          <Descriptions.Item label="责任领导">{it.responsibleLeaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="督查室经办">{it.responsibleUserName}</Descriptions.Item>
          <Descriptions.Item label="时限">{it.deadline}</Descriptions.Item>
          <Descriptions.Item label="密级">{it.level === 0 ? '公开' : it.level === 1 ? '内部' : `${it.level}`}</Descriptions.Item>
          <Descriptions.Item label="办结标准" span={2}>
            {it.closingCriteria}
          </Descriptions.Item>
          {it.rating !== null && (
            <Descriptions.Item label="结果回访" span={3}>
              <Rate disabled value={it.rating} /> {it.followupNote}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title="责任分工" style={{ marginTop: 16 }}>
        <Table<TaskView>
          rowKey="id"
          pagination={false}
          dataSource={d.tasks}
          locale={{ emptyText: '尚未分解立项' }}
          columns={[
            {
              title: '责任单位',
              render: (_, t) => (
                <Space>
                  {t.unitName}
                  <Tag color={t.isLead ? 'red' : 'blue'}>{t.isLead ? '牵头' : '协办'}</Tag>
                </Space>
              ),
            },
            { title: '责任人', dataIndex: 'responsibleUserName' },
            {
              title: '时限',
              render: (_, t) => (
                <Space>
                  {t.deadline}
                  {t.extensionCount > 0 && <Tag>已延期</Tag>}
                </Space>
              ),
            },
            {
              title: '状态',
              dataIndex: 'statusName',
              render: (v: string, t) => (
                <Tag data-testid={`task-status-${t.id}`} color={t.status === 'returned' ? 'orange' : t.status === 'accepted' ? 'green' : undefined}>
                  {v}
                </Tag>
              ),
            },
            { title: '灯号', render: (_, t) => <LightTag light={t.light} finished={t.finishedLight} /> },
            { title: '操作', render: (_, t) => taskButtons(t) },
          ]}
        />
      </Card>
      <Card title="情况反馈与审核" style={{ marginTop: 16 }}>
        {d.reports.length === 0 ? (
          <Empty description="暂无反馈" />
        ) : (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={d.reports}
            columns={[
              { title: '单位', render: (_, r) => d.tasks.find((t) => t.id === r.taskId)?.unitName },
              { title: '类型', render: (_, r) => (r.kind === 'final' ? '申请办结' : '进展反馈') },
              { title: '内容', dataIndex: 'content' },
              {
                title: '附件',
                render: (_, r) =>
                  r.attachments.map((f) => (
                    <div key={f.id}>
                      <a href={`/api/files/${f.id}`}>{f.filename}</a>
                    </div>
                  )),
              },
              { title: '反馈人', render: (_, r) => `${r.submittedBy} ${dayjs(r.submittedAt).format('MM-DD HH:mm')}${r.late ? '（逾期）' : ''}` },
              {
                title: '审核',
                render: (_, r) =>
                  r.reviewStatus === 'accepted' ? (
                    <Tag color="green">通过</Tag>
                  ) : r.reviewStatus === 'returned' ? (
                    <Tag color="orange">退回：{r.reviewComment}</Tag>
                  ) : r.reviewStatus === 'pending' ? (
                    <Tag color="blue">待审核</Tag>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
        {d.extensions.length > 0 && (
          <Table
            style={{ marginTop: 16 }}
            rowKey="id"
            pagination={false}
            dataSource={d.extensions}
            columns={[
              { title: '延期申请', render: (_, e) => d.tasks.find((t) => t.id === e.taskId)?.unitName },
              { title: '理由', dataIndex: 'reason' },
              { title: '原时限→申请', render: (_, e) => `${e.oldDeadline} → ${e.requestedDeadline}` },
              {
                title: '结果',
                render: (_, e) =>
                  e.status === 'pending' ? (
                    <Tag color="blue">待审批</Tag>
                  ) : e.status === 'approved' ? (
                    <Tag color="green">批准至 {e.newDeadline}</Tag>
                  ) : (
                    <Tag color="red">不同意：{e.comment}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Card title="办理过程" style={{ marginTop: 16 }}>
        <Timeline
          items={d.timeline.map((e) => ({
            color: ['return', 'escalate', 'extension_refuse'].includes(e.kind) ? 'red' : e.kind.includes('remind') ? 'orange' : 'blue',
            children: (
              <span>
                {dayjs(e.at).format('YYYY-MM-DD HH:mm')} {e.actorName ?? ''} {e.message}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        title={dialog ? titles[dialog.kind] : ''}
        open={dialog !== null}
        onCancel={() => {
          setDialog(null);
          form.resetFields();
          setFiles([]);
        }}
        onOk={submit}
        confirmLoading={act.isPending}
        okText="提交"
        cancelText="取消"
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'split' &&
            splitUnits.map((u) => (
              <Space key={u.id} align="start" style={{ display: 'flex' }}>
                <Form.Item
                  label={`${u.name}（${u.lead ? '牵头' : '协办'}）责任人`}
                  name={`p${u.id}`}
                  initialValue={defaultPerson(u.id)}
                  rules={[{ required: true, message: '请选择责任人' }]}
                >
                  <Select style={{ width: 220 }} options={unitUsers(u.id)} />
                </Form.Item>
                <Form.Item label="时限" name={`d${u.id}`} initialValue={dayjs(it.deadline)} rules={[{ required: true, message: '请选择时限' }]}>
                  <DatePicker />
                </Form.Item>
              </Space>
            ))}
          {dialog?.kind === 'close' && (
            <>
              <Form.Item name="note" label="回访情况" rules={[{ required: true, message: '请填写回访情况' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="rating" label="满意度" rules={[{ required: true, message: '请评分' }]}>
                <Rate />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'report' && (
            <>
              <Form.Item name="content" label="办理情况" rules={[{ required: true, message: '请填写办理情况' }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
              <Form.Item name="final" valuePropName="checked">
                <Checkbox>已办结，申请办结</Checkbox>
              </Form.Item>
              <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
                <Button icon={<UploadOutlined />}>添加附件</Button>
              </Upload>
            </>
          )}
          {dialog?.kind === 'extension' && (
            <>
              <Form.Item name="requestedDeadline" label="申请延期至" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写理由' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'review' && (
            <>
              <Form.Item name="decision" label="审核意见" initialValue={dialog.task.actions?.includes('accept') ? 'accept' : 'return'}>
                <Radio.Group
                  options={[
                    // 通过 (办结) only for the approver the settings name for the item's source
                    { value: 'accept', label: '通过，办结', disabled: !dialog.task.actions?.includes('accept') },
                    { value: 'return', label: '退回重办' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="criteria" label="办结标准（通过须全部满足）">
                <Checkbox.Group options={CRITERIA.map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="reason" label="意见 / 退回理由">
                <Input.TextArea rows={3} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'remind' && (
            <Form.Item name="message" label="催办内容" rules={[{ required: true, message: '请填写催办内容' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.kind === 'decide' &&
            (() => {
              const e = pendingExt(dialog.task);
              return (
                <>
                  <p>
                    {dialog.task.unitName} 申请延期至 {e?.requestedDeadline}：{e?.reason}
                  </p>
                  <Form.Item name="approve" label="审批" initialValue={true}>
                    <Radio.Group
                      options={[
                        { value: true, label: '同意' },
                        { value: false, label: '不同意' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name="newDeadline" label="新时限（默认为申请日期）">
                    <DatePicker />
                  </Form.Item>
                  <Form.Item name="comment" label="意见（不同意时必填）">
                    <Input.TextArea rows={2} />
                  </Form.Item>
                </>
              );
            })()}
        </Form>
      </Modal>
    </div>
  );
}
