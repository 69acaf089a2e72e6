/** 考核方案: the schemes per period, and (for the 督查室) a new scheme. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { PERIOD_KINDS, STATUS, type Scheme, type SchemeList } from './api.ts';

type Row = SchemeList['items'][number];

/** The list of schemes. */
export default function SchemesPage() {
  const list = useQuery({ queryKey: ['assessment', 'schemes'], queryFn: () => api<SchemeList>('/api/assessment/schemes') });
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title="考核督查 · 考核方案"
      extra={
        <Space>
          {list.data?.canCockpit && <Link to="/assessment/cockpit">领导驾驶舱</Link>}
          {list.data?.canCreate && <Link to="/assessment/settings">设置</Link>}
          {list.data?.canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建方案
            </Button>
          )}
        </Space>
      }
    >
      <Table<Row>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '方案', dataIndex: 'name', render: (v: string, s) => <Link to={`/assessment/${s.id}`}>{v}</Link> },
          { title: '周期', width: 80, render: (_, s) => PERIOD_KINDS[s.periodKind] },
          { title: '考核期', width: 200, render: (_, s) => `${s.periodFrom} 至 ${s.periodTo}` },
          { title: '被考核单位', dataIndex: 'unitCount', width: 100 },
          { title: '状态', width: 90, render: (_, s) => <Tag color={STATUS[s.status]?.color}>{STATUS[s.status]?.label}</Tag> },
        ]}
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api<Scheme>('/api/assessment/schemes', { method: 'POST', body: v }),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['assessment'] });
      onClose();
      navigate(`/assessment/${s.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <Modal open={open} title="新建考核方案" onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ periodKind: 'year', topN: 3, bottomN: 3 }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="name" label="方案名称" rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="periodKind" label="周期" rules={[{ required: true }]}>
          <Select options={Object.entries(PERIOD_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="period" label="考核期" extra="年度如 2026，半年如 2026H1，季度如 2026Q3" rules={[{ required: true }]}>
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="topN" label="先进名额（前 N 名）">
          <InputNumber min={0} max={50} />
        </Form.Item>
        <Form.Item name="bottomN" label="落后名额（后 N 名）">
          <InputNumber min={0} max={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
