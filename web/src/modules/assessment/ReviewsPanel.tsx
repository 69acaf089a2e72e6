/** 加减分 and 申诉 of a scheme: propose (督查室), approve / reject (its head), appeal (the unit's liaison), decide the appeal. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/time.ts';
import type { Reviews, Scheme } from './api.ts';

type Adjustment = Reviews['adjustments'][number];
type Appeal = Reviews['appeals'][number];

const ADJ_STATUS: Record<string, { label: string; color: string }> = {
  proposed: { label: '待审批', color: 'processing' },
  approved: { label: '已批准', color: 'success' },
  rejected: { label: '未批准', color: 'default' },
  cancelled: { label: '已撤销（申诉成立）', color: 'warning' },
};
const APPEAL_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待裁决', color: 'processing' },
  upheld: { label: '申诉成立', color: 'success' },
  rejected: { label: '申诉不成立', color: 'default' },
};

/** The 加减分 and 申诉 of one scheme. */
export default function ReviewsPanel({ scheme }: { scheme: Scheme }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['assessment', 'reviews', scheme.id], queryFn: () => api<Reviews>(`/api/assessment/schemes/${scheme.id}/reviews`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const onError = (e: Error) => void message.error(e.message);
  const [appealOn, setAppealOn] = useState<Adjustment | null>(null);
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const [proposeForm] = Form.useForm();
  const [appealForm] = Form.useForm<{ reason: string }>();
  const [decideForm] = Form.useForm<{ upheld: boolean; reason: string }>();

  const propose = useMutation({
    mutationFn: (v: { unitId: number; kind: string; points: number; reason: string }) =>
      api(`/api/assessment/schemes/${scheme.id}/adjustments`, { method: 'POST', body: v }),
    onSuccess: async () => {
      message.success('已提交，待处长审批');
      proposeForm.resetFields();
      await refresh();
    },
    onError,
  });
  const decideAdj = useMutation({
    mutationFn: (v: { a: Adjustment; approve: boolean }) =>
      api(`/api/assessment/adjustments/${v.a.id}/decide`, { method: 'POST', body: { version: v.a.version, approve: v.approve } }),
    onSuccess: refresh,
    onError,
  });
  const appeal = useMutation({
    mutationFn: (v: { adjustmentId: number; reason: string }) => api(`/api/assessment/schemes/${scheme.id}/appeals`, { method: 'POST', body: v }),
    onSuccess: async () => {
      message.success('申诉已提交');
      setAppealOn(null);
      appealForm.resetFields();
      await refresh();
    },
    onError,
  });
  const decideAppeal = useMutation({
    mutationFn: (v: { a: Appeal; upheld: boolean; reason: string }) =>
      api(`/api/assessment/appeals/${v.a.id}/decide`, { method: 'POST', body: { version: v.a.version, upheld: v.upheld, reason: v.reason } }),
    onSuccess: async () => {
      message.success('已裁决');
      setDeciding(null);
      decideForm.resetFields();
      await refresh();
    },
    onError,
  });
  const r = q.data;
  const pendingOn = new Set(r?.appeals.filter((a) => a.status === 'pending').map((a) => a.adjustmentId));
  return (
    <div data-testid="reviews">
      {r?.appealUntil && <Typography.Paragraph type="secondary">结果已公布，被考核单位可在 {r.appealUntil} 前对扣分或指标得分提出申诉。</Typography.Paragraph>}
      <Card size="small" title="加减分" style={{ marginBottom: 12 }}>
        <Table<Adjustment>
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={r?.adjustments ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '类型', width: 70, render: (_, a) => (a.kind === 'deduction' ? <Tag color="red">扣分</Tag> : <Tag color="green">加分</Tag>) },
            { title: '分值', dataIndex: 'points', width: 60 },
            { title: '事由', dataIndex: 'reason' },
            { title: '状态', width: 130, render: (_, a) => <Tag color={ADJ_STATUS[a.status]?.color}>{ADJ_STATUS[a.status]?.label}</Tag> },
            {
              title: '操作',
              width: 160,
              render: (_, a) => (
                <Space>
                  {a.actions.includes('approve') && (
                    <Button size="small" type="primary" onClick={() => decideAdj.mutate({ a, approve: true })}>
                      批准
                    </Button>
                  )}
                  {a.actions.includes('reject') && (
                    <Button size="small" onClick={() => decideAdj.mutate({ a, approve: false })}>
                      不批准
                    </Button>
                  )}
                  {r?.canAppeal && a.kind === 'deduction' && a.status === 'approved' && !pendingOn.has(a.id) && (
                    <Button size="small" onClick={() => setAppealOn(a)}>
                      申诉
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {r?.canPropose && (
          <Form
            form={proposeForm}
            layout="inline"
            style={{ marginTop: 12, rowGap: 8 }}
            onFinish={(v) => propose.mutate(v)}
            initialValues={{ kind: 'deduction', points: 1 }}
          >
            <Form.Item name="unitId" label="单位" rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={scheme.units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="kind" label="类型">
              <Select
                style={{ width: 90 }}
                options={[
                  { value: 'deduction', label: '扣分' },
                  { value: 'bonus', label: '加分' },
                ]}
              />
            </Form.Item>
            <Form.Item name="points" label="分值" rules={[{ required: true }]}>
              <InputNumber min={1} max={100} />
            </Form.Item>
            <Form.Item name="reason" label="事由" rules={[{ required: true, max: 2000 }]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Button htmlType="submit" loading={propose.isPending}>
              提出加减分
            </Button>
          </Form>
        )}
      </Card>
      <Card size="small" title="申诉">
        <Table<Appeal>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={r?.appeals ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '申诉事项', render: (_, a) => (a.adjustmentId ? `扣分 #${a.adjustmentId}` : a.indicatorName) },
            { title: '理由', dataIndex: 'reason' },
            { title: '提出', width: 150, render: (_, a) => formatDateTime(a.appealedAt) },
            { title: '结果', width: 110, render: (_, a) => <Tag color={APPEAL_STATUS[a.status]?.color}>{APPEAL_STATUS[a.status]?.label}</Tag> },
            { title: '裁决理由', render: (_, a) => a.decisionReason },
            {
              title: '操作',
              width: 80,
              render: (_, a) =>
                a.actions.includes('decide') && (
                  <Button size="small" type="primary" onClick={() => setDeciding(a)}>
                    裁决
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title="对扣分提出申诉"
        open={appealOn !== null}
        onCancel={() => setAppealOn(null)}
        onOk={() => appealForm.submit()}
        confirmLoading={appeal.isPending}
      >
        <Form form={appealForm} layout="vertical" onFinish={(v) => appealOn && appeal.mutate({ adjustmentId: appealOn.id, reason: v.reason })}>
          <Typography.Paragraph>
            扣分 {appealOn?.points} 分：{appealOn?.reason}
          </Typography.Paragraph>
          <Form.Item name="reason" label="申诉理由" rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="申诉裁决"
        open={deciding !== null}
        onCancel={() => setDeciding(null)}
        onOk={() => decideForm.submit()}
        confirmLoading={decideAppeal.isPending}
      >
        <Form form={decideForm} layout="vertical" initialValues={{ upheld: true }} onFinish={(v) => deciding && decideAppeal.mutate({ a: deciding, ...v })}>
          <Typography.Paragraph>{deciding?.reason}</Typography.Paragraph>
          <Form.Item name="upheld" label="裁决">
            <Select
              options={[
                { value: true, label: '申诉成立（撤销扣分）' },
                { value: false, label: '申诉不成立' },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label="裁决理由" rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
