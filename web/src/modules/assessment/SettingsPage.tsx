/**
 * 考核督查设置: the 专业评估 drop rule, the 群众评价 thresholds (answers before a mean is shown, requests a
 * minute per address) and the 申诉 window. 督查室's 处长 (or 主任) changes them; other users read them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { assessmentSettingsResponse } from '../../../../common/assessment-review.ts';
import { api, type ApiError } from '../../app/api.ts';

type Answer = z.infer<typeof assessmentSettingsResponse>;
type Settings = Answer['settings'];

const FIELDS: { name: keyof Settings; label: string; help: string; min: number; max: number; unit: string }[] = [
  {
    name: 'expertDropAt',
    label: '专业评估去掉最高最低分的评分人数',
    help: '评分人数达到此数时，去掉一个最高分和一个最低分后取平均。',
    min: 3,
    max: 50,
    unit: '人',
  },
  {
    name: 'surveyMinAnswers',
    label: '群众评价最少有效答卷数',
    help: '一个单位的答卷少于此数时，不显示平均分，也不计分，以免推知答卷人。',
    min: 1,
    max: 1000,
    unit: '份',
  },
  { name: 'surveyRatePerMinute', label: '群众评价每个地址每分钟请求上限', help: '超过后返回“请求过于频繁”，防止批量刷票。', min: 1, max: 10000, unit: '次' },
  { name: 'appealWorkingDays', label: '申诉期限', help: '考核期结束、结果公布后，被考核单位可以在此期限内提出申诉。', min: 1, max: 60, unit: '个工作日' },
];

/** The settings page. */
export default function SettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['assessment', 'settings'], queryFn: () => api<Answer>('/api/assessment/settings') });
  const save = useMutation<unknown, ApiError, Settings>({
    mutationFn: (settings) => api('/api/assessment/settings', { method: 'PUT', body: { version: q.data!.version, settings } }),
    onSuccess: async () => {
      void message.success('设置已保存');
      await qc.invalidateQueries({ queryKey: ['assessment', 'settings'] });
    },
  });
  if (q.isError) return <Alert type="error" showIcon title={(q.error as Error).message} />;
  if (!q.data) return <Card loading />;
  const can = q.data.canManage;
  return (
    <Card title="考核督查设置" extra={<Link to="/assessment">返回考核方案</Link>}>
      <Form<Settings>
        key={q.data.version}
        layout="vertical"
        disabled={!can}
        initialValues={q.data.settings}
        onFinish={(v) => save.mutate({ ...q.data!.settings, ...v })}
        style={{ maxWidth: 560 }}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {!can && <Alert type="info" showIcon title="只有督查室处长或主任可以修改设置，您可以查看。" />}
          {save.isError && <Alert type="error" showIcon title={save.error.message} data-testid="settings-error" />}
          {FIELDS.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              extra={<Typography.Text type="secondary">{f.help}</Typography.Text>}
              rules={[{ required: true, message: `请填写${f.label}` }]}
            >
              <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 200 }} data-testid={`setting-${f.name}`} />
            </Form.Item>
          ))}
          {can && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              保存设置
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
