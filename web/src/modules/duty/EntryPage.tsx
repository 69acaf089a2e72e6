/**
 * 值班日志 entry: its details and the actions the server allows (`actions`): record the outcome on
 * the spot, 转办 to a unit, into 督查督办, to the leader on duty; the leader's instruction; the owner;
 * the written report of a 突发事件. Usable at 390 px.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useDirectory } from '../supervision/directory.ts';
import { CHANNEL, chinaTime, OUTCOME, STATUS, STATUS_COLOR, URGENCY, URGENCY_COLOR, type Entry } from './api.ts';
import Nav from './Nav.tsx';

type Dialog = 'onSpot' | 'toUnit' | 'toSupervision' | 'toLeader' | 'instruct' | 'assignOwner' | 'report';

const TITLES: Record<Dialog, string> = {
  onSpot: '当场办结',
  toUnit: '转处室/单位办理',
  toSupervision: '转督查督办',
  toLeader: '报带班领导批示',
  instruct: '领导批示',
  assignOwner: '指定承办人',
  report: '突发事件书面报告',
};

const OUTCOME_KIND: Partial<Record<Dialog, NonNullable<Entry['outcomeKind']>>> = {
  onSpot: 'on_spot',
  toUnit: 'to_unit',
  toSupervision: 'to_supervision',
  toLeader: 'to_leader',
};

interface DialogForm {
  text?: string;
  unitId?: number;
  deadline?: Dayjs;
  ownerId?: number;
}

/** The entry page. */
export default function EntryPage() {
  const id = Number(useParams().id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [form] = Form.useForm<DialogForm>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dir = useDirectory();
  const q = useQuery({ queryKey: ['duty', 'entry', id], queryFn: () => api<Entry>(`/api/duty/entries/${id}`) });
  const act = useMutation({
    mutationFn: async (v: DialogForm) => {
      const e = q.data!;
      const kind = dialog ? OUTCOME_KIND[dialog] : undefined;
      if (kind)
        return api<Entry>(`/api/duty/entries/${id}/outcome`, {
          method: 'POST',
          body: { version: e.version, kind, text: v.text ?? '', unitId: v.unitId, deadline: v.deadline?.format('YYYY-MM-DD') },
        });
      if (dialog === 'instruct') return api<Entry>(`/api/duty/entries/${id}/instruction`, { method: 'POST', body: { version: e.version, text: v.text ?? '' } });
      if (dialog === 'report') return api<Entry>(`/api/duty/entries/${id}/report`, { method: 'POST', body: { version: e.version, text: v.text ?? '' } });
      return api<Entry>(`/api/duty/entries/${id}/owner`, { method: 'POST', body: { version: e.version, ownerId: v.ownerId } });
    },
    onSuccess: async () => {
      message.success('已保存');
      setDialog(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['duty'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const e = q.data;
  if (q.isError) return <Alert type="error" message={(q.error as Error).message} />;
  if (!e) return <Card loading />;
  const units = (dir.data?.units ?? []).filter((u) => u.kind !== 'upper');
  const users = dir.data?.users ?? [];
  return (
    <div>
      <Nav />
      <Card
        title={
          <Space wrap>
            <span>值班记录 #{e.id}</span>
            <Tag color={STATUS_COLOR[e.status]}>{STATUS[e.status]}</Tag>
            {e.kind === 'emergency' && <Tag color="red">突发事件</Tag>}
          </Space>
        }
        styles={{ body: { padding: 12 } }}
      >
        {e.kind === 'emergency' && !e.reportedAt && e.reportDueAt && (
          <Alert
            style={{ marginBottom: 12 }}
            type={e.escalatedAt ? 'error' : 'warning'}
            message={e.escalatedAt ? `书面报告已逾期，已报带班领导（${chinaTime(e.escalatedAt)}）` : `书面报告时限：${chinaTime(e.reportDueAt)}`}
          />
        )}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="时间">{chinaTime(e.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="方式">{CHANNEL[e.channel]}</Descriptions.Item>
          <Descriptions.Item label="来电（来文）人">
            {e.caller}
            {e.callerUnit ? `（${e.callerUnit}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="紧急程度">
            <Tag color={URGENCY_COLOR[e.urgency]}>{URGENCY[e.urgency]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="内容摘要">
            <div style={{ whiteSpace: 'pre-wrap' }}>{e.summary}</div>
          </Descriptions.Item>
          <Descriptions.Item label="承办人">{e.owner?.name ?? <Tag color="red">未指定</Tag>}</Descriptions.Item>
          <Descriptions.Item label="带班领导">{e.leader?.name ?? '—'}</Descriptions.Item>
          {e.outcomeKind && <Descriptions.Item label="办理方式">{OUTCOME[e.outcomeKind]}</Descriptions.Item>}
          {e.targetUnit && <Descriptions.Item label="承办单位">{e.targetUnit.name}</Descriptions.Item>}
          {e.supervisionNumber && (
            <Descriptions.Item label="督办事项">
              <Link to={`/supervision/items/${e.supervisionItemId}`}>{e.supervisionNumber}</Link>
            </Descriptions.Item>
          )}
          {e.outcome && (
            <Descriptions.Item label="办理结果">
              <div style={{ whiteSpace: 'pre-wrap' }}>{e.outcome}</div>
            </Descriptions.Item>
          )}
          {e.reportText && (
            <Descriptions.Item label="书面报告">
              <div style={{ whiteSpace: 'pre-wrap' }}>{e.reportText}</div>
            </Descriptions.Item>
          )}
          {e.carriedOver > 0 && <Descriptions.Item label="交接班">已交接 {e.carriedOver} 次</Descriptions.Item>}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {(e.actions as Dialog[]).map((a) => (
            <Button key={a} data-action={a} type={a === 'onSpot' || a === 'instruct' ? 'primary' : 'default'} onClick={() => setDialog(a)}>
              {TITLES[a]}
            </Button>
          ))}
        </Space>
      </Card>
      <Modal
        title={dialog ? TITLES[dialog] : ''}
        open={dialog !== null}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
          {dialog === 'assignOwner' ? (
            <Form.Item name="ownerId" label="承办人" rules={[{ required: true, message: '请选择承办人' }]}>
              <Select showSearch optionFilterProp="label" options={users.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          ) : (
            <Form.Item
              name="text"
              label={dialog === 'instruct' ? '批示意见' : dialog === 'report' ? '报告内容' : dialog === 'toLeader' ? '请示事项' : '办理结果 / 转办意见'}
              rules={[{ required: true, whitespace: true, message: '须填写' }]}
            >
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          )}
          {(dialog === 'toUnit' || dialog === 'toSupervision') && (
            <Form.Item name="unitId" label={dialog === 'toSupervision' ? '牵头单位' : '承办单位'} rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          {dialog === 'toSupervision' && (
            <Form.Item name="deadline" label="办理时限" rules={[{ required: true, message: '请选择时限' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
