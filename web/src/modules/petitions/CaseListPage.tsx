/** 信访件列表: filters (status, channel, category, place, keyword), lights, repeat flags, export and registration. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { CASE_STATUS, CHANNEL_NAMES, PETITION_CHANNELS, type CaseList, type CaseListItem } from './api.ts';
import Nav from './Nav.tsx';
import RegisterModal from './RegisterModal.tsx';

/** The list page. */
export default function CaseListPage() {
  const [params, setParams] = useSearchParams();
  const [registering, setRegistering] = useState(false);
  const filter = {
    status: params.get('status') ?? undefined,
    channel: params.get('channel') ?? undefined,
    category: params.get('category') ?? undefined,
    place: params.get('place') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const list = useQuery({ queryKey: ['petitions', 'list', filter], queryFn: () => api<CaseList>(`/api/petitions${qs({ ...filter, pageSize: 100 })}`) });
  return (
    <div>
      <Nav />
      <Card
        title="信访件"
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              href={`/api/petitions/export.xlsx${qs({ status: filter.status, category: filter.category })}`}
              data-testid="export-xlsx"
            >
              导出台账
            </Button>
            {list.data?.canRegister && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register">
                登记
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label="状态"
            placeholder="状态"
            style={{ width: 120 }}
            value={filter.status}
            onChange={(v) => set('status', v)}
            options={CASE_STATUS.map((s) => ({ value: s.key, label: s.zh }))}
          />
          <Select
            allowClear
            aria-label="渠道"
            placeholder="渠道"
            style={{ width: 100 }}
            value={filter.channel}
            onChange={(v) => set('channel', v)}
            options={PETITION_CHANNELS.map((c) => ({ value: c, label: CHANNEL_NAMES[c].zh }))}
          />
          <Input.Search allowClear placeholder="类别" defaultValue={filter.category} onSearch={(v) => set('category', v)} style={{ width: 130 }} />
          <Input.Search allowClear placeholder="属地" defaultValue={filter.place} onSearch={(v) => set('place', v)} style={{ width: 130 }} />
          <Input.Search allowClear placeholder="事项或编号" defaultValue={filter.q} onSearch={(v) => set('q', v)} style={{ width: 200 }} />
        </Space>
        <Table<CaseListItem>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150, render: (v: string, c) => <Link to={`/petitions/${c.id}`}>{v}</Link> },
            {
              title: '信访事项',
              dataIndex: 'subject',
              render: (v: string, c) => (
                <Space size={4}>
                  {v}
                  {c.repeatOf !== null && <Tag color="orange">重复信访</Tag>}
                  {c.supervisedCount > 0 && <Tag color="red">督办{c.supervisedCount}次</Tag>}
                </Space>
              ),
            },
            { title: '信访人', width: 90, render: (_, c) => c.petitioner.name },
            { title: '渠道', width: 70, render: (_, c) => CHANNEL_NAMES[c.channel].zh },
            { title: '类别', dataIndex: 'category', width: 100 },
            { title: '属地', dataIndex: 'place', width: 90 },
            { title: '责任单位', width: 150, render: (_, c) => c.unit?.name ?? '—' },
            { title: '状态', width: 100, render: (_, c) => c.statusName.zh },
            {
              title: '时限',
              width: 130,
              render: (_, c) =>
                c.light === 'none' ? (
                  '—'
                ) : (
                  <Space size={4}>
                    {c.status === 'transferred' ? c.acceptDue : c.handleDue}
                    <LightTag light={c.light} />
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <RegisterModal open={registering} onClose={() => setRegistering(false)} />
    </div>
  );
}
