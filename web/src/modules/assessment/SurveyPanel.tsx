/** 群众评价 on a scheme: open a survey on a `public` leaf, generate one-time codes (shown once, as links), close it, the aggregate only. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import type { IndicatorView, Scheme, SurveyCodes, Surveys } from './api.ts';

type Survey = Surveys['items'][number];

function publicLeaves(nodes: IndicatorView[]): IndicatorView[] {
  return nodes.flatMap((n) => (n.children.length ? publicLeaves(n.children) : n.method === 'public' ? [n] : []));
}

/** The surveys of one scheme. */
export default function SurveyPanel({ scheme }: { scheme: Scheme }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['assessment', 'surveys', scheme.id], queryFn: () => api<Surveys>(`/api/assessment/schemes/${scheme.id}/surveys`) });
  const [codes, setCodes] = useState<SurveyCodes | null>(null);
  const [form] = Form.useForm<{ indicatorId: number; title: string; questions: string }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const open = useMutation({
    mutationFn: (v: { indicatorId: number; title: string; questions: string }) =>
      api<{ id: number }>(`/api/assessment/schemes/${scheme.id}/surveys`, {
        method: 'POST',
        body: {
          indicatorId: v.indicatorId,
          title: v.title,
          questions: v.questions
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
        },
      }),
    onSuccess: async () => {
      message.success('已发起群众评价');
      form.resetFields();
      await refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const generate = useMutation({
    mutationFn: (v: { id: number; count: number }) => api<SurveyCodes>(`/api/assessment/surveys/${v.id}/codes`, { method: 'POST', body: { count: v.count } }),
    onSuccess: async (c) => {
      setCodes(c);
      await refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const close = useMutation({
    mutationFn: (s: Survey) => api(`/api/assessment/surveys/${s.id}/close`, { method: 'POST', body: { version: s.version } }),
    onSuccess: refresh,
    onError: (e: Error) => void message.error(e.message),
  });
  const leaves = publicLeaves(scheme.indicators).filter((l) => !q.data?.items.some((s) => s.indicatorId === l.id));
  const origin = window.location.origin;
  return (
    <div data-testid="surveys">
      {q.data?.items.length === 0 && !q.data.canOpen && <Empty description="暂无群众评价" />}
      {q.data?.items.map((s) => (
        <Card
          key={s.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space wrap>
              {s.title}
              <Tag color={s.status === 'open' ? 'processing' : 'default'}>{s.status === 'open' ? '进行中' : '已结束'}</Tag>
            </Space>
          }
          extra={
            s.canManage && (
              <Space wrap>
                <InputNumber aria-label="评价码数量" min={1} max={2000} defaultValue={10} id={`count-${s.id}`} style={{ width: 90 }} />
                <Button
                  onClick={() => {
                    const el = document.getElementById(`count-${s.id}`) as HTMLInputElement | null;
                    generate.mutate({ id: s.id, count: Number(el?.value || 10) });
                  }}
                  loading={generate.isPending}
                >
                  生成评价码
                </Button>
                <Popconfirm title="结束后评价码不能再提交，确定？" onConfirm={() => close.mutate(s)}>
                  <Button danger>结束评价</Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            指标：{s.indicatorName}；问题：{s.questions.join('；')}；已发评价码 {s.codes} 个，已提交 {s.answers} 份；单位答卷少于 {s.minAnswers}{' '}
            份时不显示均分。
          </Typography.Paragraph>
          <Table
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={s.units}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '答卷', dataIndex: 'answers', width: 70 },
              { title: '均分（1–5）', width: 100, render: (_, u) => u.mean ?? <Typography.Text type="secondary">样本不足</Typography.Text> },
              { title: '折合得分', width: 90, render: (_, u) => u.score ?? '—' },
            ]}
          />
        </Card>
      ))}
      {codes && (
        <Alert
          type="warning"
          closable
          onClose={() => setCodes(null)}
          style={{ marginBottom: 12 }}
          message={`已生成 ${codes.codes.length} 个一次性评价码（只显示这一次，请立即复制或下载后分发）`}
          description={
            <>
              <Space style={{ marginBottom: 8 }}>
                <Button
                  size="small"
                  onClick={() => {
                    const blob = new Blob([codes.codes.map((c) => `${c.code},${origin}${c.link}`).join('\n')], { type: 'text/csv' });
                    const a = document.createElement('a');
                    a.href = URL.createObjectURL(blob);
                    a.download = `survey-${codes.surveyId}-codes.csv`;
                    a.click();
                  }}
                >
                  下载清单
                </Button>
              </Space>
              <ol data-testid="survey-codes" style={{ margin: 0, paddingLeft: 20, maxHeight: 240, overflow: 'auto' }}>
                {codes.codes.map((c) => (
                  <li key={c.code}>
                    <Typography.Text copyable={{ text: `${origin}${c.link}` }} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                      {`${origin}${c.link}`}
                    </Typography.Text>
                  </li>
                ))}
              </ol>
            </>
          }
        />
      )}
      {q.data?.canOpen && leaves.length > 0 && (
        <Card size="small" title="发起群众评价">
          <Form form={form} layout="vertical" onFinish={(v) => open.mutate(v)} initialValues={{ indicatorId: leaves[0]?.id }}>
            <Form.Item name="indicatorId" label="群众评价指标" rules={[{ required: true }]}>
              <Select options={leaves.map((l) => ({ value: l.id, label: l.name }))} />
            </Form.Item>
            <Form.Item name="title" label="问卷标题" rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="questions" label="问题（每行一个，每个问题对各单位打 1–5 分）" rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={open.isPending}>
              发起评价
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
