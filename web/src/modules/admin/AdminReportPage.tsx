/** 账号操作报告: the 安全审计员's report of every administrator action on accounts, refused attempts included. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, qs } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { adminMessages } from './messages.ts';

interface AdminAction {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  userId: number | null;
  username: string | null;
  userName: string | null;
  changes: object | null;
  detail: object | null;
}

const PAGE_SIZE = 50;
const OUTCOME_COLORS = { success: 'green', denied: 'orange', failure: 'red' } as const;

export default function AdminReportPage() {
  const t = useT(adminMessages);
  const [page, setPage] = useState(1);
  const report = useQuery({
    queryKey: ['org', 'admin-report', page],
    queryFn: () => api<{ items: AdminAction[]; total: number }>(`/api/org/admin-report${qs({ page, pageSize: PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const json = (v: object | null) => v && <Typography.Text code>{JSON.stringify(v)}</Typography.Text>;
  const columns: TableColumnsType<AdminAction> = [
    { title: t('seq'), dataIndex: 'seq', width: 80 },
    { title: t('at'), dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('actor'), dataIndex: 'actorName', width: 120 },
    { title: t('ip'), dataIndex: 'ip', width: 130 },
    { title: t('action'), dataIndex: 'action', width: 220 },
    { title: t('account'), key: 'account', width: 170, render: (_, a) => (a.username ? `${a.userName ?? ''}（${a.username}）` : '') },
    { title: t('outcome'), dataIndex: 'outcome', width: 90, render: (o: AdminAction['outcome']) => <Tag color={OUTCOME_COLORS[o]}>{t(o)}</Tag> },
    { title: t('changes'), dataIndex: 'changes', render: json },
    { title: t('detail'), dataIndex: 'detail', render: json },
  ];
  return (
    <Card title={t('adminReport')}>
      <Alert type="info" showIcon title={t('adminReportHint')} style={{ marginBottom: 16 }} />
      {report.isError && <Alert type="error" showIcon title={report.error.message} style={{ marginBottom: 16 }} />}
      <Table<AdminAction>
        rowKey="seq"
        columns={columns}
        dataSource={report.data?.items}
        loading={report.isFetching}
        scroll={{ x: 1300 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: report.data?.total, showSizeChanger: false, onChange: setPage }}
      />
    </Card>
  );
}
