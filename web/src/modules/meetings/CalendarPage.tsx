/** 会议日历: the month's meetings the user may see; the office creates meetings here. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Calendar, Card, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { useMeta } from '../../app/meta.ts';
import { useDirectory } from '../supervision/directory.ts';
import { chinaTime, type MeetingDetail, type MeetingRow, type MeetingsConfig } from './api.ts';
import Nav from './Nav.tsx';

const STATUS_BADGE: Record<string, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  planned: 'default',
  notified: 'processing',
  held: 'warning',
  minuted: 'success',
  cancelled: 'error',
};

/** The calendar page. */
export default function CalendarPage() {
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const dir = useDirectory();
  const meta = useMeta();
  const config = useQuery({ queryKey: ['meetings', 'config'], queryFn: () => api<MeetingsConfig>('/api/meetings/config') });
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const list = useQuery({ queryKey: ['meetings', 'calendar', from, to], queryFn: () => api<{ items: MeetingRow[] }>(`/api/meetings${qs({ from, to })}`) });
  const create = useMutation({
    mutationFn: (v: { title: string; kind: string; startsAt: Dayjs; place: string; chairId: number; level: number; attendeeIds?: number[] }) =>
      api<MeetingDetail>('/api/meetings', { method: 'POST', body: { ...v, startsAt: v.startsAt.toISOString(), attendeeIds: v.attendeeIds ?? [] } }),
    onSuccess: async (m) => {
      message.success('会议已创建');
      setCreating(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      nav(`/meetings/${m.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const byDay = new Map<string, MeetingRow[]>();
  for (const m of list.data?.items ?? []) {
    const d = chinaTime(m.startsAt).slice(0, 10);
    byDay.set(d, [...(byDay.get(d) ?? []), m]);
  }
  const users = dir.data?.users ?? [];
  return (
    <div>
      <Nav />
      <Card
        title="会议日历"
        extra={
          config.data?.me.manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建会议
            </Button>
          )
        }
      >
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => info.source === 'date' && setMonth(d)}
          // our own header: the month named in words and two labelled buttons (antd's year/month
          // selects have no accessible name)
          headerRender={({ value, onChange }) => (
            <Space style={{ padding: '8px 0', justifyContent: 'flex-end', width: '100%' }}>
              <Button size="small" aria-label="上个月" onClick={() => onChange(value.subtract(1, 'month'))}>
                ‹
              </Button>
              <span data-testid="calendar-month">{value.format('YYYY年M月')}</span>
              <Button size="small" aria-label="下个月" onClick={() => onChange(value.add(1, 'month'))}>
                ›
              </Button>
            </Space>
          )}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
            return (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                {items.map((m) => (
                  <Link
                    key={m.id}
                    to={`/meetings/${m.id}`}
                    data-meeting={m.id}
                    style={{
                      fontSize: 12,
                      display: '-webkit-box',
                      WebkitLineClamp: 2,
                      WebkitBoxOrient: 'vertical',
                      overflow: 'hidden',
                      lineHeight: '16px',
                      marginBottom: 2,
                    }}
                    title={`${m.title}（${m.place}，${m.statusName?.zh ?? ''}）`}
                  >
                    <Badge status={STATUS_BADGE[m.status] ?? 'default'} /> {chinaTime(m.startsAt).slice(11)} {m.title.replace(/^(中共)?青州市委?/, '')}
                  </Link>
                ))}
              </Space>
            );
          }}
        />
      </Card>
      <Modal
        title="新建会议"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'standing_committee', level: 1 }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label="会议名称" rules={[{ required: true, message: '请填写会议名称' }]}>
            <Input placeholder="市委常委会2026年第N次会议" />
          </Form.Item>
          <Space style={{ width: '100%' }} size="large">
            <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
              <Select style={{ width: 200 }} options={(config.data?.kinds ?? []).map((k) => ({ value: k.key, label: k.zh }))} />
            </Form.Item>
            <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
            <Form.Item name="level" label="密级" rules={[{ required: true }]}>
              <Select style={{ width: 100 }} options={(meta.data?.levels ?? []).map((l) => ({ value: l.value, label: l.zh }))} />
            </Form.Item>
          </Space>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="chairId" label="主持人" rules={[{ required: true, message: '请选择主持人' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={users.filter((u) => u.roles.includes('leader')).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="attendeeIds" label="出席人员">
            <Select mode="multiple" showSearch optionFilterProp="label" options={users.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
