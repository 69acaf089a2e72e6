/** 消息通知: the inbox, all or unread only, with mark-read. */
import { App, Badge, Button, Card, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { formatDateTime } from '../../app/time.ts';
import { platformMessages } from './messages.ts';
import { useMarkRead, useNotifications, type Notification } from './notifications-api.ts';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const t = useT(platformMessages);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unreadOnly });
  const markRead = useMarkRead();
  const mark = (id: number | 'all') => markRead.mutate(id, { onError: (error) => void message.error(error.message) });

  const columns: TableColumnsType<Notification> = [
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, item) => (
        <Space orientation="vertical" size={0}>
          <Badge status={item.readAt ? 'default' : 'processing'} text={<Typography.Text strong={!item.readAt}>{title}</Typography.Text>} />
          <Typography.Text type="secondary">{item.body}</Typography.Text>
        </Space>
      ),
    },
    { title: t('receivedAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
    {
      key: 'actions',
      width: 170,
      render: (_, item) => (
        <Space>
          {item.link && (
            <Button
              size="small"
              onClick={() => {
                if (!item.readAt) mark(item.id);
                void navigate(item.link!);
              }}
            >
              {t('open')}
            </Button>
          )}
          {!item.readAt && (
            <Button size="small" type="link" onClick={() => mark(item.id)}>
              {t('markRead')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('inbox')}
      extra={
        <Button size="small" disabled={!list.data?.unread} onClick={() => mark('all')}>
          {t('markAllRead')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          options={[
            { value: 'all', label: t('all') },
            { value: 'unread', label: t('unreadOnly') },
          ]}
          onChange={(value) => {
            setUnreadOnly(value === 'unread');
            setPage(1);
          }}
        />
        {list.data && <Typography.Text type="secondary">{t('unreadCount', { count: list.data.unread })}</Typography.Text>}
      </Space>
      <Table<Notification>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 600 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
