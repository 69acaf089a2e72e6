/**
 * 逐项溯源: a unit's score on one leaf → its formula → each count → the records counted. A record the
 * viewer may read is a link; one they may not shows only that it was counted (never its title).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/time.ts';
import type { DrillDown } from './api.ts';

const TYPES: Record<string, string> = {
  document: '公文',
  meeting_topic: '议题',
  meeting_decision: '议定事项',
  library_item: '资源',
  research_topic: '调研课题',
};

/** The drawer of one (unit, leaf); closed when `target` is null. */
export default function DrillDownDrawer({
  schemeId,
  target,
  onClose,
}: {
  schemeId: number;
  target: { unitId: number; indicatorId: number } | null;
  onClose: () => void;
}) {
  const q = useQuery({
    queryKey: ['assessment', 'drill', schemeId, target?.unitId, target?.indicatorId],
    enabled: !!target,
    queryFn: () => api<DrillDown>(`/api/assessment/schemes/${schemeId}/units/${target!.unitId}/indicators/${target!.indicatorId}`),
  });
  const d = q.data;
  return (
    <Drawer open={!!target} onClose={onClose} title={d ? `${d.unitName} · ${d.name}` : '得分溯源'} width="min(720px, 100vw)" loading={q.isLoading}>
      {d && (
        <div data-testid="drill-down">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="得分">{d.score ?? '未评'}</Descriptions.Item>
            {d.formula && <Descriptions.Item label="计算公式">{d.formula}</Descriptions.Item>}
            <Descriptions.Item label="数据时点">
              {formatDateTime(d.takenAt)}
              {d.frozen ? '（考核期结束时的快照）' : '（即时）'}
            </Descriptions.Item>
          </Descriptions>
          {d.counts.map((c) => (
            <div key={c.key} style={{ marginTop: 16 }}>
              <Typography.Title level={5} style={{ marginBottom: 8 }}>
                {c.label}：{c.count}
              </Typography.Title>
              {!c.listed ? (
                <Alert type="info" message="来源模块只提供计数，不列明细记录" />
              ) : (
                <List
                  size="small"
                  bordered
                  dataSource={c.records}
                  locale={{ emptyText: '无' }}
                  footer={c.count > c.records.length ? `仅列前 ${c.records.length} 条，共 ${c.count} 条` : undefined}
                  renderItem={(r) => (
                    <List.Item data-testid="counted-record" style={{ justifyContent: 'flex-start', gap: 8 }}>
                      <Tag>{TYPES[r.type] ?? r.type}</Tag>
                      {r.readable && r.link ? <Link to={r.link}>{r.title}</Link> : <Typography.Text type="secondary">已计入（无权查看内容）</Typography.Text>}
                    </List.Item>
                  )}
                />
              )}
            </div>
          ))}
        </div>
      )}
    </Drawer>
  );
}
