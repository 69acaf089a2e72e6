/** 考核结果: the ranking (chart and table) with each unit's indicators, formulas and counted inputs, the drill-down to the records counted, and the exports. */
import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { api } from '../../app/api.ts';
import { METHODS, type Formulas, type Results, type Scheme } from './api.ts';
import DrillDownDrawer from './DrillDownDrawer.tsx';

const RankingChart = lazy(() => import('./RankingChart.tsx'));

type Row = Results['rows'][number];
type Leaf = Row['leaves'][number];

/** The results of one scheme. */
export default function ResultsPanel({ scheme }: { scheme: Scheme }) {
  const res = useQuery({ queryKey: ['assessment', 'results', scheme.id], queryFn: () => api<Results>(`/api/assessment/schemes/${scheme.id}/results`) });
  const formulas = useQuery({ queryKey: ['assessment', 'formulas'], queryFn: () => api<Formulas>('/api/assessment/formulas') });
  const [target, setTarget] = useState<{ unitId: number; indicatorId: number } | null>(null);
  const r = res.data;
  const names = new Map((formulas.data?.items ?? []).flatMap((f) => f.inputs.map((i) => [`${f.key}:${i.key}`, i.zh] as const)));
  return (
    <div data-testid="results">
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={`/api/assessment/schemes/${scheme.id}/ranking.xlsx`} data-testid="export-ranking">
          导出排名及得分表（Excel）
        </Button>
        <Button icon={<DownloadOutlined />} href={`/api/assessment/schemes/${scheme.id}/report.docx`} data-testid="export-report">
          导出考核通报（Word）
        </Button>
      </Space>
      {r && (
        <Alert
          type={r.frozen ? 'success' : 'warning'}
          style={{ marginBottom: 12 }}
          message={
            r.frozen
              ? `考核期已结束，结果已冻结（${r.computedAt.slice(0, 10)}，方案第 ${r.schemeRevision ?? 1} 版）`
              : `考核进行中，以下为即时计算结果（方案第 ${r.schemeRevision ?? 1} 版；先进前 ${r.topN} 名，落后后 ${r.bottomN} 名）`
          }
        />
      )}
      <Suspense fallback={null}>{r && <RankingChart rows={r.rows} />}</Suspense>
      <Table<Row>
        rowKey="unitId"
        size="small"
        loading={res.isLoading}
        dataSource={r?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (row) => <LeafTable leaves={row.leaves} names={names} onDrill={(indicatorId) => setTarget({ unitId: row.unitId, indicatorId })} />,
        }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '单位', dataIndex: 'unitName' },
          { title: '总分', dataIndex: 'total', width: 80 },
          { title: '加减分', width: 80, render: (_, row) => (row.adjustment ? (row.adjustment > 0 ? `+${row.adjustment}` : row.adjustment) : '—') },
          {
            title: '评定',
            width: 80,
            render: (_, row) => (row.mark === 'advanced' ? <Tag color="green">先进</Tag> : row.mark === 'lagging' ? <Tag color="red">落后</Tag> : null),
          },
        ]}
      />
      <DrillDownDrawer schemeId={scheme.id} target={target} onClose={() => setTarget(null)} />
    </div>
  );
}

function LeafTable({ leaves, names, onDrill }: { leaves: Leaf[]; names: Map<string, string>; onDrill: (indicatorId: number) => void }) {
  return (
    <Table<Leaf>
      rowKey="indicatorId"
      size="small"
      pagination={false}
      dataSource={leaves}
      columns={[
        { title: '指标', dataIndex: 'name' },
        { title: '方式', width: 90, render: (_, l) => METHODS[l.method] },
        { title: '占总分权重', width: 100, render: (_, l) => `${l.pathWeight}%` },
        { title: '得分', width: 80, render: (_, l) => (l.missing ? <Typography.Text type="secondary">未评</Typography.Text> : l.score) },
        { title: '折合', dataIndex: 'weighted', width: 70 },
        {
          title: '计算依据',
          render: (_, l) =>
            l.method === 'auto' ? (
              <span style={{ fontSize: 12 }}>
                {l.formula}
                {l.inputs &&
                  `：${Object.entries(l.inputs)
                    .map(([k, v]) => `${names.get(`${l.autoKey}:${k}`) ?? k} ${v}`)
                    .join('，')}`}
                <Button type="link" size="small" onClick={() => onDrill(l.indicatorId)} data-testid="drill">
                  溯源
                </Button>
              </span>
            ) : (
              <span style={{ fontSize: 12 }}>
                {l.method === 'public' ? `${l.raters} 份群众评价答卷` : `${l.raters} 人评分`}
                {l.method === 'expert' && l.raters >= 5 ? '（去掉最高、最低分）' : ''}
              </span>
            ),
        },
      ]}
    />
  );
}
