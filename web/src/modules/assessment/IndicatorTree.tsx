/** 考比树: the indicator tree as a table (antd tree data); editable while the scheme is a draft. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api.ts';
import { METHODS, type Formulas, type IndicatorView, type Scheme } from './api.ts';

/** A node being edited (a local key; ids are the server's after saving). */
interface Node {
  key: string;
  name: string;
  weight: number;
  scope: 'common' | 'specific';
  unitId: number | null;
  method: 'auto' | 'org' | 'expert' | 'public' | null;
  autoKey: string | null;
  rubric: string | null;
  formula?: string | null;
  unitName?: string | null;
  children?: Node[];
}

let seq = 0;
const fromView = (v: IndicatorView): Node => ({ ...v, key: `n${v.id}`, children: v.children.length ? v.children.map(fromView) : undefined });
const toInput = (n: Node): Record<string, unknown> => ({
  name: n.name,
  weight: n.weight,
  scope: n.scope,
  unitId: n.scope === 'specific' ? n.unitId : null,
  method: n.children?.length ? null : n.method,
  autoKey: n.method === 'auto' ? n.autoKey : null,
  rubric: n.rubric,
  children: n.children?.map(toInput),
});
const blank = (): Node => ({ key: `new${++seq}`, name: '新指标', weight: 0, scope: 'common', unitId: null, method: 'org', autoKey: null, rubric: null });

/** Applies `f` to the node `key` of the tree (returns a new tree). */
function edit(nodes: Node[], key: string, f: (n: Node) => Node | null): Node[] {
  return nodes.flatMap((n) => {
    if (n.key === key) {
      const r = f(n);
      return r ? [r] : [];
    }
    return [{ ...n, children: n.children ? edit(n.children, key, f) : undefined }];
  });
}

/** The tree, read-only or (for a draft and an assessor) editable. */
export default function IndicatorTree({ scheme }: { scheme: Scheme }) {
  const editable = scheme.actions.includes('editIndicators');
  const [nodes, setNodes] = useState<Node[]>(() => scheme.indicators.map(fromView));
  const { message } = App.useApp();
  const qc = useQueryClient();
  const formulas = useQuery({ queryKey: ['assessment', 'formulas'], queryFn: () => api<Formulas>('/api/assessment/formulas'), enabled: editable });
  const save = useMutation({
    mutationFn: () =>
      api<Scheme>(`/api/assessment/schemes/${scheme.id}/indicators`, { method: 'PUT', body: { version: scheme.version, indicators: nodes.map(toInput) } }),
    onSuccess: async (s) => {
      message.success('考核指标已保存');
      setNodes(s.indicators.map(fromView));
      await qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const set = (key: string, patch: Partial<Node>) => setNodes((t) => edit(t, key, (n) => ({ ...n, ...patch })));
  const units = scheme.units.map((u) => ({ value: u.id, label: u.name }));

  const columns = [
    {
      title: '指标',
      key: 'name',
      render: (_: unknown, n: Node) =>
        editable ? <Input value={n.name} onChange={(e) => set(n.key, { name: e.target.value })} style={{ width: 200 }} /> : n.name,
    },
    {
      title: '权重',
      key: 'weight',
      width: 90,
      render: (_: unknown, n: Node) =>
        editable ? <InputNumber min={0} max={100} value={n.weight} onChange={(v) => set(n.key, { weight: Number(v ?? 0) })} /> : n.weight,
    },
    {
      title: '类型',
      key: 'scope',
      render: (_: unknown, n: Node) =>
        editable ? (
          <Space>
            <Select
              value={n.scope}
              style={{ width: 80 }}
              onChange={(v) => set(n.key, { scope: v })}
              options={[
                { value: 'common', label: '共性' },
                { value: 'specific', label: '个性' },
              ]}
            />
            {n.scope === 'specific' && (
              <Select value={n.unitId ?? undefined} style={{ width: 160 }} placeholder="单位" options={units} onChange={(v) => set(n.key, { unitId: v })} />
            )}
          </Space>
        ) : n.scope === 'specific' ? (
          <Tag color="purple">个性 · {n.unitName}</Tag>
        ) : (
          <Tag>共性</Tag>
        ),
    },
    {
      title: '评分方式',
      key: 'method',
      render: (_: unknown, n: Node) => {
        if (n.children?.length) return <Typography.Text type="secondary">由下级指标加权</Typography.Text>;
        if (!editable)
          return (
            <div>
              <Tag color="blue">{METHODS[n.method ?? ''] ?? '—'}</Tag>
              {n.formula && <div style={{ fontSize: 12, color: '#595959' }}>{n.formula}</div>}
              {n.rubric && <div style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.62)' }}>细则：{n.rubric}</div>}
            </div>
          );
        return (
          <Space direction="vertical" size={4}>
            <Select
              value={n.method}
              style={{ width: 120 }}
              onChange={(v) => set(n.key, { method: v })}
              options={Object.entries(METHODS).map(([value, label]) => ({ value, label }))}
            />
            {n.method === 'auto' ? (
              <Select
                value={n.autoKey ?? undefined}
                style={{ width: 220 }}
                placeholder="计算公式"
                onChange={(v) => set(n.key, { autoKey: v })}
                options={(formulas.data?.items ?? []).map((f) => ({ value: f.key, label: f.zh, title: f.formulaZh }))}
              />
            ) : (
              <Input.TextArea
                value={n.rubric ?? ''}
                placeholder="评分细则"
                autoSize
                onChange={(e) => set(n.key, { rubric: e.target.value })}
                style={{ width: 220 }}
              />
            )}
          </Space>
        );
      },
    },
    ...(editable
      ? [
          {
            title: '',
            key: 'ops',
            width: 90,
            render: (_: unknown, n: Node) => (
              <Space>
                <Button size="small" icon={<PlusOutlined />} title="添加下级指标" onClick={() => set(n.key, { children: [...(n.children ?? []), blank()] })} />
                <Button size="small" danger icon={<DeleteOutlined />} title="删除" onClick={() => setNodes((t) => edit(t, n.key, () => null))} />
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="indicator-tree">
      <Table<Node>
        rowKey="key"
        dataSource={nodes}
        columns={columns}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 'max-content' }}
        size="small"
      />
      {editable && (
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setNodes((t) => [...t, blank()])}>
            添加一级指标
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            保存指标树
          </Button>
        </Space>
      )}
    </div>
  );
}
