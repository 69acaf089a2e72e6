/** 我的批示: a leader's own 批示, each with the state of the 督办 made of it. */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { showTime, useCan, type InformationMyInstructions } from './api.ts';
import Nav from './Nav.tsx';
import HandwritingImage from './HandwritingImage.tsx';

type Row = InformationMyInstructions['items'][number];
const SUPERVISION_STATUS: Record<string, string> = { registered: '立项', issued: '办理中', concluded: '已办结待回访', closed: '已销号', withdrawn: '已撤销' };

export default function InstructionsPage() {
  const can = useCan();
  const q = useQuery({ queryKey: ['information', 'my-instructions'], queryFn: () => api<InformationMyInstructions>('/api/information/instructions') });
  return (
    <div>
      <Nav desk={can.edit} />
      <Card title="我的批示">
        <Table<Row>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 720 }}
          columns={[
            { title: '信息', key: 'item', render: (_: unknown, r) => <Link to={`/information/items/${r.itemId}`}>{r.itemTitle}</Link> },
            {
              title: '批示内容',
              key: 'text',
              render: (_: unknown, r) => (
                <div style={{ minWidth: 0 }}>
                  {r.text}
                  {r.handwriting && <HandwritingImage instructionId={r.id} leaderName="" compact />}
                </div>
              ),
            },
            { title: '批示时间', dataIndex: 'createdAt', width: 150, render: showTime },
            {
              title: '督办',
              key: 'supervision',
              width: 260,
              render: (_: unknown, r) =>
                r.supervision ? (
                  <Space>
                    <Link to={`/supervision/items/${r.supervision.itemId}`}>{r.supervision.number}</Link>
                    <Tag>{SUPERVISION_STATUS[r.supervision.status] ?? r.supervision.status}</Tag>
                    <LightTag light={r.supervision.light} />
                  </Space>
                ) : r.supervisionItemId ? (
                  <Tag>已转督办</Tag>
                ) : (
                  <Tag color="orange">待转督办</Tag>
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
