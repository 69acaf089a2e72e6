/** 值班设置 for the desk's managers: the 突发事件 written-report limit and the grace before escalation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Space } from 'antd';
import { api } from '../../app/api.ts';
import type { DutySettings } from './api.ts';

/** The settings card (shown only to those who may change them). */
export default function SettingsCard() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['duty', 'settings'], queryFn: () => api<DutySettings>('/api/duty/settings') });
  const save = useMutation({
    mutationFn: (v: { reportLimitMinutes: number; escalateAfterMinutes: number }) =>
      api<DutySettings>('/api/duty/settings', { method: 'PUT', body: { ...v, version: q.data!.version } }),
    onSuccess: async () => {
      message.success('已保存');
      await qc.invalidateQueries({ queryKey: ['duty', 'settings'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  if (!q.data?.canEdit) return null;
  return (
    <Card title="值班设置" size="small" style={{ marginTop: 16 }}>
      <Form
        layout="inline"
        key={q.data.version}
        initialValues={{ reportLimitMinutes: q.data.reportLimitMinutes, escalateAfterMinutes: q.data.escalateAfterMinutes }}
        onFinish={(v) => save.mutate(v)}
      >
        <Space wrap>
          <Form.Item name="reportLimitMinutes" label="突发事件书面报告时限（分钟）" rules={[{ required: true }]}>
            <InputNumber min={5} max={1440} />
          </Form.Item>
          <Form.Item name="escalateAfterMinutes" label="逾期后升级报带班领导（分钟）" rules={[{ required: true }]}>
            <InputNumber min={0} max={1440} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={save.isPending}>
            保存
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
