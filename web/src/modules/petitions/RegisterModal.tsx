/** 登记信访件: channel, petitioner (personal data), subject, content, category, place. Shows the repeat flag of the answer. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { CHANNEL_NAMES, PETITION_CHANNELS, type CaseDetail } from './api.ts';

type Values = {
  channel: string;
  name: string;
  idNo?: string;
  phone?: string;
  address?: string;
  subject: string;
  content: string;
  category: string;
  place: string;
};

/** The registration form. */
export default function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<CaseDetail & { repeatFlagged: boolean }>('/api/petitions', {
        method: 'POST',
        body: {
          channel: v.channel,
          petitioner: { name: v.name, idNo: v.idNo || null, phone: v.phone || null, address: v.address || null },
          subject: v.subject,
          content: v.content,
          category: v.category,
          place: v.place,
        },
      }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: ['petitions'] });
      form.resetFields();
      onClose();
      if (c.repeatFlagged) modal.warning({ title: '重复信访', content: `${c.number} 与此前的信访件为同一信访人、相近事项，已标记为重复信访并关联。` });
      else message.success(`已登记 ${c.number}`);
      nav(`/petitions/${c.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <Modal open={open} title="登记信访件" onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText="登记" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ channel: 'letter' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="channel" label="信访渠道" rules={[{ required: true }]}>
          <Select options={PETITION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c].zh }))} />
        </Form.Item>
        <Form.Item name="name" label="信访人姓名" rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNo" label="身份证号码" rules={[{ pattern: /^\d{17}[\dXx]$/, message: '身份证号码格式不正确' }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="address" label="住址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="subject" label="信访事项" rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label="主要内容" rules={[{ required: true }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, max: 50 }]}>
          <Input placeholder="如：城乡建设、生态环境、教育" />
        </Form.Item>
        <Form.Item name="place" label="问题属地" rules={[{ required: true, max: 50 }]}>
          <Input placeholder="如：青山区" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
