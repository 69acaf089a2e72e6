/** The item page: details, tasks with the actions the server allows, reports, extensions, the whole timeline. */
import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Radio,
  Rate,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { keepFocus } from '../../app/focus.ts';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { formatDateTime } from '../../app/time.ts';
import { uploadFile, type ItemDetail, type TaskView } from './api.ts';
import { useDirectory } from './directory.ts';
import { useItemChanges } from './ItemChanges.tsx';
import { ReportSection, TaskSection } from './ItemSections.tsx';
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
  const screens = Grid.useBreakpoint();
  // before the breakpoints are measured (first render) ask the window, so a phone never sees the wide layout flash
  const narrow = screens.md === undefined ? window.matchMedia('(max-width: 767.98px)').matches : !screens.md;
  const q = useQuery({ queryKey: ['supervision', 'item', id], queryFn: () => api<ItemDetail>(`/api/supervision/items/${id}`) });
  const changes = useItemChanges(q.data, narrow);
  const act = useMutation({
    mutationFn: async (fn: () => Promise<unknown>) => fn(),
    onSuccess: async () => {
      setDialog(null);
      setFiles([]);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['supervision'] });
      message.success('已提交');
      // the button that was pressed may be gone now (a step done): the focus goes to the item's title
      keepFocus(() => document.querySelector<HTMLElement>('[data-testid=item-title]'));
    },
    onError: (e: Error) => void message.error(e.message),
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
    // a field left empty is shown under the field; the refused promise is not an uncaught page error
    const v = await form.validateFields().catch(() => null);
    if (!v || !dialog) return;
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

  // on a phone the buttons are full-size touch targets
  const size = narrow ? 'middle' : 'small';
  const taskButtons = (t: TaskView) => (
    <Space wrap>
      {t.actions?.includes('report') && (
        <Button size={size} type="primary" data-testid={`report-${t.id}`} onClick={() => setDialog({ kind: 'report', task: t })}>
          情况反馈
        </Button>
      )}
      {t.actions?.includes('request_extension') && (
        <Button size={size} data-testid={`extension-${t.id}`} onClick={() => setDialog({ kind: 'extension', task: t })}>
          申请延期
        </Button>
      )}
      {(t.actions?.includes('accept') || t.actions?.includes('return')) && (
        <Button size={size} type="primary" data-testid={`review-${t.id}`} onClick={() => setDialog({ kind: 'review', task: t })}>
          审核
        </Button>
      )}
      {t.actions?.includes('decide_extension') && (
        <Button size={size} type="primary" data-testid={`decide-${t.id}`} onClick={() => setDialog({ kind: 'decide', task: t })}>
          审批延期
        </Button>
      )}
      {t.actions?.includes('remind') && (
        <Button size={size} onClick={() => setDialog({ kind: 'remind', task: t })}>
          催办
        </Button>
      )}
      {changes.taskButtons(t)}
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
      <Nav office={d.actions.some((a) => a !== 'instruction_report') || d.tasks.some((t) => t.actions?.includes('remind'))} />
      <Card>
        <Flex wrap gap={12} justify="space-between" align="flex-start">
          <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Flex wrap gap={6} align="center">
              <Typography.Text type="secondary" data-testid="item-number">
                {it.number}
              </Typography.Text>
              <LightTag light={it.light} finished={it.finishedLight} />
              <Tag data-testid="item-status">{it.statusName}</Tag>
              {changes.withdrawnNote}
            </Flex>
            <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 18 : 20 }} data-testid="item-title" tabIndex={-1}>
              {it.title}
            </Typography.Title>
          </Flex>
          <Space wrap>
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
            {changes.itemButtons}
            {it.noticeAttachmentId && (
              <Button href={`/api/files/${it.noticeAttachmentId}`} data-testid="notice-docx">
                督办通知（DOCX）
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions
          style={{ marginTop: 16 }}
          column={narrow ? 1 : 3}
          layout={narrow ? 'vertical' : 'horizontal'}
          size="small"
          bordered
          data-testid="item-descriptions"
        >
          <Descriptions.Item label="来源">
            {it.sourceName}
            {d.meeting ? (
              <>
                ：
                <Link to={d.meeting.link} data-testid="item-meeting">
                  {it.sourceRef ?? d.meeting.title}
                </Link>
              </>
            ) : it.sourceRef ? (
              `：${it.sourceRef}`
            ) : (
              ''
            )}
          </Descriptions.Item>
          <Descriptions.Item label="牵头单位">{it.leadUnitName}</Descriptions.Item>
          <Descriptions.Item label="协办单位">{it.coUnits.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          {it.instructionText && (
            <Descriptions.Item label="领导批示" span="filled">
              <span data-testid="item-instruction">
                {it.instructedBy}：{it.instructionText}
                {it.instructedAt ? `（${it.instructedAt}）` : ''}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="工作要求" span="filled">
            {it.requirement}
          </Descriptions.Item>
          <Descriptions.Item label="责任领导">{it.responsibleLeaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="督查室经办">{it.responsibleUserName}</Descriptions.Item>
          <Descriptions.Item label="时限">{it.deadline}</Descriptions.Item>
          <Descriptions.Item label="密级">{it.level === 0 ? '公开' : it.level === 1 ? '内部' : `${it.level}`}</Descriptions.Item>
          <Descriptions.Item label="办结标准" span="filled">
            {it.closingCriteria}
          </Descriptions.Item>
          {it.rating !== null && (
            <Descriptions.Item label="结果回访" span="filled">
              <Rate disabled value={it.rating} /> {it.followupNote}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <TaskSection tasks={d.tasks} narrow={narrow} buttons={taskButtons} />
      {changes.stages}
      <ReportSection detail={d} narrow={narrow} />
      <Card title="办理过程" style={{ marginTop: 16 }}>
        <Timeline
          items={d.timeline.map((e) => ({
            color: ['return', 'escalate', 'extension_refuse', 'withdraw', 'task_withdraw'].includes(e.kind)
              ? 'red'
              : e.kind.includes('remind')
                ? 'orange'
                : ['recommend', 'coordinate'].includes(e.kind)
                  ? 'purple'
                  : 'blue',
            children: (
              <span>
                {formatDateTime(e.at)} {e.actorName ?? ''} {e.message}
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
        afterClose={() => keepFocus(() => document.querySelector<HTMLElement>('[data-testid=item-title]'))}
        confirmLoading={act.isPending}
        okText="提交"
        cancelText="取消"
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'split' &&
            splitUnits.map((u) => (
              <Space key={u.id} align="start" wrap style={{ display: 'flex' }}>
                <Form.Item
                  label={`${u.name}（${u.lead ? '牵头' : '协办'}）责任人`}
                  name={`p${u.id}`}
                  initialValue={defaultPerson(u.id)}
                  rules={[{ required: true, message: '请选择责任人' }]}
                >
                  <Select style={{ width: 220, maxWidth: '100%' }} options={unitUsers(u.id)} />
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
              <Flex wrap gap={8}>
                {/* on a phone this opens the camera (or the photo library); the list is shown by the upload beside it */}
                <Upload
                  accept="image/*"
                  capture="environment"
                  fileList={files}
                  showUploadList={false}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => setFiles(fileList)}
                >
                  <Button icon={<CameraOutlined />} data-testid="report-photo">
                    拍照 / 选择照片
                  </Button>
                </Upload>
                <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} style={{ flex: '1 1 100%' }}>
                  <Button icon={<UploadOutlined />} data-testid="report-file">
                    添加附件
                  </Button>
                </Upload>
              </Flex>
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
      {changes.modal}
    </div>
  );
}
