/**
 * The 批示 dialog: typed text, handwriting on the pen/touch canvas, or both. Used on the item's page and
 * directly on an issue (期) a leader reads, so a 批示 is written where the 专报 is read.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import HandwritingPad from './HandwritingPad.tsx';

/** Opens for one information item; on success the information queries refresh and the dialog closes. */
export default function InstructionModal({ itemId, title, onClose }: { itemId: number | null; title?: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const [ink, setInk] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { text?: string }) =>
      api(`/api/information/items/${itemId}/instructions`, {
        method: 'POST',
        body: { ...(v.text?.trim() ? { text: v.text } : {}), ...(ink ? { handwriting: ink } : {}) },
      }),
    onSuccess: async () => {
      setInk(null);
      form.resetFields();
      onClose();
      await qc.invalidateQueries({ queryKey: ['information'] });
      void message.success('批示已提交');
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const close = () => {
    setInk(null);
    onClose();
  };
  return (
    <Modal
      open={itemId !== null}
      title={title ? `批示：${title}` : '批示'}
      okText="提交批示"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined)
      }
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label="批示内容"
          rules={[{ validator: (_r, v: string | undefined) => (v?.trim() || ink ? Promise.resolve() : Promise.reject(new Error('请填写批示或手写批示'))) }]}
        >
          <Input.TextArea rows={4} maxLength={2000} data-testid="info-instruction" />
        </Form.Item>
        <Form.Item label="手写批示">
          <HandwritingPad
            onChange={(png) => {
              setInk(png);
              void form.validateFields(['text']).catch(() => undefined);
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
