/** 本单位任务: the liaison's list of the unit's supervision tasks. */
import { useQuery } from '@tanstack/react-query';
import { Card, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import type { TaskList, TaskRow } from './api.ts';
import Nav from './Nav.tsx';

export default function TasksPage() {
  const [scope, setScope] = useState<'unit' | 'mine'>('unit');
  const [open, setOpen] = useState('1');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['supervision', 'tasks', scope, open, page],
    queryFn: () => api<TaskList>(`/api/supervision/tasks${qs({ scope, open, page, pageSize: 20 })}`),
  });
  return (
    <div>
      <Nav office={false} />
      <Card
        title="本单位督办任务"
        extra={
          <Space>
            <Radio.Group
              value={scope}
              onChange={(e) => setScope(e.target.value)}
              options={[
                { value: 'unit', label: '本单位' },
                { value: 'mine', label: '我负责的' },
              ]}
              optionType="button"
            />
            <Radio.Group
              value={open}
              onChange={(e) => setOpen(e.target.value)}
              options={[
                { value: '1', label: '未办结' },
                { value: '0', label: '全部' },
              ]}
              optionType="button"
            />
          </Space>
        }
      >
        <Table<TaskRow>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: '本单位暂无督办任务' }}
          pagination={{ current: page, total: q.data?.total ?? 0, pageSize: 20, onChange: setPage, showTotal: (t) => `共 ${t} 项` }}
          columns={[
            { title: '编号', dataIndex: 'itemNumber', width: 150, render: (v: string, t) => <Link to={`/supervision/items/${t.itemId}`}>{v}</Link> },
            { title: '事项', dataIndex: 'itemTitle', render: (v: string, t) => <Link to={`/supervision/items/${t.itemId}`}>{v}</Link> },
            { title: '分工', width: 80, render: (_, t) => <Tag color={t.isLead ? 'red' : 'blue'}>{t.isLead ? '牵头' : '协办'}</Tag> },
            { title: '责任人', dataIndex: 'responsibleUserName', width: 100 },
            { title: '时限', dataIndex: 'deadline', width: 110 },
            {
              title: '下次反馈',
              width: 120,
              render: (_, t) =>
                t.nextReportDue ? (
                  <span style={{ color: t.reportOverdue ? '#cf1322' : undefined }}>
                    {t.nextReportDue}
                    {t.reportOverdue ? '（已逾期）' : ''}
                  </span>
                ) : (
                  '—'
                ),
            },
            { title: '状态', dataIndex: 'statusName', width: 100, render: (v: string) => <Tag>{v}</Tag> },
            { title: '灯号', dataIndex: 'light', width: 80, render: (v: TaskRow['light'], r: TaskRow) => <LightTag light={v} finished={r.finishedLight} /> },
          ]}
        />
      </Card>
    </div>
  );
}
