/** 评分: the actor's own sheet — the leaves they score × the units each applies to; others' scores are not shown. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { METHODS, type Scheme, type ScoringSheet } from './api.ts';

interface Cell {
  key: string;
  indicatorId: number;
  indicator: string;
  rubric: string | null;
  unitId: number;
  unit: string;
  score: number | null;
  evidence: string;
}

/** The scoring sheet of one scheme. */
export default function ScoringPanel({ scheme }: { scheme: Scheme }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const sheet = useQuery({ queryKey: ['assessment', 'scoring', scheme.id], queryFn: () => api<ScoringSheet>(`/api/assessment/schemes/${scheme.id}/scoring`) });
  const [cells, setCells] = useState<Cell[]>([]);
  useEffect(() => {
    const s = sheet.data;
    if (!s) return;
    const names = new Map(s.units.map((u) => [u.id, u.name]));
    setCells(
      s.leaves.flatMap((l) =>
        l.unitIds.map((u) => {
          const mine = s.cells.find((c) => c.indicatorId === l.id && c.unitId === u);
          return {
            key: `${l.id}:${u}`,
            indicatorId: l.id,
            indicator: l.name,
            rubric: l.rubric,
            unitId: u,
            unit: names.get(u) ?? '',
            score: mine?.score ?? null,
            evidence: mine?.evidence ?? '',
          };
        }),
      ),
    );
  }, [sheet.data]);
  const save = useMutation({
    mutationFn: () =>
      api<{ saved: number }>(`/api/assessment/schemes/${scheme.id}/scores`, {
        method: 'PUT',
        body: {
          scores: cells
            .filter((c) => c.score !== null)
            .map((c) => ({ indicatorId: c.indicatorId, unitId: c.unitId, score: c.score, evidence: c.evidence || null })),
        },
      }),
    onSuccess: async (r) => {
      message.success(`已保存 ${r.saved} 项评分`);
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const kind = sheet.data?.kind;
  if (sheet.data && !kind) return <Alert type="info" message="本方案没有需要您评分的指标" />;
  const set = (key: string, patch: Partial<Cell>) => setCells((cs) => cs.map((c) => (c.key === key ? { ...c, ...patch } : c)));
  return (
    <div data-testid="scoring">
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        message={`${METHODS[kind ?? ''] ?? ''}：各评分人独立评分，考核期结束前彼此不可见${kind === 'org' ? '；每项须填写评分依据' : ''}。满分 100。`}
      />
      <Table<Cell>
        rowKey="key"
        size="small"
        loading={sheet.isLoading}
        dataSource={cells}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '指标',
            render: (_, c) => (
              <div>
                {c.indicator}
                {c.rubric && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0, maxWidth: 260 }}>
                    {c.rubric}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          },
          { title: '被考核单位', dataIndex: 'unit' },
          {
            title: '得分',
            width: 110,
            render: (_, c) => (
              <InputNumber
                aria-label={`${c.indicator} ${c.unit}`}
                min={0}
                max={100}
                precision={0}
                value={c.score}
                onChange={(v) => set(c.key, { score: v === null ? null : Number(v) })}
              />
            ),
          },
          {
            title: '依据',
            render: (_, c) => (
              <Input value={c.evidence} maxLength={2000} style={{ minWidth: 200 }} onChange={(e) => set(c.key, { evidence: e.target.value })} />
            ),
          },
        ]}
      />
      <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} disabled={!cells.some((c) => c.score !== null)} onClick={() => save.mutate()}>
        保存评分
      </Button>
    </div>
  );
}
