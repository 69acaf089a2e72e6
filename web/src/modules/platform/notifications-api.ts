/** Notifications (in-app inbox): queries and mutations shared by the header bell and the inbox page. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationPage } from '../../../../common/system.ts';
import { api, qs } from '../../app/api.ts';

export type { Notification, NotificationPage } from '../../../../common/system.ts';

/** Polled every 30 s by the header bell. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api<{ unread: number }>('/api/notifications/unread-count'),
    refetchInterval: 30_000,
  });
}

/** A page of notifications, optionally only the unread ones. */
export function useNotifications(params: { page: number; pageSize: number; unreadOnly: boolean }, enabled = true) {
  return useQuery({
    queryKey: ['notifications', 'list', params],
    queryFn: () => api<NotificationPage>(`/api/notifications${qs({ page: params.page, pageSize: params.pageSize, unread: params.unreadOnly ? 1 : 0 })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Marks one notification read (`id`) or all of them (`'all'`). */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') => api<unknown>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
