/** 件件有着落 (办公厅 view): every open item the user may see, across the modules, by division and by module, with owner, person, time limit and light. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Grid, Row, Segmented, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { Light } from '../../../../common/enums.ts';
import type { looseEndsResponse } from '../../../../common/system.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import { LIGHT_COLORS, LightTag } from '../../app/LightTag.tsx';

type Board = z.infer<typeof looseEndsResponse>;
type Item = Board['items'][number];
type Group = { key: string; name: string; total: number; red: number; yellow: number; green: number; none: number };

const dict = {
  title: ['件件有着落', 'Every item landed'],
  subtitle: [
    '全厅未办结事项：责任单位、责任人、办理时限与状态灯（只列出您有权查看的事项）',
    'Open items across the office: owner unit, person, time limit and light (only what you may see)',
  ],
  total: ['未办结', 'Open'],
  red: ['已超期', 'Overdue'],
  yellow: ['临期', 'Due soon'],
  green: ['正常', 'On track'],
  none: ['无时限', 'No limit'],
  byUnit: ['按处室', 'By division'],
  byModule: ['按模块', 'By module'],
  groupBy: ['分组方式', 'Group by'],
  group: ['处室 / 模块', 'Division / module'],
  count: ['件数', 'Items'],
  filterModule: ['筛选模块', 'Filter by module'],
  filterUnit: ['筛选处室', 'Filter by division'],
  filterLight: ['筛选状态灯', 'Filter by light'],
  allModules: ['全部模块', 'All modules'],
  allUnits: ['全部处室', 'All divisions'],
  allLights: ['全部状态', 'All lights'],
  noUnit: ['（无责任单位）', '(no owner unit)'],
  light: ['状态灯', 'Light'],
  module: ['模块', 'Module'],
  item: ['事项', 'Item'],
  ownerUnit: ['责任单位', 'Owner unit'],
  ownerUser: ['责任人', 'Person'],
  deadline: ['办理时限', 'Time limit'],
  status: ['环节', 'Step'],
  items: ['未办结事项', 'Open items'],
  empty: ['没有未办结事项', 'Nothing open'],
  truncated: ['以下模块的未办结事项较多，仅列出最紧急的部分：{modules}', 'Only the most urgent open items are listed for: {modules}'],
} as const;

const unitKey = (id: number | null) => (id === null ? 'none' : String(id));

export default function LooseEndsPage() {
  const t = useT(dict);
  const pick = usePick();
  const [groupBy, setGroupBy] = useState<'unit' | 'module'>('unit');
  const [module, setModule] = useState<string | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const [light, setLight] = useState<Light | undefined>();
  const wide = Grid.useBreakpoint().md ?? true;
  const board = useQuery({ queryKey: ['loose-ends'], queryFn: () => api<Board>('/api/loose-ends') });
  const data = board.data;

  const groups: Group[] = useMemo(() => {
    if (!data) return [];
    return groupBy === 'unit'
      ? data.byUnit.map((u) => ({ ...u, key: unitKey(u.unitId), name: u.unit ?? t('noUnit') }))
      : data.byModule.map((m) => ({ ...m, key: m.module, name: pick(m.moduleName) }));
  }, [data, groupBy, pick, t]);

  const items = useMemo(
    () => (data?.items ?? []).filter((i) => (!module || i.module === module) && (!unit || unitKey(i.ownerUnitId) === unit) && (!light || i.light === light)),
    [data, module, unit, light],
  );

  const stats = [
    { key: 'total', value: data?.byLight.total, color: undefined },
    { key: 'red', value: data?.byLight.red, color: LIGHT_COLORS.red.hex },
    { key: 'yellow', value: data?.byLight.yellow, color: '#ad6800' },
    { key: 'green', value: data?.byLight.green, color: LIGHT_COLORS.green.tag },
    { key: 'none', value: data?.byLight.none, color: undefined },
  ] as const;

  const pickGroup = (key: string) => (groupBy === 'unit' ? setUnit(unit === key ? undefined : key) : setModule(module === key ? undefined : key));
  const groupColumns: TableColumnsType<Group> = [
    {
      title: t('group'),
      dataIndex: 'name',
      ellipsis: true,
      // the row filters the list below on a click; the keyboard reaches the same through this button
      render: (name: string, g: Group) => (
        <button type="button" className="zs-row-button" aria-pressed={(groupBy === 'unit' ? unit : module) === g.key} onClick={() => pickGroup(g.key)}>
          {name}
        </button>
      ),
    },
    { title: t('count'), dataIndex: 'total', width: 64, align: 'right' },
    { title: t('red'), dataIndex: 'red', width: 64, align: 'right' },
    ...(wide
      ? ([
          { title: t('yellow'), dataIndex: 'yellow', width: 64, align: 'right' },
          { title: t('none'), dataIndex: 'none', width: 64, align: 'right' },
        ] as TableColumnsType<Group>)
      : []),
  ];

  const titleCell = (title: string, i: Item) => (
    <Link to={i.link} data-testid={`loose-end-${i.module}-${i.type}-${i.id}`}>
      {title}
    </Link>
  );
  const columns: TableColumnsType<Item> = wide
    ? [
        { title: t('light'), dataIndex: 'light', width: 84, render: (l: Light) => <LightTag light={l} /> },
        { title: t('item'), dataIndex: 'title', ellipsis: true, render: titleCell },
        { title: t('module'), dataIndex: 'moduleName', width: 96, render: (n: Item['moduleName']) => pick(n) },
        { title: t('ownerUnit'), dataIndex: 'ownerUnit', width: 130, render: (u: string | null) => u ?? '—' },
        { title: t('ownerUser'), dataIndex: 'ownerUser', width: 90, render: (u: string | null) => u ?? '—' },
        { title: t('deadline'), dataIndex: 'deadline', width: 110, render: (d: string | null) => d ?? '—' },
        { title: t('status'), dataIndex: 'status', width: 110 },
      ]
    : [
        // a phone: the light, then the item with its module, owner, person, time limit and step below it
        { title: t('light'), dataIndex: 'light', width: 76, render: (l: Light) => <LightTag light={l} /> },
        {
          title: t('item'),
          dataIndex: 'title',
          render: (title: string, i) => (
            <div style={{ display: 'grid', gap: 2 }}>
              {titleCell(title, i)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[pick(i.moduleName), i.ownerUnit ?? '—', i.ownerUser ?? '—', i.deadline ?? t('none'), i.status].join(' · ')}
              </Typography.Text>
            </div>
          ),
        },
      ];

  return (
    <div data-testid="loose-ends" style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      {board.isError && <Alert type="error" showIcon title={board.error.message} />}
      {!!data?.truncated.length && (
        <Alert
          type="info"
          showIcon
          title={t('truncated', {
            modules: data.byModule
              .filter((m) => data.truncated.includes(m.module))
              .map((m) => pick(m.moduleName))
              .join('、'),
          })}
        />
      )}
      <Row gutter={[12, 12]}>
        {stats.map((s) => (
          <Col xs={12} sm={8} md={4} key={s.key}>
            <Card size="small" loading={board.isPending}>
              <Statistic title={t(s.key)} value={s.value ?? 0} styles={{ content: { color: s.color } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={
          <Segmented
            aria-label={t('groupBy')}
            value={groupBy}
            onChange={(v) => setGroupBy(v as 'unit' | 'module')}
            options={[
              { value: 'unit', label: t('byUnit') },
              { value: 'module', label: t('byModule') },
            ]}
          />
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<Group>
          data-testid="loose-ends-groups"
          rowKey="key"
          size="small"
          columns={groupColumns}
          dataSource={groups}
          loading={board.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowClassName={(g) => ((groupBy === 'unit' ? unit : module) === g.key ? 'ant-table-row-selected' : '')}
          onRow={(g) => ({
            onClick: (e) => {
              if (!(e.target as HTMLElement).closest('button')) pickGroup(g.key);
            },
            style: { cursor: 'pointer' },
          })}
        />
      </Card>
      <Card title={t('items')} styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 12 }}>
          <Space wrap>
            <Select
              aria-label={t('filterModule')}
              allowClear
              placeholder={t('allModules')}
              style={{ minWidth: 120 }}
              value={module}
              onChange={setModule}
              options={(data?.byModule ?? []).map((m) => ({ value: m.module, label: `${pick(m.moduleName)}（${m.total}）` }))}
            />
            <Select
              aria-label={t('filterUnit')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('allUnits')}
              style={{ minWidth: 140 }}
              value={unit}
              onChange={setUnit}
              options={(data?.byUnit ?? []).map((u) => ({ value: unitKey(u.unitId), label: `${u.unit ?? t('noUnit')}（${u.total}）` }))}
            />
            <Select
              aria-label={t('filterLight')}
              allowClear
              placeholder={t('allLights')}
              style={{ minWidth: 110 }}
              value={light}
              onChange={setLight}
              options={(['red', 'yellow', 'green', 'none'] as const).map((l) => ({ value: l, label: t(l) }))}
            />
          </Space>
        </div>
        <Table<Item>
          data-testid="loose-ends-items"
          rowKey={(i) => `${i.module}:${i.type}:${i.id}`}
          columns={columns}
          dataSource={items}
          loading={board.isPending}
          scroll={wide ? { x: 820 } : undefined}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
        />
      </Card>
    </div>
  );
}
