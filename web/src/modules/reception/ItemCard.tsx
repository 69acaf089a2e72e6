/** One itinerary item as a card: time, kind, place, who is responsible, the light and 完成 / 取消 (from the server's actions). Fits 390 px. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { usePick } from '../../app/i18n.ts';
import { chinaClock, chinaTime, type Item } from './api.ts';

/** The card; `extra` shows a heading line (the plan, on the checklist). */
export default function ItemCard({ item, extra, dateToo = false }: { item: Item; extra?: React.ReactNode; dateToo?: boolean }) {
  const pick = usePick();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: (how: 'done' | 'cancel') =>
      api<Item>(`/api/reception/items/${item.id}/${how}`, { method: 'POST', body: { version: item.version, ...(how === 'cancel' ? { reason } : {}) } }),
    onSuccess: async (d) => {
      message.success(`${d.title}：${d.status === 'done' ? '已完成' : '已取消'}`);
      await qc.invalidateQueries({ queryKey: ['reception'] });
    },
    onError: (e: Error) => message.error(e.message),
  });
  const when = dateToo ? chinaTime(item.startsAt) : chinaClock(item.startsAt);
  return (
    <Card size="small" data-testid={`item-${item.id}`} styles={{ body: { padding: 12 } }}>
      {extra}
      <Space wrap size={6} style={{ marginBottom: 4 }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {when}
        </Typography.Text>
        <Tag color="geekblue">{pick(item.kindName)}</Tag>
        <Typography.Text strong>{item.title}</Typography.Text>
        {item.status === 'open' ? (
          <LightTag light={item.light} />
        ) : (
          <Tag color={item.status === 'done' ? 'success' : 'default'}>{item.status === 'done' ? '已完成' : '已取消'}</Tag>
        )}
      </Space>
      <div style={{ color: 'rgba(0,0,0,0.75)', lineHeight: 1.7 }}>
        {item.place && <div>地点：{item.place}</div>}
        <div>
          责任：{item.unit?.name ?? '未定'} {item.person?.name ?? '（责任人未定）'}
        </div>
        {item.vehicles && <div>车辆：{item.vehicles}</div>}
        {item.standard && <div>标准：{item.standard}</div>}
        {item.budget > 0 && (
          <div>
            预算：{item.budget} 元{item.actualCost !== null && `，实际：${item.actualCost} 元`}
          </div>
        )}
        {item.doneBy && (
          <div data-testid={`done-mark-${item.id}`}>
            {item.status === 'done' ? '完成' : '取消'}：{item.doneBy.name} {chinaTime(item.doneAt)}
            {item.cancelReason && `（${item.cancelReason}）`}
          </div>
        )}
      </div>
      {(item.actions.includes('markDone') || item.actions.includes('cancel')) && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {item.actions.includes('markDone') && (
            <Button type="primary" block loading={act.isPending} onClick={() => act.mutate('done')} data-testid={`done-${item.id}`}>
              完成
            </Button>
          )}
          {item.actions.includes('cancel') && (
            <Space.Compact style={{ width: '100%' }}>
              <Input aria-label="取消理由" placeholder="取消理由" value={reason} onChange={(e) => setReason(e.target.value)} />
              <Button danger disabled={!reason.trim()} onClick={() => act.mutate('cancel')}>
                取消
              </Button>
            </Space.Compact>
          )}
        </Space>
      )}
    </Card>
  );
}
