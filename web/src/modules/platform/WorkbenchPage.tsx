/** 工作台: greeting, counts by light and the user's to-dos across modules. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Spin, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Light } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { useLang, usePick, useT } from '../../app/i18n.ts';
import { LIGHT_COLORS, LightTag } from '../../app/LightTag.tsx';
import { useMe } from '../../app/me.ts';
import { zonedNow } from '../../app/time.ts';
import { platformMessages } from './messages.ts';

const LightsPie = lazy(() => import('./LightsPie.tsx'));

/** One loose end of the user, from any module. */
interface WorkItem {
  module: string;
  moduleName: { zh: string; en: string };
  id: number;
  title: string;
  ownerUnit: string;
  deadline: string | null;
  light: Light;
  status: string;
  link: string;
}

interface Workbench {
  items: WorkItem[];
  counts: { green: number; yellow: number; red: number; total: number };
}

function greetingKey(hour: number) {
  if (hour < 12) return 'morning';
  return hour < 18 ? 'afternoon' : 'evening';
}

export default function WorkbenchPage() {
  const me = useMe();
  const t = useT(platformMessages);
  const pick = usePick();
  const navigate = useNavigate();
  const today = zonedNow(useLang() === 'en-US' ? 'en' : 'zh');
  const workbench = useQuery({ queryKey: ['workbench'], queryFn: () => api<Workbench>('/api/workbench') });
  const counts = workbench.data?.counts;
  const hasChart = !!counts && counts.red + counts.yellow + counts.green > 0;
  // while the counts or the chart's code load, the chart's place says so (it was a blank white box)
  const chartLoading = (
    <Flex vertical align="center" justify="center" gap={8} style={{ height: 180 }} role="status" data-testid="chart-loading">
      <Spin />
      <Typography.Text type="secondary">{t('chartLoading')}</Typography.Text>
    </Flex>
  );

  const slices = useMemo(
    () => (['red', 'yellow', 'green'] as const).map((light) => ({ name: t(light), value: counts?.[light] ?? 0, color: LIGHT_COLORS[light].hex })),
    [counts, t],
  );

  const columns: TableColumnsType<WorkItem> = [
    { title: t('light'), dataIndex: 'light', width: 80, render: (light: Light) => <LightTag light={light} /> },
    { title: t('module'), dataIndex: 'moduleName', width: 110, render: (name: WorkItem['moduleName']) => pick(name) },
    { title: t('title'), dataIndex: 'title', ellipsis: true },
    { title: t('ownerUnit'), dataIndex: 'ownerUnit', width: 160, render: (unit: string) => unit || '—' },
    { title: t('deadline'), dataIndex: 'deadline', width: 120, render: (deadline: string | null) => deadline ?? '—' },
    { title: t('status'), dataIndex: 'status', width: 110 },
  ];

  const stats = [
    { key: 'total', value: counts?.total, color: undefined },
    { key: 'red', value: counts?.red, color: LIGHT_COLORS.red.hex },
    { key: 'yellow', value: counts?.yellow, color: LIGHT_COLORS.yellow.hex },
    { key: 'green', value: counts?.green, color: LIGHT_COLORS.green.hex },
  ] as const;

  return (
    <div data-testid="workbench" style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('greeting', { greeting: t(greetingKey(today.hour)), name: me.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {me.unitName} · {today.day}
        </Typography.Text>
      </div>
      {workbench.isError && <Alert type="error" showIcon title={workbench.error.message} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={hasChart || workbench.isPending ? 16 : 24}>
          <Row gutter={[16, 16]}>
            {stats.map((s) => (
              <Col xs={12} md={6} key={s.key}>
                <Card size="small" loading={workbench.isPending}>
                  <Statistic title={t(s.key)} value={s.value ?? 0} styles={{ content: { color: s.color } }} />
                </Card>
              </Col>
            ))}
          </Row>
        </Col>
        {(hasChart || workbench.isPending) && (
          <Col xs={24} lg={8}>
            <Card size="small" title={t('lightsChart')} data-testid="lights-chart">
              {workbench.isPending ? chartLoading : <Suspense fallback={chartLoading}>{<LightsPie slices={slices} />}</Suspense>}
            </Card>
          </Col>
        )}
      </Row>
      <Card title={t('myTodos')} styles={{ body: { padding: 0 } }}>
        <Table<WorkItem>
          rowKey={(item) => `${item.module}:${item.id}`}
          columns={columns}
          dataSource={workbench.data?.items}
          loading={workbench.isPending}
          scroll={{ x: 760 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(item) => ({ onClick: () => void navigate(item.link), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={t('noTodos')} data-testid="workbench-empty" /> }}
        />
      </Card>
    </div>
  );
}
