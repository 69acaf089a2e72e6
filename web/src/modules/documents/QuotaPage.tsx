/** 计划发文、配额管理: plan vs actual per unit and type, the 精文简会 summary, over-quota approvals. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api, type ApiError } from '../../app/api.ts';
import { useMe } from '../../app/me.ts';
import { useDocumentsMeta } from './api.ts';

import { LengthGuideSettings, QuotaSettings } from './QuotaSettings.tsx';

const QuotaChart = lazy(() => import('./QuotaChart.tsx'));

interface Stats {
  year: number;
  canManage: boolean;
  rows: { unitId: number; unitName: string; docType: string; plan: number; quota: number; actual: number; avgChars: number }[];
  summary: {
    plan: number;
    actual: number;
    ratio: number | null;
    text: string;
    overQuota: { unitName: string; docType: string; quota: number; actual: number }[];
  };
}
interface Approval {
  id: number;
  unitName: string;
  docType: string;
  title: string;
  reason: string;
  status: string;
  decisionComment: string | null;
  version: number;
  requester: string;
  documentId: number | null;
}

const STATUS: Record<string, [string, string]> = {
  pending: ['待审批', 'processing'],
  approved: ['已批准', 'success'],
  rejected: ['未批准', 'error'],
  used: ['已使用', 'default'],
};

export default function QuotaPage() {
  const me = useMe();
  const meta = useDocumentsMeta();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [asking, setAsking] = useState(false);
  const [deciding, setDeciding] = useState<{ a: Approval; approve: boolean } | null>(null);
  const stats = useQuery({ queryKey: ['documents', 'quota', year], queryFn: () => api<Stats>(`/api/documents/quota/stats?year=${year}`) });
  const approvals = useQuery({
    queryKey: ['documents', 'approvals', year],
    queryFn: () => api<{ items: Approval[] }>(`/api/documents/quota/approvals?year=${year}`),
  });
  const isDirector = me.roles.includes('director');
  const ask = useMutation<unknown, ApiError, Record<string, unknown>>({
    mutationFn: (body) => api('/api/documents/quota/approvals', { method: 'POST', body }),
    onSuccess: () => {
      setAsking(false);
      return qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  const decide = useMutation<unknown, ApiError, { comment: string }>({
    mutationFn: ({ comment }) =>
      api(`/api/documents/quota/approvals/${deciding!.a.id}/decide`, {
        method: 'POST',
        body: { version: deciding!.a.version, approve: deciding!.approve, comment },
      }),
    onSuccess: () => {
      setDeciding(null);
      return qc.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  const byUnit = useMemo(() => {
    const m = new Map<string, { plan: number; quota: number; actual: number }>();
    for (const r of stats.data?.rows ?? []) {
      const x = m.get(r.unitName) ?? { plan: 0, quota: 0, actual: 0 };
      x.plan += r.plan;
      x.quota += r.quota;
      x.actual += r.actual;
      m.set(r.unitName, x);
    }
    const units = [...m.keys()];
    return { units, plan: units.map((u) => m.get(u)!.plan), quota: units.map((u) => m.get(u)!.quota), actual: units.map((u) => m.get(u)!.actual) };
  }, [stats.data]);

  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="quota-page">
      <Card
        title="计划发文与配额"
        extra={
          <Space>
            <Select aria-label="年度" value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: `${y}年` }))} />
            <Button onClick={() => setAsking(true)}>申请超配额发文</Button>
          </Space>
        }
      >
        {stats.isError && <Alert type="error" showIcon title={stats.error.message} />}
        {stats.data && <Alert type="info" showIcon title="精文简会" description={stats.data.summary.text} style={{ marginBottom: 12 }} />}
        {byUnit.units.length > 0 ? (
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <QuotaChart {...byUnit} />
          </Suspense>
        ) : (
          <Typography.Text type="secondary">本年度尚未设置发文计划</Typography.Text>
        )}
        <Table
          size="small"
          rowKey={(r) => `${r.unitId}-${r.docType}`}
          dataSource={stats.data?.rows ?? []}
          pagination={false}
          style={{ marginTop: 12 }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '文种', dataIndex: 'docType' },
            { title: '计划', dataIndex: 'plan' },
            { title: '配额', dataIndex: 'quota' },
            {
              title: '实际',
              dataIndex: 'actual',
              render: (a: number, r) => <span style={r.quota > 0 && a > r.quota ? { color: '#cf1322', fontWeight: 600 } : undefined}>{a}</span>,
            },
          ]}
        />
      </Card>
      {stats.data?.canManage && (
        <>
          <QuotaSettings year={year} rows={stats.data.rows.filter((r) => r.plan > 0 || r.quota > 0)} />
          <LengthGuideSettings />
        </>
      )}
      <Card title="超配额审批">
        <Table
          size="small"
          rowKey="id"
          dataSource={approvals.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '单位', dataIndex: 'unitName', width: 110 },
            { title: '文种', dataIndex: 'docType', width: 60 },
            { title: '拟发文件', dataIndex: 'title' },
            { title: '理由', dataIndex: 'reason' },
            { title: '申请人', dataIndex: 'requester', width: 80 },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => <Tag color={STATUS[s]?.[1]}>{STATUS[s]?.[0] ?? s}</Tag> },
            { title: '审批意见', dataIndex: 'decisionComment', render: (c: string | null) => c ?? '—' },
            { title: '编号', dataIndex: 'id', width: 60 },
            ...(isDirector
              ? [
                  {
                    title: '操作',
                    width: 150,
                    render: (_: unknown, a: Approval) =>
                      a.status === 'pending' && (
                        <Space>
                          <Button size="small" type="primary" onClick={() => setDeciding({ a, approve: true })}>
                            批准
                          </Button>
                          <Button size="small" danger onClick={() => setDeciding({ a, approve: false })}>
                            不批准
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {asking && (
        <Modal open title="申请超配额发文" footer={null} onCancel={() => setAsking(false)}>
          {ask.isError && <Alert type="error" showIcon title={ask.error.message} />}
          <Form layout="vertical" onFinish={(v) => ask.mutate(v)}>
            <Form.Item name="docType" label="文种" rules={[{ required: true }]}>
              <Select options={(meta.data?.docTypes ?? []).map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item name="title" label="拟发文件标题" rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="reason" label="理由" rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={ask.isPending}>
              提交
            </Button>
          </Form>
        </Modal>
      )}
      {deciding && (
        <Modal open title={deciding.approve ? '批准超配额发文' : '不批准'} footer={null} onCancel={() => setDeciding(null)}>
          {decide.isError && <Alert type="error" showIcon title={decide.error.message} />}
          <Form layout="vertical" onFinish={(v: { comment: string }) => decide.mutate(v)}>
            <Form.Item name="comment" label="审批意见（理由）" rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={decide.isPending}>
              确定
            </Button>
          </Form>
        </Modal>
      )}
    </div>
  );
}
