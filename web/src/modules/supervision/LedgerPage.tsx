/** 督办台账: filters (source, status, unit, light, dates, keyword), lights, export and import. */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Modal, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { useMe } from '../../app/me.ts';
import { ITEM_STATUS, SOURCES, uploadImport, type ItemView, type Ledger } from './api.ts';
import Nav from './Nav.tsx';

type Units = { items: { id: number; shortName?: string; short_name?: string; name: string; kind: string }[] };

export default function LedgerPage() {
  const me = useMe();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [keyword, setKeyword] = useState(params.get('q') ?? '');
  const [importOpen, setImportOpen] = useState(false);
  const [importFile, setImportFile] = useState<File | null>(null);
  const [importMode, setImportMode] = useState<'all' | 'valid'>('all');
  const [importResult, setImportResult] = useState<Awaited<ReturnType<typeof uploadImport>> | null>(null);
  const filter = Object.fromEntries([...params.entries()].filter(([k]) => k !== 'page'));
  const page = Number(params.get('page') ?? 1);
  const set = (k: string, v: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
    next.delete('page');
    setParams(next);
  };
  const list = useQuery({
    queryKey: ['supervision', 'ledger', filter, page],
    queryFn: () => api<Ledger>(`/api/supervision/items${qs({ ...filter, page, pageSize: 20 })}`),
  });
  const units = useQuery({ queryKey: ['org', 'units'], queryFn: () => api<Units>('/api/org/units') });
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => ['department', 'lower', 'division'].includes(u.kind))
    .map((u) => ({ value: u.id, label: u.shortName ?? u.short_name ?? u.name }));
  const office = list.data?.canRegister ?? false;
  const range = (from: string, to: string) => (v: [Dayjs | null, Dayjs | null] | null) => {
    const next = new URLSearchParams(params);
    next.delete(from);
    next.delete(to);
    if (v?.[0]) next.set(from, v[0].format('YYYY-MM-DD'));
    if (v?.[1]) next.set(to, v[1].format('YYYY-MM-DD'));
    setParams(next);
  };
  const runImport = async (dryRun: boolean) => {
    if (!importFile) return;
    try {
      const r = await uploadImport(importFile, importMode, dryRun);
      setImportResult(r);
      if (r.committed) {
        message.success(`已导入 ${r.imported} 件`);
        await qc.invalidateQueries({ queryKey: ['supervision'] });
      }
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div>
      <Nav office={office} />
      <Card
        title="督办台账"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={`/api/supervision/export.xlsx${qs(filter)}`} data-testid="export-xlsx">
              导出Excel
            </Button>
            {office && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                导入
              </Button>
            )}
            {office && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/supervision/new')}>
                立项
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="关键词（事项、要求、编号）"
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 240 }}
          />
          <Select
            aria-label="来源"
            placeholder="来源"
            allowClear
            style={{ width: 160 }}
            options={SOURCES}
            value={params.get('source') ?? undefined}
            onChange={(v) => set('source', v)}
          />
          <Select
            aria-label="状态"
            placeholder="状态"
            allowClear
            style={{ width: 140 }}
            options={ITEM_STATUS}
            value={params.get('status') ?? undefined}
            onChange={(v) => set('status', v)}
          />
          <Select
            aria-label="责任单位"
            placeholder="责任单位"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            options={unitOptions}
            value={params.get('unitId') ? Number(params.get('unitId')) : undefined}
            onChange={(v) => set('unitId', v)}
          />
          <Select
            aria-label="灯号"
            placeholder="灯号"
            allowClear
            style={{ width: 110 }}
            options={[
              { value: 'red', label: '红灯' },
              { value: 'yellow', label: '黄灯' },
              { value: 'green', label: '绿灯' },
              { value: 'none', label: '已办结' },
            ]}
            value={params.get('light') ?? undefined}
            onChange={(v) => set('light', v)}
          />
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['时限起', '时限止']} onChange={range('deadlineFrom', 'deadlineTo')} />
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['立项起', '立项止']} onChange={range('createdFrom', 'createdTo')} />
          {me.roles.includes('leader') && (
            <Button type={params.get('mine') ? 'primary' : 'default'} onClick={() => set('mine', params.get('mine') ? null : 'leader')}>
              我批示/我负责的
            </Button>
          )}
        </Space>
        <Table<ItemView>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1070 }}
          locale={{ emptyText: '暂无符合条件的督查事项' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            showTotal: (t) => (list.data?.totalCapped ? `超过 ${t} 件，请缩小筛选范围` : `共 ${t} 件`),
            onChange: (p) => setParams(new URLSearchParams({ ...filter, page: String(p) })),
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
      </Card>
      <Modal
        title="导入督办事项"
        open={importOpen}
        onCancel={() => {
          setImportOpen(false);
          setImportResult(null);
        }}
        footer={null}
        width={760}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <a href="/api/supervision/import-template.xlsx">下载导入模板</a>
          <Upload
            beforeUpload={(f) => {
              setImportFile(f);
              setImportResult(null);
              return false;
            }}
            maxCount={1}
            accept=".xlsx"
          >
            <Button icon={<UploadOutlined />}>选择 .xlsx 文件</Button>
          </Upload>
          <Radio.Group value={importMode} onChange={(e) => setImportMode(e.target.value)}>
            <Radio value="all">有任何不合格行则全部不导入</Radio>
            <Radio value="valid">只导入合格行</Radio>
          </Radio.Group>
          <Space>
            <Button onClick={() => runImport(true)} disabled={!importFile}>
              校验
            </Button>
            <Button type="primary" onClick={() => runImport(false)} disabled={!importFile}>
              导入
            </Button>
          </Space>
          {importResult && (
            <>
              <Alert
                type={importResult.committed ? 'success' : importResult.invalid ? 'warning' : 'info'}
                message={`共 ${importResult.total} 行，合格 ${importResult.total - importResult.invalid} 行，不合格 ${importResult.invalid} 行；${importResult.committed ? `已导入 ${importResult.imported} 件` : '未导入'}`}
              />
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                dataSource={importResult.rows}
                columns={[
                  { title: '行', dataIndex: 'row', width: 50 },
                  { title: '事项', dataIndex: 'title' },
                  {
                    title: '结果',
                    render: (_, r) =>
                      r.ok ? <Tag color="success">{r.number ?? '合格'}</Tag> : <span style={{ color: '#cf1322' }}>{r.errors.join('；')}</span>,
                  },
                ]}
              />
            </>
          )}
        </Space>
      </Modal>
    </div>
  );
}
