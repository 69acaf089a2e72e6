/** The ledger's rows wider than a phone: antd's Table with its pagination (its own chunk, see LedgerPage). */
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { LightTag } from '../../app/LightTag.tsx';
import type { ItemView, Ledger } from './api.ts';
import { PAGE_SIZE, totalText } from './ledger.ts';

export default function LedgerTable({
  data,
  loading,
  page,
  onPage,
}: {
  data: Ledger | undefined;
  loading: boolean;
  page: number;
  onPage: (p: number) => void;
}) {
  return (
    <Table<ItemView>
      rowKey="id"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 1070 }}
      locale={{ emptyText: '暂无符合条件的督查事项' }}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: data?.total ?? 0,
        showTotal: (t) => totalText(data, t),
        onChange: onPage,
      }}
      columns={[
        { title: '编号', dataIndex: 'number', width: 150, render: (v: string, r) => <Link to={`/supervision/items/${r.id}`}>{v}</Link> },
        // 事项 keeps a readable width; 来源 and 协办单位 show on wide screens (the item page has them all)
        { title: '事项', dataIndex: 'title', width: 280, render: (v: string, r) => <Link to={`/supervision/items/${r.id}`}>{v}</Link> },
        { title: '来源', dataIndex: 'sourceName', width: 100, responsive: ['xxl'] },
        { title: '牵头单位', dataIndex: 'leadUnitName', width: 140 },
        {
          title: '协办单位',
          dataIndex: 'coUnits',
          width: 160,
          responsive: ['xxl'],
          render: (v: ItemView['coUnits']) => v.map((u) => u.name).join('、') || '—',
        },
        { title: '责任人', width: 90, render: (_, r) => r.responsibleLeaderName ?? r.responsibleUserName },
        { title: '时限', dataIndex: 'deadline', width: 110 },
        { title: '进展', width: 110, render: (_, r) => (r.progress.tasks ? `${r.progress.accepted}/${r.progress.tasks} 已办结` : '未分解') },
        { title: '状态', dataIndex: 'statusName', width: 110, render: (v: string) => <Tag>{v}</Tag> },
        { title: '灯号', dataIndex: 'light', width: 80, render: (v: ItemView['light'], r: ItemView) => <LightTag light={v} finished={r.finishedLight} /> },
      ]}
    />
  );
}
