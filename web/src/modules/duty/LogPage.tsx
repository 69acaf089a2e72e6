/** 值班日志: the entries the user may see (newest first) and, for the desk, the register form. Usable at 390 px. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { CHANNEL, chinaTime, STATUS, STATUS_COLOR, URGENCY, URGENCY_COLOR, type Entry, type EntryList } from './api.ts';
import Nav from './Nav.tsx';

interface RegisterForm {
  channel: Entry['channel'];
  kind: Entry['kind'];
  caller: string;
  callerUnit?: string;
  summary: string;
  urgency: Entry['urgency'];
}

/** The duty log page. */
export default function LogPage() {
  const [open, setOpen] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [form] = Form.useForm<RegisterForm>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const nav = useNavigate();
  const list = useQuery({ queryKey: ['duty', 'entries', open], queryFn: () => api<EntryList>(`/api/duty/entries${qs({ open: open ? '1' : undefined })}`) });
  const register = useMutation({
    mutationFn: (v: RegisterForm) => api<Entry>('/api/duty/entries', { method: 'POST', body: { ...v, callerUnit: v.callerUnit ?? '' } }),
    onSuccess: async (e) => {
      message.success('已登记');
      setRegistering(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['duty'] });
      nav(`/duty/entries/${e.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <div>
      <Nav />
      <Card
        title="值班日志"
        styles={{ body: { padding: 12 } }}
        extra={
          <Space wrap>
            <Space size={4}>
              <Switch size="small" checked={open} onChange={setOpen} aria-label="只看未办结" />
              <span>未办结</span>
            </Space>
            {list.data?.can.register && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-action="register">
                登记
              </Button>
            )}
          </Space>
        }
      >
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无值班记录' }}
          renderItem={(e) => (
            <List.Item key={e.id} data-entry={e.id}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Link to={`/duty/entries/${e.id}`}>{e.summary.length > 40 ? `${e.summary.slice(0, 40)}…` : e.summary}</Link>
                    {e.kind === 'emergency' && <Tag color="red">突发事件</Tag>}
                  </Space>
                }
                description={
                  <Space wrap size={4}>
                    <Typography.Text type="secondary">{chinaTime(e.receivedAt)}</Typography.Text>
                    <span>
                      {CHANNEL[e.channel]} · {e.callerUnit || e.caller}
                    </span>
                    <Tag color={URGENCY_COLOR[e.urgency]}>{URGENCY[e.urgency]}</Tag>
                    <Tag color={STATUS_COLOR[e.status]}>{STATUS[e.status]}</Tag>
                    {e.carriedOver > 0 && <Tag>交接 {e.carriedOver} 次</Tag>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Drawer title="登记来电来文" open={registering} onClose={() => setRegistering(false)} width={Math.min(480, window.innerWidth)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ channel: 'phone', kind: 'routine', urgency: 'normal' }} onFinish={(v) => register.mutate(v)}>
          <Form.Item name="channel" label="方式" rules={[{ required: true }]}>
            <Select options={Object.entries(CHANNEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select
              options={[
                { value: 'routine', label: '一般来电来文' },
                { value: 'emergency', label: '突发事件' },
              ]}
            />
          </Form.Item>
          <Form.Item name="caller" label="来电（来文）人" rules={[{ required: true, message: '请填写来电人' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="callerUnit" label="单位">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="summary" label="内容摘要" rules={[{ required: true, message: '请填写内容摘要' }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item name="urgency" label="紧急程度">
            <Select options={Object.entries(URGENCY).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={register.isPending} block>
            登记
          </Button>
        </Form>
      </Drawer>
    </div>
  );
}
