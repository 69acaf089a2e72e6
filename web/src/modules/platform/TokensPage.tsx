/** 访问令牌: personal API tokens; a new token is shown once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { platformMessages } from './messages.ts';

interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const formatTime = (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm');

export default function TokensPage() {
  const t = useT(platformMessages);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<{ items: ApiToken[] }>('/api/auth/tokens') });
  const onError = (error: Error) => message.error(error.message);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['tokens'] });

  const create = useMutation({
    mutationFn: (name: string) => api<{ id: number; name: string; token: string }>('/api/auth/tokens', { method: 'POST', body: { name } }),
    onSuccess: (answer) => {
      setCreating(false);
      form.resetFields();
      setCreated(answer.token);
      void refresh();
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/auth/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError,
  });

  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokenName'), dataIndex: 'name' },
    { title: t('createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
    { title: t('lastUsedAt'), dataIndex: 'lastUsedAt', width: 150, render: (at: string | null) => (at ? formatTime(at) : t('never')) },
    {
      title: t('tokenStatus'),
      dataIndex: 'revokedAt',
      width: 100,
      render: (at: string | null) => (at ? <Tag>{t('revoked')}</Tag> : <Tag color="green">{t('active')}</Tag>),
    },
    {
      key: 'actions',
      width: 90,
      render: (_, token) =>
        !token.revokedAt && (
          <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke.mutate(token.id)}>
            <Button size="small" danger>
              {t('revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('tokens')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('newToken')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokensHint')}</Typography.Paragraph>
      {tokens.isError && <Alert type="error" showIcon title={tokens.error.message} />}
      <Table<ApiToken> rowKey="id" columns={columns} dataSource={tokens.data?.items} loading={tokens.isPending} scroll={{ x: 600 }} pagination={false} />
      <Modal
        title={t('newToken')}
        open={creating}
        okText={t('create')}
        cancelText={t('cancel')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
      >
        <Form form={form} layout="vertical" onFinish={({ name }) => create.mutate(name.trim())}>
          <Form.Item name="name" label={t('tokenName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t('tokenCreated')}
        open={created !== null}
        closable={false}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokenOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid="new-token">
          {created}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
