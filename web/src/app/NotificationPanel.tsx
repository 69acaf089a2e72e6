/** The bell's popover: the latest unread notifications, loaded when the bell opens (List is not in the first page's code). */
import { App, Button, Empty, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMarkRead, useNotifications, useUnreadCount, type Notification } from '../modules/platform/notifications-api.ts';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';
import { formatShortDateTime } from './time.ts';

/** The list; `close` closes the popover. */
export default function NotificationPanel({ close }: { close: () => void }) {
  const t = useT(shellMessages);
  const count = useUnreadCount();
  const list = useNotifications({ page: 1, pageSize: 8, unreadOnly: true }, true);
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = (error: Error) => void message.error(error.message);
  const setOpen = (open: boolean) => !open && close();

  const openItem = (item: Notification) => {
    markRead.mutate(item.id, { onError });
    setOpen(false);
    if (item.link) void navigate(item.link);
  };

  return (
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
              title={
                <button type="button" className="zs-row-button" onClick={(e) => (e.stopPropagation(), openItem(item))}>
                  {item.title}
                </button>
              }
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
}
