/**
 * 督查督办设置: who approves 延期, 办结 and 销号 for each item source, the yellow-light span, 催办 before and after the
 * time limit and the escalation to the leader. 督查室's 处长 (or 主任) changes them; others read them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { getSettingsResponse } from '../../../../common/supervision.ts';
import { api, type ApiError } from '../../app/api.ts';
import Nav from './Nav.tsx';

type Answer = z.infer<typeof getSettingsResponse>;
type Settings = Answer['settings'];
type Level = Settings['approvers']['decision']['extension'];

const SOURCES: [keyof Settings['approvers'], string][] = [
  ['decision', '决策督查（督查室立项）'],
  ['instruction', '专项督查（领导批示件）'],
  ['assessment', '考核督查'],
];
const KINDS: [keyof Settings['approvers']['decision'], string][] = [
  ['extension', '延期审批'],
  ['accept', '办结审核'],
  ['close', '销号'],
];
const LEVELS: { value: Level; label: string }[] = [
  { value: 'staff', label: '督查室工作人员' },
  { value: 'division_head', label: '督查室处长（或办公厅主任）' },
  { value: 'leader', label: '批示领导（或办公厅主任）' },
];

/** The settings page. */
export default function SettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['supervision', 'settings'], queryFn: () => api<Answer>('/api/supervision/settings') });
  const [form] = Form.useForm<Settings>();
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);
  const save = useMutation<unknown, ApiError, Settings>({
    mutationFn: (settings) => api('/api/supervision/settings', { method: 'PUT', body: { version: q.data!.version, settings } }),
    onSuccess: async () => {
      message.success('设置已保存');
      await qc.invalidateQueries({ queryKey: ['supervision', 'settings'] });
    },
  });
  if (q.isError) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  if (!q.data) return <Card loading />;
  const can = q.data.canManage;
  return (
    <div>
      <Nav office />
      <Form<Settings>
        form={form}
        layout="vertical"
        disabled={!can}
        initialValues={q.data.settings}
        onFinish={(v) =>
          save.mutate({
            ...q.data!.settings,
            ...v,
            // 催办 days typed as tags arrive as text
            remindBeforeDays: (v.remindBeforeDays ?? []).map(Number),
            remindAfterDays: (v.remindAfterDays ?? []).map(Number),
          })
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {!can && <Alert type="info" showIcon title="只有督查室处长或主任可以修改设置，您可以查看。" />}
          {save.isError && <Alert type="error" showIcon title={save.error.message} />}
          <Card title="审批人（按督查来源）" data-testid="approvers-card">
            <Typography.Paragraph type="secondary">
              延期、办结和销号由下表规定的人员审批；其他人员（如督查室工作人员）办理时会被拒绝并提示应由谁审批。
            </Typography.Paragraph>
            <Table
              rowKey={(r) => r[0]}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={SOURCES}
              columns={[
                { title: '督查来源', render: (_, r) => r[1] },
                ...KINDS.map(([kind, label]) => ({
                  title: label,
                  key: kind,
                  render: (_: unknown, r: (typeof SOURCES)[number]) => (
                    <Form.Item name={['approvers', r[0], kind]} noStyle>
                      <Select aria-label={`${r[1]}：${label}`} style={{ width: 220 }} options={LEVELS} data-testid={`approver-${r[0]}-${kind}`} />
                    </Form.Item>
                  ),
                })),
              ]}
            />
          </Card>
          <Card title="时限与催办">
            <Space wrap size="large">
              <Form.Item name="yellowDays" label="黄灯（距时限工作日数）" rules={[{ required: true }]}>
                <InputNumber min={0} max={20} precision={0} />
              </Form.Item>
              <Form.Item name="escalateAfterDays" label="逾期多少天报告责任领导" rules={[{ required: true }]}>
                <InputNumber min={1} max={90} precision={0} />
              </Form.Item>
              <Form.Item name="remindBeforeDays" label="时限前催办（天）">
                <Select mode="tags" style={{ minWidth: 160 }} tokenSeparators={[',', '，', ' ']} aria-label="时限前催办（天）" />
              </Form.Item>
              <Form.Item name="remindAfterDays" label="逾期后催办（天）">
                <Select mode="tags" style={{ minWidth: 160 }} tokenSeparators={[',', '，', ' ']} aria-label="逾期后催办（天）" />
              </Form.Item>
            </Space>
          </Card>
          {can && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              保存设置
            </Button>
          )}
        </Space>
      </Form>
    </div>
  );
}
