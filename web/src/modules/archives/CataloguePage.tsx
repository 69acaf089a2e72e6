/** 案卷目录: what the user may browse (up to their clearance), the xlsx export, and 归档 for the 档案处. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { useT, usePick } from '../../app/i18n.ts';
import { dict, type CandidatesResponse, type ListRecordsResponse, type RecordResponse, type RecordView } from './api.ts';
import Nav from './Nav.tsx';

function ArchiveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(dict);
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const cands = useQuery({ queryKey: ['archives', 'candidates'], queryFn: () => api<CandidatesResponse>('/api/archives/candidates'), enabled: open });
  const save = useMutation({
    mutationFn: (v: { item: string; retention: string; secrecyUntil?: { format(f: string): string } }) => {
      const [sourceType, sourceId] = v.item.split(':');
      return api<RecordResponse>('/api/archives', {
        method: 'POST',
        body: { sourceType, sourceId: Number(sourceId), retention: v.retention, secrecyUntil: v.secrecyUntil?.format('YYYY-MM-DD') ?? null },
      });
    },
    onSuccess: async (r) => {
      message.success(`${r.record.archiveNo}：${t('done')}`);
      await qc.invalidateQueries({ queryKey: ['archives'] });
      onClose();
      nav(`/archives/${r.record.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      title={t('archiveTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('archive')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ retention: 'permanent' }}>
        <Form.Item name="item" label={t('item')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={cands.isLoading}
            options={(cands.data?.items ?? []).map((c) => ({
              value: `${c.sourceType}:${c.sourceId}`,
              label: `${c.sourceName.zh} ${c.number ?? ''} ${c.title}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="retention" label={t('retention')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'permanent', label: '永久' },
              { value: '30y', label: '30年' },
              { value: '10y', label: '10年' },
            ]}
          />
        </Form.Item>
        <Form.Item name="secrecyUntil" label={t('secrecyUntil')} extra="涉密事项不填时按密级默认（内部、秘密10年，机密20年）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BorrowModal({ record, onClose }: { record: RecordView | null; onClose: () => void }) {
  const t = useT(dict);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { reason: string; returnDue: { format(f: string): string } }) =>
      api(`/api/archives/${record!.id}/loans`, { method: 'POST', body: { reason: v.reason, returnDue: v.returnDue.format('YYYY-MM-DD') } }),
    onSuccess: async () => {
      message.success(t('done'));
      await qc.invalidateQueries({ queryKey: ['archives'] });
      onClose();
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Modal
      title={`${t('borrow')}：${record?.archiveNo ?? ''}`}
      open={record !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('submit')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="returnDue" label={t('returnDue')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The catalogue page. */
export default function CataloguePage() {
  const t = useT(dict);
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const [archiving, setArchiving] = useState(false);
  const [borrowing, setBorrowing] = useState<RecordView | null>(null);
  const q = params.get('q') ?? undefined;
  const list = useQuery({ queryKey: ['archives', 'list', q], queryFn: () => api<ListRecordsResponse>(`/api/archives${qs({ q, pageSize: 100 })}`) });
  return (
    <div>
      <Nav reviews={list.data?.can.reviews ?? false} />
      <Card
        title={t('catalogue')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href="/api/archives/export.xlsx" data-testid="export-xlsx">
              {t('export')}
            </Button>
            {list.data?.can.archive && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setArchiving(true)} data-testid="archive">
                {t('archive')}
              </Button>
            )}
          </Space>
        }
      >
        <Input.Search
          allowClear
          aria-label={t('keyword')}
          placeholder={t('keyword')}
          defaultValue={q}
          onSearch={(v) => setParams(v ? { q: v } : {})}
          style={{ width: 240, marginBottom: 12 }}
        />
        <Table<RecordView>
          rowKey="id"
          size="middle"
          scroll={{ x: 900 }}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('archiveNo'),
              dataIndex: 'archiveNo',
              width: 190,
              render: (v: string, r) => (r.readable ? <Link to={`/archives/${r.id}`}>{v}</Link> : v),
            },
            { title: t('title'), dataIndex: 'title' },
            { title: t('kind'), width: 110, render: (_, r) => pick(r.sourceName) },
            { title: t('ownerUnit'), width: 110, render: (_, r) => r.ownerUnit.name },
            { title: t('retention'), dataIndex: 'retentionName', width: 80 },
            { title: t('level'), width: 70, render: (_, r) => (r.level > 0 ? <Tag color="red">{r.levelName}</Tag> : r.levelName) },
            { title: t('secrecyUntil'), width: 110, render: (_, r) => r.secrecyUntil ?? '—' },
            { title: t('archivedAt'), width: 110, render: (_, r) => r.archivedAt.slice(0, 10) },
            {
              title: '',
              width: 100,
              render: (_, r) =>
                r.actions.includes('borrow') ? (
                  <Button size="small" onClick={() => setBorrowing(r)} data-testid={`borrow-${r.id}`}>
                    {t('borrow')}
                  </Button>
                ) : r.readable ? null : (
                  <Tag>{t('notReadable')}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <ArchiveModal open={archiving} onClose={() => setArchiving(false)} />
      <BorrowModal record={borrowing} onClose={() => setBorrowing(null)} />
    </div>
  );
}
