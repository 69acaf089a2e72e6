/** 报送 (or 续报 of a first report): kind, title, body, 密级, event time. */
import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { useMe } from '../../app/me.ts';
import { LEVEL_NAMES, showDelay, useInformationMeta } from './api.ts';

/** The submit dialog; `parent` makes it a 续报 of that report (same kind), `request` an answer to that 约稿. */
export default function SubmitModal({
  open,
  onClose,
  parent,
  request,
}: {
  open: boolean;
  onClose: () => void;
  parent?: { id: number; kind: string; title: string };
  request?: { id: number; topic: string };
}) {
  const [form] = Form.useForm();
  const me = useMe();
  const meta = useInformationMeta();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await api<{ id: number; late: boolean; delayMinutes: number | null }>('/api/information/items', {
        method: 'POST',
        body: {
          kind: parent?.kind ?? v.kind,
          title: v.title,
          body: v.body,
          level: v.level,
          eventAt: (v.eventAt as Dayjs).toISOString(),
          ...(parent ? { parentId: parent.id } : {}),
          ...(request ? { requestId: request.id } : {}),
        },
      });
      if (r.late) message.warning(`已报送，超过报送时限 ${showDelay(r.delayMinutes)}，记为迟报`);
      else message.success('已报送');
      await qc.invalidateQueries({ queryKey: ['information'] });
      form.resetFields();
      onClose();
      // an answer to a 约稿 stays on the request, which now lists the unit as answered
      if (!request) void nav(`/information/items/${r.id}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={parent ? `续报：${parent.title}` : request ? `报送约稿信息：${request.topic}` : '报送信息'}
      okText="报送"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ level: 0, eventAt: dayjs(), kind: parent?.kind }}>
        {!parent && (
          <Form.Item name="kind" label="信息类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select
              options={(meta.data?.kinds ?? []).map((k) => ({ value: k, label: k === '紧急信息' ? '紧急信息（突发事件）' : k }))}
              data-testid="info-kind"
            />
          </Form.Item>
        )}
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { max: 200 }]}>
          <Input data-testid="info-title" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={8} data-testid="info-body" />
        </Form.Item>
        <Form.Item name="eventAt" label="事件发生时间" rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="level" label="密级">
          <Select options={LEVEL_NAMES.slice(0, me.clearance + 1).map((n, i) => ({ value: i, label: n }))} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
