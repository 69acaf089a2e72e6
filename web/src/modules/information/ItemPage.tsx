/** The item page: text, original and every edit, merge sources and 续报, 批示 with their 督办 progress; buttons from the server's `actions`. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { ADOPT_NAMES, LEVEL_NAMES, showDelay, showTime, useCan, useDirectory, useInformationMeta, type InformationDetail } from './api.ts';
import Nav from './Nav.tsx';
import SubmitModal from './SubmitModal.tsx';
import InstructionModal from './InstructionModal.tsx';
import HandwritingImage from './HandwritingImage.tsx';

type Dialog = { kind: 'return' | 'edit' | 'adopt' } | { kind: 'convert'; instructionId: number; version: number };

const SUPERVISION_STATUS: Record<string, string> = { registered: '立项', issued: '办理中', concluded: '已办结待回访', closed: '已销号' };

export default function ItemPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const meta = useInformationMeta();
  const dir = useDirectory();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [followUp, setFollowUp] = useState(false);
  const [instructing, setInstructing] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['information', 'item', id], queryFn: () => api<InformationDetail>(`/api/information/items/${id}`) });
  const act = useMutation({
    mutationFn: async (fn: () => Promise<unknown>) => fn(),
    onSuccess: async () => {
      setDialog(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['information'] });
      message.success('已提交');
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (q.isLoading) return <Card loading />;
  if (q.error || !q.data)
    return (
      <Card>
        <Empty description={(q.error as Error | null)?.message ?? '未找到该信息，或您无权查看'} />
      </Card>
    );
  const d = q.data;
  const it = d.item;
  const post = (url: string, body: unknown) => api(url, { method: 'POST', body });
  const label = (a: string) => meta.data?.actions[a]?.zh ?? a;
  const units = (dir.data?.units ?? []).filter((u) => ['department', 'lower', 'division'].includes(u.kind)).map((u) => ({ value: u.id, label: u.shortName }));
  const open = (kind: 'return' | 'edit' | 'adopt') => setDialog({ kind });
  const direct = (action: string) => {
    if (action === 'take') act.mutate(() => post(`/api/information/items/${id}/take`, { version: it.version }));
    else if (action === 'followUp') setFollowUp(true);
    else if (action === 'instruct') setInstructing(true);
    else if (action === 'return' || action === 'edit' || action === 'adopt') open(action);
  };
  const openInstruction = d.instructions.find((i) => !i.supervisionItemId);
  const submit = async () => {
    const v = await form.validateFields();
    if (!dialog) return;
    act.mutate(async () => {
      switch (dialog.kind) {
        case 'return':
          return post(`/api/information/items/${id}/return`, { version: it.version, reason: v.reason });
        case 'edit':
          return post(`/api/information/items/${id}/edit`, { version: it.version, title: v.title, body: v.body, note: v.note });
        case 'adopt':
          return post(`/api/information/items/${id}/adopt`, { version: it.version, level: v.level });
        case 'convert':
          return post(`/api/information/instructions/${dialog.instructionId}/supervision`, {
            version: dialog.version,
            leadUnitId: v.leadUnitId,
            coUnitIds: v.coUnitIds ?? [],
            deadline: (v.deadline as Dayjs).format('YYYY-MM-DD'),
          });
      }
    });
  };
  const buttons = d.actions.filter((a) => a !== 'merge' && a !== 'convert');
  return (
    <div>
      <Nav desk={can.edit} />
      <Card
        title={
          <Space>
            <Tag color={it.kind === '紧急信息' ? 'red' : undefined}>{it.kind}</Tag>
            {it.firstId ? '【续报】' : ''}
            {it.title}
          </Space>
        }
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button key={a} type={a === 'adopt' || a === 'instruct' ? 'primary' : 'default'} onClick={() => direct(a)} data-testid={`info-action-${a}`}>
                {label(a)}
              </Button>
            ))}
            {d.actions.includes('convert') && openInstruction && (
              <Button
                type="primary"
                onClick={() => setDialog({ kind: 'convert', instructionId: openInstruction.id, version: openInstruction.version })}
                data-testid="info-action-convert"
              >
                {label('convert')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label="报送单位">{it.unitName}</Descriptions.Item>
          <Descriptions.Item label="报送人">{it.reporterName}</Descriptions.Item>
          <Descriptions.Item label="密级">{LEVEL_NAMES[it.level]}</Descriptions.Item>
          <Descriptions.Item label="事件时间">{showTime(it.eventAt)}</Descriptions.Item>
          <Descriptions.Item label="报送时间">{showTime(it.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label="报送时限">
            {it.dueAt ? showTime(it.dueAt) : '—'} {it.late ? <Tag color="red">迟报 {showDelay(it.delayMinutes)}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag>{it.statusName}</Tag>
            {it.adoptLevel && <Tag color="blue">{ADOPT_NAMES[it.adoptLevel]}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="采编人">{it.editorName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="采用时间">{showTime(it.adoptedAt)}</Descriptions.Item>
          {it.returnReason && (
            <Descriptions.Item label="退回理由" span={3}>
              {it.returnReason}
            </Descriptions.Item>
          )}
          {it.mergedIntoId && (
            <Descriptions.Item label="已并入" span={3}>
              <Link to={`/information/items/${it.mergedIntoId}`}>第 {it.mergedIntoId} 号信息</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{it.body}</Typography.Paragraph>
      </Card>

      <Card title="领导批示" style={{ marginTop: 16 }}>
        {d.instructions.length === 0 ? (
          <Empty description="暂无批示" />
        ) : (
          <List
            dataSource={d.instructions}
            renderItem={(i) => (
              <List.Item>
                <List.Item.Meta
                  title={`${i.leaderName} 批示（${showTime(i.createdAt)}）`}
                  description={
                    <div style={{ minWidth: 0 }}>
                      {i.text && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{i.text}</Typography.Text>}
                      {i.handwriting && <HandwritingImage instructionId={i.id} leaderName={i.leaderName} />}
                    </div>
                  }
                />
                {i.supervision ? (
                  <Space>
                    <Link to={`/supervision/items/${i.supervision.itemId}`}>{i.supervision.number}</Link>
                    <Tag>{SUPERVISION_STATUS[i.supervision.status] ?? i.supervision.status}</Tag>
                    <LightTag light={i.supervision.light} />
                  </Space>
                ) : i.supervisionItemId ? (
                  <Tag>已转督办</Tag>
                ) : (
                  <Tag color="orange">待转督办</Tag>
                )}
              </List.Item>
            )}
          />
        )}
      </Card>

      {(d.sources.length > 0 || d.chain.length > 0) && (
        <Card title={d.sources.length ? '合并来源' : '首报与续报'} style={{ marginTop: 16 }}>
          <List
            dataSource={[...d.sources, ...d.chain]}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/information/items/${r.id}`}>{r.title}</Link>
                <Space>
                  {r.unitName} {showTime(r.reportedAt)} {r.late && <Tag color="red">迟报</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card title="原稿与修改记录" style={{ marginTop: 16 }}>
        <Timeline
          items={d.revisions.map((r) => ({
            children: (
              <div>
                <Typography.Text strong>{r.seq === 0 ? '原稿' : `第 ${r.seq} 次修改`}</Typography.Text>（{r.editorName}，{showTime(r.editedAt)}）
                {r.note ? `：${r.note}` : ''}
                <div>{r.title}</div>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ whiteSpace: 'pre-wrap' }}>
                  {r.body}
                </Typography.Paragraph>
              </div>
            ),
          }))}
        />
      </Card>

      <Modal
        open={dialog !== null}
        title={dialog ? (dialog.kind === 'convert' ? '批示转督办（批示件）' : label(dialog.kind)) : ''}
        onOk={submit}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        width={dialog?.kind === 'edit' ? 760 : 520}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ level: 'recorded', deadline: dayjs().add(30, 'day'), title: it.title, body: it.body, leadUnitId: it.unitId }}
        >
          {dialog?.kind === 'return' && (
            <Form.Item name="reason" label="退回理由" rules={[{ required: true, message: '请填写退回理由' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.kind === 'edit' && (
            <>
              <Form.Item name="title" label="标题" rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="body" label="正文" rules={[{ required: true }]}>
                <Input.TextArea rows={10} />
              </Form.Item>
              <Form.Item name="note" label="修改说明">
                <Input />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'adopt' && (
            <Form.Item name="level" label="采用层级" rules={[{ required: true }]}>
              <Select options={(meta.data?.adoptLevels ?? []).map((l) => ({ value: l.key, label: l.zh }))} />
            </Form.Item>
          )}
          {dialog?.kind === 'convert' && (
            <>
              <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
                <Select showSearch optionFilterProp="label" options={units} />
              </Form.Item>
              <Form.Item name="coUnitIds" label="协办单位">
                <Select mode="multiple" showSearch optionFilterProp="label" options={units} />
              </Form.Item>
              <Form.Item name="deadline" label="办理时限" rules={[{ required: true }]}>
                <DatePicker disabledDate={(x) => x.isBefore(dayjs(), 'day')} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <InstructionModal itemId={instructing ? id : null} title={it.title} onClose={() => setInstructing(false)} />
      <SubmitModal open={followUp} onClose={() => setFollowUp(false)} parent={{ id: it.firstId ?? it.id, kind: it.kind, title: it.title }} />
    </div>
  );
}
