/** 掌握事件: events known to the office (信息处 registers them), awaiting a unit's report; 漏报 when the limit passed. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { showTime, useCan, useDirectory, useInformationMeta, type InformationEvents } from './api.ts';
import Nav from './Nav.tsx';

const STATUS_COLOR: Record<string, string> = { open: 'gold', reported: 'green', missed: 'red' };
type EventRow = InformationEvents['items'][number];

export default function EventsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const meta = useInformationMeta();
  const dir = useDirectory();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['information', 'events'], queryFn: () => api<InformationEvents>('/api/information/events') });
  const register = async () => {
    const v = await form.validateFields();
    try {
      await api('/api/information/events', {
        method: 'POST',
        body: { kind: v.kind, title: v.title, unitId: v.unitId, level: 0, occurredAt: (v.occurredAt as Dayjs).toISOString() },
      });
      message.success('已登记，超过报送时限未收到报送将记为漏报');
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['information', 'events'] });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const units = (dir.data?.units ?? []).filter((u) => ['department', 'lower'].includes(u.kind)).map((u) => ({ value: u.id, label: u.shortName }));
  return (
    <div>
      <Nav desk={can.edit} />
      <Card
        title="掌握的事件（漏报核查）"
        extra={
          can.edit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              登记事件
            </Button>
          )
        }
      >
        <Table<EventRow>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '事件', dataIndex: 'title' },
            { title: '类别', dataIndex: 'kind', width: 110 },
            { title: '责任单位', key: 'unit', width: 140, render: (_: unknown, r) => r.unit.name },
            { title: '发生时间', dataIndex: 'occurredAt', width: 150, render: showTime },
            { title: '报送时限', dataIndex: 'dueAt', width: 150, render: showTime },
            {
              title: '状态',
              key: 'status',
              width: 140,
              render: (_: unknown, r) => (
                <>
                  <Tag color={STATUS_COLOR[r.status]}>{meta.data?.eventStates[r.status]?.zh ?? r.status}</Tag>
                  {r.reportId && <Link to={`/information/items/${r.reportId}`}>查看报送</Link>}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={open} title="登记掌握的事件" okText="登记" onOk={register} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: '紧急信息', occurredAt: dayjs() }}>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Select options={(meta.data?.kinds ?? []).map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="title" label="事件概要" rules={[{ required: true, message: '请填写事件概要' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label="应报单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" options={units} />
          </Form.Item>
          <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
