/** 立项: register a supervision item from one of the three sources. */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { SOURCES, type ItemDetail } from './api.ts';
import { useDirectory } from './directory.ts';
import Nav from './Nav.tsx';

interface FormValues {
  source: 'decision' | 'instruction' | 'assessment';
  sourceRef?: string;
  instructedById?: number;
  instructedAt?: Dayjs;
  instructionText?: string;
  title: string;
  requirement: string;
  level: number;
  priority: number;
  leadUnitId: number;
  coUnitIds?: number[];
  responsibleLeaderId?: number;
  deadline: Dayjs;
  cadence: 'once' | 'weekly' | 'monthly';
  closingCriteria?: string;
}

export default function RegisterPage() {
  const nav = useNavigate();
  const { message } = App.useApp();
  const dir = useDirectory();
  const [form] = Form.useForm<FormValues>();
  const source = Form.useWatch('source', form);
  const units = (dir.data?.units ?? []).filter((u) => ['department', 'lower', 'division'].includes(u.kind)).map((u) => ({ value: u.id, label: u.shortName }));
  const leaders = (dir.data?.users ?? []).filter((u) => u.roles.includes('leader')).map((u) => ({ value: u.id, label: u.name }));
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const leader = dir.data?.users.find((u) => u.id === v.instructedById);
      return api<ItemDetail>('/api/supervision/items', {
        method: 'POST',
        body: {
          ...v,
          instructedBy: leader?.name ?? null,
          instructedAt: v.instructedAt?.format('YYYY-MM-DD') ?? null,
          deadline: v.deadline.format('YYYY-MM-DD'),
          coUnitIds: v.coUnitIds ?? [],
        },
      });
    },
    onSuccess: (d) => {
      message.success(`已立项：${d.item.number}`);
      nav(`/supervision/items/${d.item.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <div>
      <Nav office />
      <Card title="督查事项立项">
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ source: 'instruction', level: 1, priority: 2, cadence: 'once' }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="source" label="来源" rules={[{ required: true }]}>
            <Radio.Group options={SOURCES} optionType="button" />
          </Form.Item>
          {source === 'instruction' ? (
            <>
              <Form.Item name="instructedById" label="批示领导" rules={[{ required: true, message: '请选择批示领导' }]}>
                <Select options={leaders} placeholder="选择领导" />
              </Form.Item>
              <Form.Item name="instructedAt" label="批示时间">
                <DatePicker />
              </Form.Item>
              <Form.Item name="instructionText" label="批示内容" rules={[{ required: true, message: '请填写批示内容' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="sourceRef" label="来源说明（会议、文件）">
              <Input placeholder="如：市委常委会 2026年第3次会议 议题2" />
            </Form.Item>
          )}
          <Form.Item name="title" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="requirement" label="工作要求" rules={[{ required: true, message: '请填写工作要求' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="leadUnitId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
            <Select options={units} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="coUnitIds" label="协办单位">
            <Select mode="multiple" options={units} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="responsibleLeaderId" label="责任领导">
            <Select options={leaders} allowClear />
          </Form.Item>
          <Form.Item name="deadline" label="办理时限" rules={[{ required: true, message: '请选择时限' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="level" label="密级">
            <Radio.Group
              options={[
                { value: 0, label: '公开' },
                { value: 1, label: '内部' },
              ]}
            />
          </Form.Item>
          <Form.Item name="priority" label="缓急">
            <Radio.Group
              options={[
                { value: 1, label: '特急' },
                { value: 2, label: '一般' },
                { value: 3, label: '常规' },
              ]}
            />
          </Form.Item>
          <Form.Item name="cadence" label="反馈周期">
            <Radio.Group
              options={[
                { value: 'once', label: '一次性' },
                { value: 'weekly', label: '每周' },
                { value: 'monthly', label: '每月' },
              ]}
            />
          </Form.Item>
          <Form.Item name="closingCriteria" label="办结标准" extra="默认：事实清楚、问题解决、批示落实、结论准确、处理恰当">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            立项
          </Button>
        </Form>
      </Card>
    </div>
  );
}
