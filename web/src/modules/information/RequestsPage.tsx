/** 约稿: the requests the user may see (信息处: all; a unit: those asking it, its own to answer marked), and 发起约稿 for 信息处. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { useMe } from '../../app/me.ts';
import { LEVEL_NAMES, showTime, useCan, useDirectory, type InformationRequests } from './api.ts';
import Nav from './Nav.tsx';
import { requestTexts } from './requests-text.ts';

export default function RequestsPage() {
  const t = useT(requestTexts);
  const can = useCan();
  const me = useMe();
  const dir = useDirectory();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['information', 'requests'], queryFn: () => api<InformationRequests>('/api/information/requests') });
  const create = useMutation({
    mutationFn: (body: unknown) => api<{ id: number }>('/api/information/requests', { method: 'POST', body }),
    onSuccess: async (r) => {
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['information'] });
      void message.success(t('created'));
      void nav(`/information/requests/${r.id}`);
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const submit = () =>
    form
      .validateFields()
      .then((v) => create.mutate({ ...v, deadline: (v.deadline as Dayjs).format('YYYY-MM-DD') }))
      .catch(() => undefined);
  const units = (dir.data?.units ?? []).filter((u) => ['department', 'lower', 'division'].includes(u.kind)).map((u) => ({ value: u.id, label: u.shortName }));
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div>
      <Nav desk={can.edit} />
      <Card
        title={t('listTitle')}
        extra={
          q.data?.can.create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="request-create">
              {t('create')}
            </Button>
          )
        }
      >
        <List
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('empty') }}
          renderItem={(r) => (
            <List.Item data-testid={`request-row-${r.id}`}>
              <div style={{ minWidth: 0, width: '100%' }}>
                <Link to={`/information/requests/${r.id}`} style={{ fontWeight: 500 }}>
                  {r.topic}
                </Link>
                <div>
                  <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                    <Tag color={r.status === 'open' ? 'processing' : 'default'}>{t(r.status)}</Tag>
                    {r.owed && <Tag color="orange">{t('owed')}</Tag>}
                    {r.status === 'open' && r.deadline < today && <Tag color="red">{t('overdue')}</Tag>}
                    <Typography.Text type="secondary">
                      {t('deadline')} {r.deadline} · {t('progress', { answered: r.answered, asked: r.asked })} · {LEVEL_NAMES[r.level]} ·{' '}
                      {showTime(r.createdAt)}
                    </Typography.Text>
                  </Space>
                </div>
              </div>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={open}
        title={t('create')}
        okText={t('create')}
        onOk={submit}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ level: 0, deadline: dayjs().add(5, 'day') }}>
          <Form.Item name="topic" label={t('topic')} rules={[{ required: true, message: t('topicRequired') }, { max: 200 }]}>
            <Input data-testid="request-topic" />
          </Form.Item>
          <Form.Item name="description" label={t('description')} rules={[{ required: true, message: t('descriptionRequired') }]}>
            <Input.TextArea rows={4} data-testid="request-description" />
          </Form.Item>
          <Form.Item name="unitIds" label={t('units')} rules={[{ required: true, message: t('unitsRequired') }]}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={units} data-testid="request-units" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="deadline" label={t('deadline')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(x) => x.isBefore(dayjs(), 'day')} data-testid="request-deadline" />
            </Form.Item>
            <Form.Item name="level" label={t('level')}>
              <Select options={LEVEL_NAMES.slice(0, me.clearance + 1).map((n, i) => ({ value: i, label: n }))} style={{ width: 140 }} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}
