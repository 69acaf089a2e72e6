/** 收文签收: records a document received by the user's unit, with the time of receipt. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Select, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api, type ApiError } from '../../app/api.ts';
import { useDocumentsMeta } from './api.ts';

export default function ReceivePage() {
  const meta = useDocumentsMeta();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const save = useMutation<{ id: number }, ApiError, Record<string, unknown>>({
    mutationFn: (body) => api('/api/documents/incoming', { method: 'POST', body }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['documents'] });
      navigate(`/documents/${r.id}`);
    },
  });
  return (
    <Card title="收文签收" style={{ maxWidth: 720 }}>
      {save.isError && <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" initialValues={{ level: 0, urgency: 'normal', docType: '请示' }} onFinish={(v) => save.mutate(v)} data-testid="receive-form">
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sourceOrgan" label="来文单位" rules={[{ required: true, message: '请填写来文单位' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="originalNo" label="来文字号">
          <Input maxLength={60} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="docType" label="文种">
            <Select style={{ width: 120 }} options={(meta.data?.docTypes ?? []).map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="level" label="密级">
            <Select style={{ width: 120 }} options={(meta.data?.levels ?? []).slice(0, 2).map((l) => ({ value: l.value, label: l.zh }))} />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select style={{ width: 120 }} options={(meta.data?.urgencies ?? []).map((u) => ({ value: u.key, label: u.zh }))} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="receive-save">
          签收
        </Button>
      </Form>
    </Card>
  );
}
