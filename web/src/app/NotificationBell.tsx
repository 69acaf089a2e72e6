/** The header bell: unread count (polled), a popover of the latest unread notifications. */
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMarkRead, useNotifications, useUnreadCount, type Notification } from '../modules/platform/notifications-api.ts';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';
import { formatShortDateTime } from './time.ts';

/** Bell with badge; opening it lists unread notifications. */
export function NotificationBell() {
  const t = useT(shellMessages);
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const list = useNotifications({ page: 1, pageSize: 8, unreadOnly: true }, open);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = (error: Error) => message.error(error.message);

  const openItem = (item: Notification) => {
    markRead.mutate(item.id, { onError });
    setOpen(false);
    if (item.link) void navigate(item.link);
  };

  const content = (
    <div style={{ width: 'min(360px, 86vw)' }}>
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noNotifications')} /> }}
        renderItem={(item) => (
          <List.Item
            style={{ cursor: 'pointer' }}
            onClick={() => openItem(item)}
            extra={
              <Button
                size="small"
                type="link"
                onClick={(e) => {
                  e.stopPropagation();
                  markRead.mutate(item.id, { onError });
                }}
              >
                {t('markRead')}
              </Button>
            }
          >
            <List.Item.Meta
              title={item.title}
              description={
                <Typography.Text type="secondary" ellipsis>
                  {formatShortDateTime(item.createdAt)} {item.body}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" disabled={!count.data?.unread} onClick={() => markRead.mutate('all', { onError })}>
          {t('markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
        >
          {t('viewAll')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('notifications')} content={content} open={open} onOpenChange={setOpen}>
      <Badge count={count.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
