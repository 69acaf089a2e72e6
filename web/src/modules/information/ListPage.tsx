/** 本单位报送 / 待采编 (信息处's intake queue, with 合并) / 已采用: one table, the scope from the path. */
import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { ADOPT_NAMES, LEVEL_NAMES, showDelay, showTime, useCan, useInformationMeta, type InformationList, type InformationRow } from './api.ts';
import Nav from './Nav.tsx';
import SubmitModal from './SubmitModal.tsx';

const SCOPES: Record<string, { scope: string; title: string }> = {
  '/information': { scope: 'mine', title: '本单位报送的信息' },
  '/information/intake': { scope: 'intake', title: '待采编信息' },
  '/information/adopted': { scope: 'adopted', title: '已采用信息' },
};

export default function ListPage() {
  const loc = useLocation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { scope, title } = SCOPES[loc.pathname.replace(/\/$/, '')] ?? SCOPES['/information']!;
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<string | undefined>();
  const [submitOpen, setSubmitOpen] = useState(false);
  const [selected, setSelected] = useState<InformationRow[]>([]);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [form] = Form.useForm();
  const meta = useInformationMeta();
  const can = useCan();
  const list = useQuery({
    queryKey: ['information', 'list', scope, kind, page],
    queryFn: () => api<InformationList>(`/api/information/items${qs({ scope, kind, page, pageSize: 20 })}`),
  });
  const merge = async () => {
    const v = await form.validateFields();
    try {
      const r = await api<{ id: number }>('/api/information/merge', {
        method: 'POST',
        body: { sources: selected.map((s) => ({ id: s.id, version: s.version })), title: v.title, body: v.body },
      });
      message.success('已合并');
      setMergeOpen(false);
      setSelected([]);
      await qc.invalidateQueries({ queryKey: ['information'] });
      nav(`/information/items/${r.id}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div>
      <Nav desk={can.edit} />
      <Card
        title={title}
        extra={
          <Space>
            <Select
              allowClear
              aria-label="类别"
              placeholder="类别"
              style={{ width: 140 }}
              value={kind}
              onChange={setKind}
              options={(meta.data?.kinds ?? []).map((k) => ({ value: k, label: k }))}
            />
            {scope === 'intake' && (
              <Button icon={<MergeCellsOutlined />} disabled={selected.length < 2} onClick={() => setMergeOpen(true)}>
                合并所选（{selected.length}）
              </Button>
            )}
            {can.submit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setSubmitOpen(true)} data-testid="info-submit">
                报送信息
              </Button>
            )}
          </Space>
        }
      >
        <Table<InformationRow>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          rowSelection={scope === 'intake' ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_k, rows) => setSelected(rows) } : undefined}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/information/items/${r.id}`}>{r.firstId ? `【续报】${t}` : t}</Link> },
            { title: '类别', dataIndex: 'kind', width: 110, render: (k: string) => <Tag color={k === '紧急信息' ? 'red' : undefined}>{k}</Tag> },
            { title: '报送单位', dataIndex: 'unitName', width: 130 },
            { title: '密级', dataIndex: 'level', width: 70, render: (l: number) => LEVEL_NAMES[l] },
            { title: '报送时间', dataIndex: 'reportedAt', width: 150, render: showTime },
            {
              title: '时限',
              key: 'late',
              width: 150,
              render: (_: unknown, r) => (r.late ? <Tag color="red">迟报 {showDelay(r.delayMinutes)}</Tag> : r.dueAt ? <Tag color="green">按时</Tag> : '—'),
            },
            {
              title: '状态',
              key: 'status',
              width: 150,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Tag>{r.statusName}</Tag>
                  {r.adoptLevel && <Tag color="blue">{ADOPT_NAMES[r.adoptLevel]}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <SubmitModal open={submitOpen} onClose={() => setSubmitOpen(false)} />
      <Modal open={mergeOpen} title="合并信息" okText="合并" onOk={merge} onCancel={() => setMergeOpen(false)} width={720} destroyOnHidden>
        <p>将合并：{selected.map((s) => `${s.unitName}《${s.title}》`).join('、')}</p>
        <Form form={form} layout="vertical" initialValues={{ title: selected[0]?.title, body: '' }}>
          <Form.Item name="title" label="合并后标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label="合并后正文" rules={[{ required: true, message: '请填写正文' }]}>
            <Input.TextArea rows={8} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
