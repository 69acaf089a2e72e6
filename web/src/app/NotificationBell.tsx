/** The header bell: unread count (polled), a popover of the latest unread notifications. */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Spin } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useUnreadCount } from '../modules/platform/notifications-api.ts';
import { useT } from './i18n.ts';
import { shellMessages } from './messages.ts';

const NotificationPanel = lazy(() => import('./NotificationPanel.tsx'));

/** Bell with badge; opening it lists unread notifications. */
export function NotificationBell() {
  const t = useT(shellMessages);
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const content = open ? (
    <Suspense fallback={<Spin />}>
      <NotificationPanel close={() => setOpen(false)} />
    </Suspense>
  ) : null;
  return (
    <Popover trigger="click" placement="bottomRight" title={t('notifications')} content={content} open={open} onOpenChange={setOpen}>
      <Badge count={count.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" shape="circle" icon={<BellOutlined />} aria-label={t('notifications')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
