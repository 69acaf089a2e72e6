/** 值班表: the month's roster for the office; managers generate a month and decide swaps; whoever is on a shift asks for a swap. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { useDirectory } from '../supervision/directory.ts';
import { SHIFT, type Roster, type Shift, type Swap } from './api.ts';
import Nav from './Nav.tsx';
import SettingsCard from './SettingsCard.tsx';

const SWAP_STATUS: Record<Swap['status'], string> = { pending: '待批准', approved: '已批准', rejected: '未批准' };

/** One shift's cell: leader, staff and the shift's links. */
function ShiftCell({ s, onSwap }: { s: Shift | undefined; onSwap: (s: Shift) => void }) {
  if (!s) return null;
  return (
    <Space direction="vertical" size={0}>
      <span>带班：{s.leader.name}</span>
      <span>值班：{s.staff.name}</span>
      <Space size={4} wrap>
        {s.status !== 'scheduled' && <Tag>已交班</Tag>}
        {s.canSwap && (
          <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onSwap(s)}>
            换班
          </Button>
        )}
        <Link to={`/duty/shifts/${s.id}/handover`}>交接班</Link>
      </Space>
    </Space>
  );
}

/** The roster page. */
export default function RosterPage() {
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [generating, setGenerating] = useState(false);
  const [swapping, setSwapping] = useState<Shift | null>(null);
  const [gform] = Form.useForm<{ leaderIds: number[]; staffIds: number[] }>();
  const [sform] = Form.useForm<{ role: 'leader' | 'staff'; toUserId: number; reason: string }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const dir = useDirectory();
  const m = month.format('YYYY-MM');
  const q = useQuery({ queryKey: ['duty', 'roster', m], queryFn: () => api<Roster>(`/api/duty/roster${qs({ month: m })}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['duty'] });
  const fail = (e: Error) => message.error(e.message);
  const generate = useMutation({
    mutationFn: (v: { leaderIds: number[]; staffIds: number[] }) =>
      api<{ created: number }>('/api/duty/roster/generate', { method: 'POST', body: { month: m, ...v } }),
    onSuccess: async (r) => {
      message.success(`已生成 ${r.created} 个班次`);
      setGenerating(false);
      await refresh();
    },
    onError: fail,
  });
  const swap = useMutation({
    mutationFn: (v: { role: 'leader' | 'staff'; toUserId: number; reason: string }) =>
      api<Swap>(`/api/duty/shifts/${swapping!.id}/swaps`, { method: 'POST', body: v }),
    onSuccess: async () => {
      message.success('换班申请已提交');
      setSwapping(null);
      await refresh();
    },
    onError: fail,
  });
  const decide = useMutation({
    mutationFn: ({ s, approve }: { s: Swap; approve: boolean }) =>
      api<Swap>(`/api/duty/swaps/${s.id}/${approve ? 'approve' : 'reject'}`, { method: 'POST', body: { version: s.version } }),
    onSuccess: refresh,
    onError: fail,
  });
  const shifts = q.data?.shifts ?? [];
  const dates = [...new Set(shifts.map((s) => s.date))];
  const rows = dates.map((date) => ({
    date,
    day: shifts.find((s) => s.date === date && s.shift === 'day'),
    night: shifts.find((s) => s.date === date && s.shift === 'night'),
  }));
  const users = dir.data?.users ?? [];
  const shiftOf = (id: number) => shifts.find((s) => s.id === id);
  return (
    <div>
      <Nav />
      <Card title="值班表" styles={{ body: { padding: 12 } }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d)} allowClear={false} />
          {shifts.length > 0 && <Button href={`/api/duty/roster.docx${qs({ month: m })}`}>导出（DOCX）</Button>}
          {q.data?.can.manage && shifts.length === 0 && (
            <Button type="primary" onClick={() => setGenerating(true)}>
              按模板排班
            </Button>
          )}
        </Space>
        {(q.data?.swaps ?? []).length > 0 && (
          <List
            size="small"
            header={<b>换班申请</b>}
            style={{ marginBottom: 12 }}
            dataSource={q.data!.swaps}
            renderItem={(s) => {
              const sh = shiftOf(s.shiftId);
              return (
                <List.Item
                  key={s.id}
                  actions={
                    s.canDecide
                      ? [
                          <Button key="a" size="small" type="primary" onClick={() => decide.mutate({ s, approve: true })}>
                            批准
                          </Button>,
                          <Button key="r" size="small" onClick={() => decide.mutate({ s, approve: false })}>
                            不批准
                          </Button>,
                        ]
                      : []
                  }
                >
                  {sh ? `${sh.date} ${SHIFT[sh.shift]}` : ''} {s.role === 'leader' ? '带班领导' : '值班人员'}：{s.from.name} → {s.to.name}（{s.reason}）{' '}
                  <Tag>{SWAP_STATUS[s.status]}</Tag>
                </List.Item>
              );
            }}
          />
        )}
        <Table
          size="small"
          rowKey="date"
          loading={q.isLoading}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '本月尚未排班' }}
          columns={[
            {
              title: '日期',
              dataIndex: 'date',
              width: 64,
              render: (d: string, r) => (
                <Space direction="vertical" size={0}>
                  <span>{d.slice(5)}</span>
                  {(r.day ?? r.night)?.holiday && <Tag color="red">休</Tag>}
                </Space>
              ),
            },
            { title: '白班', key: 'day', render: (_: unknown, r) => <ShiftCell s={r.day} onSwap={setSwapping} /> },
            { title: '夜班', key: 'night', render: (_: unknown, r) => <ShiftCell s={r.night} onSwap={setSwapping} /> },
          ]}
        />
      </Card>
      <SettingsCard />
      <Modal
        title={`按模板排班 · ${m}`}
        open={generating}
        onCancel={() => setGenerating(false)}
        onOk={() => gform.submit()}
        confirmLoading={generate.isPending}
        destroyOnHidden
      >
        <Form form={gform} layout="vertical" onFinish={(v) => generate.mutate(v)}>
          <Form.Item name="leaderIds" label="带班领导（轮值顺序）" rules={[{ required: true, message: '请选择' }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={users.filter((u) => u.roles.includes('leader')).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="staffIds" label="值班人员（轮值顺序）" rules={[{ required: true, message: '请选择' }]}>
            <Select mode="multiple" optionFilterProp="label" options={users.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <p>工作日白班、夜班由同一位领导带班；节假日和周末按班次轮换。节假日取自工作日历。</p>
        </Form>
      </Modal>
      <Modal
        title={swapping ? `申请换班 · ${swapping.date} ${SHIFT[swapping.shift]}` : ''}
        open={swapping !== null}
        onCancel={() => setSwapping(null)}
        onOk={() => sform.submit()}
        confirmLoading={swap.isPending}
        destroyOnHidden
      >
        <Form form={sform} layout="vertical" initialValues={{ role: 'staff' }} onFinish={(v) => swap.mutate(v)}>
          <Form.Item name="role" label="换班岗位">
            <Select
              options={[
                { value: 'staff', label: '值班人员' },
                { value: 'leader', label: '带班领导' },
              ]}
            />
          </Form.Item>
          <Form.Item name="toUserId" label="替班人" rules={[{ required: true, message: '请选择' }]}>
            <Select showSearch optionFilterProp="label" options={users.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="reason" label="事由" rules={[{ required: true, whitespace: true, message: '请填写事由' }]}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
