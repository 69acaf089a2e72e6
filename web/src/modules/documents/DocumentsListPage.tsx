/** 公文 list: my pending, incoming, outgoing and archive, with filters; overdue rows in red. */
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { useDocumentList, useDocumentsMeta, type DocumentRow } from './api.ts';
import { documentsMessages } from './messages.ts';

type Tab = 'mine' | 'in' | 'out' | 'archive';

export default function DocumentsListPage() {
  const t = useT(documentsMessages);
  const navigate = useNavigate();
  const meta = useDocumentsMeta();
  const [tab, setTab] = useState<Tab>('mine');
  const [q, setQ] = useState('');
  const [docType, setDocType] = useState<string>();
  const [urgency, setUrgency] = useState<string>();
  const [level, setLevel] = useState<number>();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const filters = {
    mine: tab === 'mine' ? '1' : undefined,
    direction: tab === 'in' || tab === 'out' ? tab : undefined,
    archived: tab === 'archive' ? '1' : undefined,
    q: q || undefined,
    docType,
    urgency,
    level,
    overdue: overdue ? '1' : undefined,
    page,
    pageSize: 20,
  };
  const list = useDocumentList(filters);
  const urgencyName = (k: string) => meta.data?.urgencies.find((u) => u.key === k)?.zh ?? '';

  const columns: TableColumnsType<DocumentRow> = [
    { title: t('light'), dataIndex: 'light', width: 80, render: (l: DocumentRow['light']) => <LightTag light={l} /> },
    { title: t('number'), width: 190, render: (_, r) => r.docNo ?? r.receiveNo ?? r.originalNo ?? '—' },
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space size={4} wrap>
          <Tag color={r.direction === 'in' ? 'blue' : 'purple'}>{r.direction === 'in' ? t('tabIn') : t('tabOut')}</Tag>
          {r.urgency !== 'normal' && <Tag color="red">{urgencyName(r.urgency)}</Tag>}
          <Typography.Link onClick={() => navigate(`/documents/${r.id}`)} style={r.overdue ? { color: '#cf1322' } : undefined}>
            {title}
          </Typography.Link>
          {r.circulating && <Tag color="gold">{t('circulating')}</Tag>}
          {r.overdue && <Tag color="error">{t('overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('docType'), dataIndex: 'docType', width: 70 },
    { title: t('unit'), width: 140, render: (_, r) => (r.sourceOrgan && r.direction === 'in' ? r.sourceOrgan : (r.ownerUnitName ?? '—')) },
    tab === 'archive'
      ? { title: t('archiveNo'), dataIndex: 'archiveNo', width: 200 }
      : {
          title: t('deadline'),
          dataIndex: 'deadline',
          width: 110,
          render: (d: string | null, r) => <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{d ?? '—'}</span>,
        },
    { title: t('status'), dataIndex: 'statusName', width: 100 },
  ];

  return (
    <Card
      data-testid="documents-list"
      title={t('menu')}
      extra={
        <Space>
          <Button onClick={() => navigate('/documents/quota')}>{t('quota')}</Button>
          <Button onClick={() => navigate('/documents/receive')}>{t('receive')}</Button>
          <Button type="primary" onClick={() => navigate('/documents/new')}>
            {t('draft')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setPage(1);
        }}
        items={(['mine', 'in', 'out', 'archive'] as const).map((k) => ({
          key: k,
          label: t(k === 'mine' ? 'tabMine' : k === 'in' ? 'tabIn' : k === 'out' ? 'tabOut' : 'tabArchive'),
        }))}
        tabBarExtraContent={tab === 'archive' ? <Button href="/api/documents/archive/export.xlsx">{t('exportArchive')}</Button> : undefined}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('search')}
          style={{ width: 260 }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          data-testid="documents-search"
        />
        <Select
          allowClear
          aria-label={t('docType')}
          placeholder={t('docType')}
          style={{ width: 110 }}
          value={docType}
          onChange={setDocType}
          options={(meta.data?.docTypes ?? []).map((d) => ({ value: d, label: d }))}
        />
        <Select
          allowClear
          aria-label={t('urgency')}
          placeholder={t('urgency')}
          style={{ width: 110 }}
          value={urgency}
          onChange={setUrgency}
          options={(meta.data?.urgencies ?? []).map((u) => ({ value: u.key, label: u.zh }))}
        />
        <Select
          allowClear
          aria-label={t('level')}
          placeholder={t('level')}
          style={{ width: 100 }}
          value={level}
          onChange={setLevel}
          options={(meta.data?.levels ?? []).slice(0, 2).map((l) => ({ value: l.value, label: l.zh }))}
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          {t('overdueOnly')}
        </Checkbox>
      </Space>
      {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<DocumentRow>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        rowClassName={(r) => (r.overdue ? 'zs-overdue' : '')}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
