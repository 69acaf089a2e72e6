/**
 * The item page's lists — 责任分工, 情况反馈与审核, 延期申请 — as tables on wide screens and as cards on a
 * phone (below 768 px), where a liaison reports from: every row's buttons stay on screen, nothing scrolls sideways.
 */
import { Card, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LightTag } from '../../app/LightTag.tsx';
import { formatShortDateTime } from '../../app/time.ts';
import type { ItemDetail, TaskView } from './api.ts';

type Report = ItemDetail['reports'][number];
type Extension = ItemDetail['extensions'][number];

const statusColor = (t: TaskView) => (t.status === 'returned' ? 'orange' : t.status === 'accepted' ? 'green' : undefined);

/** 责任分工: one row (or card) per task with the buttons the server allows. */
export function TaskSection({ tasks, narrow, buttons }: { tasks: TaskView[]; narrow: boolean; buttons: (t: TaskView) => ReactNode }) {
  const unit = (t: TaskView) => (
    <Space wrap size={4}>
      {t.unitName}
      <Tag color={t.isLead ? 'red' : 'blue'}>{t.isLead ? '牵头' : '协办'}</Tag>
    </Space>
  );
  const status = (t: TaskView) => (
    <Tag data-testid={`task-status-${t.id}`} color={statusColor(t)}>
      {t.statusName}
    </Tag>
  );
  const deadline = (t: TaskView) => (
    <Space size={4}>
      {t.deadline}
      {t.extensionCount > 0 && <Tag>已延期</Tag>}
    </Space>
  );
  return (
    <Card title="责任分工" style={{ marginTop: 16 }}>
      {narrow ? (
        <List
          dataSource={tasks}
          locale={{ emptyText: '尚未分解立项' }}
          renderItem={(t) => (
            <List.Item key={t.id} data-testid={`task-card-${t.id}`}>
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex wrap gap={4} align="center">
                  {unit(t)}
                  {status(t)}
                  <LightTag light={t.light} finished={t.finishedLight} />
                </Flex>
                <Typography.Text type="secondary">
                  责任人：{t.responsibleUserName} · 时限：{deadline(t)}
                </Typography.Text>
                {buttons(t)}
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<TaskView>
          rowKey="id"
          pagination={false}
          dataSource={tasks}
          locale={{ emptyText: '尚未分解立项' }}
          columns={[
            { title: '责任单位', render: (_, t) => unit(t) },
            { title: '责任人', dataIndex: 'responsibleUserName' },
            { title: '时限', render: (_, t) => deadline(t) },
            { title: '状态', render: (_, t) => status(t) },
            { title: '灯号', render: (_, t) => <LightTag light={t.light} finished={t.finishedLight} /> },
            { title: '操作', render: (_, t) => buttons(t) },
          ]}
        />
      )}
    </Card>
  );
}

function Attachments({ report }: { report: Report }) {
  return (
    <Flex wrap gap={8}>
      {report.attachments.map((f) =>
        f.mime.startsWith('image/') ? (
          <a key={f.id} href={`/api/files/${f.id}`} title={f.filename}>
            <img src={`/api/files/${f.id}`} alt={f.filename} style={{ maxWidth: 120, maxHeight: 90, borderRadius: 4, display: 'block' }} />
            <Typography.Text style={{ fontSize: 12 }}>{f.filename}</Typography.Text>
          </a>
        ) : (
          <a key={f.id} href={`/api/files/${f.id}`}>
            {f.filename}
          </a>
        ),
      )}
    </Flex>
  );
}

function ReviewTag({ r }: { r: Report }) {
  if (r.reviewStatus === 'accepted') return <Tag color="green">通过</Tag>;
  if (r.reviewStatus === 'returned') return <Tag color="orange">退回：{r.reviewComment}</Tag>;
  if (r.reviewStatus === 'pending') return <Tag color="blue">待审核</Tag>;
  return <>—</>;
}

function ExtensionResult({ e }: { e: Extension }) {
  if (e.status === 'pending') return <Tag color="blue">待审批</Tag>;
  if (e.status === 'approved') return <Tag color="green">批准至 {e.newDeadline}</Tag>;
  return <Tag color="red">不同意：{e.comment}</Tag>;
}

/** 情况反馈与审核 and the 延期申请 of the item. */
export function ReportSection({ detail, narrow }: { detail: ItemDetail; narrow: boolean }) {
  const unitOf = (taskId: number) => detail.tasks.find((t) => t.id === taskId)?.unitName;
  const kind = (r: Report) => (r.kind === 'final' ? '申请办结' : '进展反馈');
  const by = (r: Report) => `${r.submittedBy} ${formatShortDateTime(r.submittedAt)}${r.late ? '（逾期）' : ''}`;
  return (
    <Card title="情况反馈与审核" style={{ marginTop: 16 }}>
      {detail.reports.length === 0 ? (
        <Empty description="暂无反馈" />
      ) : narrow ? (
        <List
          dataSource={detail.reports}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid={`report-card-${r.id}`}>
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex wrap gap={4} align="center">
                  <Typography.Text strong>{unitOf(r.taskId)}</Typography.Text>
                  <Tag>{kind(r)}</Tag>
                  {['accepted', 'returned', 'pending'].includes(r.reviewStatus) && <ReviewTag r={r} />}
                </Flex>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.content}</Typography.Paragraph>
                {r.attachments.length > 0 && <Attachments report={r} />}
                <Typography.Text type="secondary">{by(r)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          pagination={false}
          dataSource={detail.reports}
          columns={[
            { title: '单位', render: (_, r) => unitOf(r.taskId) },
            { title: '类型', render: (_, r) => kind(r) },
            { title: '内容', dataIndex: 'content' },
            { title: '附件', render: (_, r) => <Attachments report={r} /> },
            { title: '反馈人', render: (_, r) => by(r) },
            { title: '审核', render: (_, r) => <ReviewTag r={r} /> },
          ]}
        />
      )}
      {detail.extensions.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          pagination={false}
          dataSource={detail.extensions}
          scroll={narrow ? { x: 'max-content' } : undefined}
          columns={[
            { title: '延期申请', render: (_, e) => unitOf(e.taskId) },
            { title: '理由', dataIndex: 'reason' },
            { title: '原时限→申请', render: (_, e) => `${e.oldDeadline} → ${e.requestedDeadline}` },
            { title: '结果', render: (_, e) => <ExtensionResult e={e} /> },
          ]}
        />
      )}
    </Card>
  );
}
