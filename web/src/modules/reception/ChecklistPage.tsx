/** 当日清单: the day's itinerary items of approved plans, in time order, each with its 完成 mark (who, when). Works at 390 px. */
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Input, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { useT } from '../../app/i18n.ts';
import { chinaToday, messages, type Checklist } from './api.ts';
import ItemCard from './ItemCard.tsx';
import Nav from './Nav.tsx';

/** The checklist page. */
export default function ChecklistPage() {
  const t = useT(messages);
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? chinaToday();
  const list = useQuery({ queryKey: ['reception', 'checklist', date], queryFn: () => api<Checklist>(`/api/reception/checklist${qs({ date })}`) });
  const items = list.data?.items ?? [];
  const done = items.filter((i) => i.status !== 'open').length;
  return (
    <div>
      <Nav />
      <Card
        title={
          <span>
            {t('checklist')} <Typography.Text type="secondary">{items.length ? `${done}/${items.length}` : ''}</Typography.Text>
          </span>
        }
        loading={list.isLoading}
        styles={{ body: { padding: 12 } }}
      >
        <Input
          type="date"
          aria-label={t('date')}
          value={date}
          onChange={(e) => e.target.value && setParams({ date: e.target.value })}
          style={{ maxWidth: 200, marginBottom: 12 }}
        />
        {items.length === 0 ? (
          <Empty description={t('noItems')} />
        ) : (
          <Space direction="vertical" style={{ width: '100%' }} size={8} data-testid="checklist">
            {items.map((i) => (
              <ItemCard
                key={i.id}
                item={i}
                extra={
                  <div style={{ fontSize: 12, marginBottom: 4 }}>
                    <Link to={`/reception/plans/${i.planId}`}>{i.planTitle}</Link>
                  </div>
                }
              />
            ))}
          </Space>
        )}
      </Card>
    </div>
  );
}
