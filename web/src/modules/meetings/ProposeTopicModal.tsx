/** 提出议题: the form a division or responsible unit fills in. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { useMeta } from '../../app/meta.ts';
import { useDirectory } from '../supervision/directory.ts';
import type { MeetingsConfig, TopicView } from './api.ts';

/** The modal form; opens the new topic's page when saved. */
export default function ProposeTopicModal({ open, onClose, config }: { open: boolean; onClose: () => void; config: MeetingsConfig | undefined }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const dir = useDirectory();
  const meta = useMeta();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<TopicView>('/api/meeting-topics', { method: 'POST', body: { ...v, needsExpert: Boolean(v.needsExpert) } }),
    onSuccess: async (t) => {
      message.success('议题已提交，列入储存层');
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      nav(`/meetings/topics/${t.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const leaders = (dir.data?.users ?? []).filter((u) => u.roles.includes('leader'));
  const units = (dir.data?.units ?? []).filter((u) => ['department', 'division', 'lower', 'office'].includes(u.kind));
  return (
    <Modal title="提出议题" open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText="提交" width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'standing_committee', level: 0, concernedUnitIds: [] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="议题名称" rules={[{ required: true, message: '请填写议题名称' }, { max: 200 }]}>
          <Input placeholder="关于……的议题" />
        </Form.Item>
        <Form.Item name="background" label="背景与主要内容" rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="kind" label="拟提交会议类型" rules={[{ required: true }]}>
          <Select options={(config?.kinds ?? []).map((k) => ({ value: k.key, label: `${k.zh}${k.decision ? '（决策类）' : ''}` }))} />
        </Form.Item>
        <Form.Item name="leaderId" label="分管领导">
          <Select allowClear showSearch optionFilterProp="label" options={leaders.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="concernedUnitIds" label="需会前协商的部门">
          <Select mode="multiple" showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.shortName }))} />
        </Form.Item>
        <Form.Item name="level" label="密级" rules={[{ required: true }]}>
          <Select options={(meta.data?.levels ?? []).map((l) => ({ value: l.value, label: l.zh }))} />
        </Form.Item>
        <Form.Item name="needsExpert" valuePropName="checked">
          <Checkbox>需要专家论证</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
