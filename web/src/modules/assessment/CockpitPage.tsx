/**
 * 领导驾驶舱 (first part): the current period's 考比树 ranking, this year's 督办, this week's 信息流转 and this
 * year's 发文配额执行 per unit; cards stack at phone width. The figures are the server's snapshot: the page
 * says when they were computed and how often (the most they may be out of date), and offers 刷新 when allowed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Table, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { cockpitResponse } from '../../../../common/assessment.ts';
import { api } from '../../app/api.ts';
import { formatDateTime, formatTime } from '../../app/time.ts';
import { STATUS } from './api.ts';

const RankingChart = lazy(() => import('./RankingChart.tsx'));
const SupervisionChart = lazy(() => import('./SupervisionChart.tsx'));

type Cockpit = z.infer<typeof cockpitResponse>;

/** The 驾驶舱 page. */
export default function CockpitPage() {
  const q = useQuery({ queryKey: ['assessment', 'cockpit'], queryFn: () => api<Cockpit>('/api/assessment/cockpit') });
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = useMutation({
    mutationFn: () => api<Cockpit>('/api/assessment/cockpit/refresh', { method: 'POST', body: {} }),
    onSuccess: (fresh) => qc.setQueryData(['assessment', 'cockpit'], fresh),
    onError: (e: Error) => void message.error(e.message),
  });
  const c = q.data;
  if (!c) return <Card loading={q.isLoading}>{q.error?.message}</Card>;
  return (
    <div data-testid="cockpit">
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        data-testid="cockpit-freshness"
        message={
          <span title={formatDateTime(c.computedAt)}>
            数据更新于 {formatTime(c.computedAt)}（每{c.refreshMinutes}分钟更新）
          </span>
        }
        action={
          c.canRefresh ? (
            <Button size="small" loading={refresh.isPending} onClick={() => refresh.mutate()}>
              刷新
            </Button>
          ) : undefined
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            title={
              c.scheme ? (
                <span>
                  考比树 · <Link to={`/assessment/${c.scheme.id}`}>{c.scheme.name}</Link>{' '}
                  <Tag color={STATUS[c.scheme.status]?.color}>{STATUS[c.scheme.status]?.label}</Tag>
                </span>
              ) : (
                '考比树'
              )
            }
          >
            {c.ranking.length ? (
              <Suspense fallback={null}>
                <RankingChart rows={c.ranking} />
              </Suspense>
            ) : (
              '本期暂无考核结果'
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <span>
                督办情况（{c.supervision.from} 至 {c.supervision.to}）
              </span>
            }
            extra={<Link to="/supervision/stats">统计分析</Link>}
          >
            <Suspense fallback={null}>
              <SupervisionChart units={c.supervision.units} />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={`本周信息流转（${c.information.from} 至 ${c.information.to}）`}
            extra={<Link to="/information/stats">信息统计</Link>}
            data-testid="cockpit-information"
          >
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.information.units}
              columns={[
                { title: '单位', dataIndex: 'unitName' },
                ...(['reported', 'adopted', 'instructions'] as const).map((k) => ({
                  title: { reported: '报送', adopted: '采用', instructions: '批示' }[k],
                  width: 70,
                  render: (_: unknown, r: Cockpit['information']['units'][number]) => <Link to="/information/stats">{r[k]}</Link>,
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={`发文配额执行（${c.documents.from} 至 ${c.documents.to}）`}
            extra={<Link to="/documents/quota">计划发文与配额</Link>}
            data-testid="cockpit-documents"
          >
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.documents.units}
              columns={[
                { title: '单位', dataIndex: 'unitName' },
                { title: '发文', width: 70, render: (_, r) => <Link to="/documents/quota">{r.issued}</Link> },
                { title: '配额内', width: 70, render: (_, r) => <Link to="/documents/quota">{r.withinQuota}</Link> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
