/** The ledger's filter bar (its own chunk, see LedgerPage): keyword, 来源, 状态, 责任单位, 灯号, two date ranges, 我批示/我负责的. */
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useMe } from '../../app/me.ts';
import { ITEM_STATUS, SOURCES } from './api.ts';

type Units = { items: { id: number; shortName?: string; short_name?: string; name: string; kind: string }[] };

export default function LedgerFilters() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [keyword, setKeyword] = useState(params.get('q') ?? '');
  const units = useQuery({ queryKey: ['org', 'units'], queryFn: () => api<Units>('/api/org/units') });
  const unitOptions = (units.data?.items ?? [])
    .filter((u) => ['department', 'lower', 'division'].includes(u.kind))
    .map((u) => ({ value: u.id, label: u.shortName ?? u.short_name ?? u.name }));
  const set = (k: string, v: string | number | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === null || v === '') next.delete(k);
    else next.set(k, String(v));
    next.delete('page');
    setParams(next);
  };
  const day = (k: string) => (params.get(k) ? dayjs(params.get(k)) : null);
  const rangeValue = (from: string, to: string): [Dayjs | null, Dayjs | null] | null => (params.get(from) || params.get(to) ? [day(from), day(to)] : null);
  const range = (from: string, to: string) => (v: [Dayjs | null, Dayjs | null] | null) => {
    const next = new URLSearchParams(params);
    next.delete(from);
    next.delete(to);
    if (v?.[0]) next.set(from, v[0].format('YYYY-MM-DD'));
    if (v?.[1]) next.set(to, v[1].format('YYYY-MM-DD'));
    next.delete('page');
    setParams(next);
  };
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="ledger-filters">
      <Input.Search
        placeholder="关键词（事项、要求、编号）"
        aria-label="关键词"
        allowClear
        value={keyword}
        onChange={(e) => setKeyword(e.target.value)}
        onSearch={(v) => set('q', v.trim())}
        style={{ width: 240 }}
      />
      <Select
        aria-label="来源"
        placeholder="来源"
        allowClear
        style={{ width: 160 }}
        options={SOURCES}
        value={params.get('source') ?? undefined}
        onChange={(v) => set('source', v)}
      />
      <Select
        aria-label="状态"
        placeholder="状态"
        allowClear
        style={{ width: 140 }}
        options={ITEM_STATUS}
        value={params.get('status') ?? undefined}
        onChange={(v) => set('status', v)}
      />
      <Select
        aria-label="责任单位"
        placeholder="责任单位"
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 180 }}
        options={unitOptions}
        value={params.get('unitId') ? Number(params.get('unitId')) : undefined}
        onChange={(v) => set('unitId', v)}
      />
      <Select
        aria-label="灯号"
        placeholder="灯号"
        allowClear
        style={{ width: 110 }}
        options={[
          { value: 'red', label: '红灯' },
          { value: 'yellow', label: '黄灯' },
          { value: 'green', label: '绿灯' },
          { value: 'none', label: '已办结' },
        ]}
        value={params.get('light') ?? undefined}
        onChange={(v) => set('light', v)}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={['时限起', '时限止']}
        value={rangeValue('deadlineFrom', 'deadlineTo')}
        onChange={range('deadlineFrom', 'deadlineTo')}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={['立项起', '立项止']}
        value={rangeValue('createdFrom', 'createdTo')}
        onChange={range('createdFrom', 'createdTo')}
      />
      {me.roles.includes('leader') && (
        <Button type={params.get('mine') ? 'primary' : 'default'} onClick={() => set('mine', params.get('mine') ? null : 'leader')}>
          我批示/我负责的
        </Button>
      )}
    </Space>
  );
}
