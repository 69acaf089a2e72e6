/** 全文检索: every module the user may see, grouped by module, highlighted, with filters, paging and 相似条目. */
import { Alert, Button, Card, DatePicker, Empty, Input, List, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.ts';
import type { SearchHit } from '../../../../common/search.ts';
import { useDirectory, useSearch, useSimilar } from './api.ts';
import { libraryMessages, MODULE_NAMES } from './messages.ts';

function SimilarList({ hit }: { hit: SearchHit }) {
  const t = useT(libraryMessages);
  const similar = useSimilar(hit.itemType, hit.itemId);
  if (similar.isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  const items = similar.data?.items ?? [];
  if (!items.length) return <Typography.Text type="secondary">{t('noSimilar')}</Typography.Text>;
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }} data-testid="similar-list">
      {items.map((s) => (
        <li key={`${s.itemType}:${s.itemId}`}>
          <Link to={s.link}>{s.title}</Link>
        </li>
      ))}
    </ul>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const t = useT(libraryMessages);
  const pick = usePick();
  const [showSimilar, setShowSimilar] = useState(false);
  return (
    <List.Item data-testid="search-hit">
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="blue">{pick(MODULE_NAMES[hit.module] ?? { zh: hit.module, en: hit.module })}</Tag>
          {hit.kind && <Tag>{hit.kind}</Tag>}
          {/* the server escapes titles and snippets and adds only <mark> */}
          <Link to={hit.link} style={{ fontSize: 16 }} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
          {hit.date && <Typography.Text type="secondary">{hit.date}</Typography.Text>}
        </Space>
        <Typography.Paragraph style={{ margin: 0 }} type="secondary">
          <span dangerouslySetInnerHTML={{ __html: hit.snippet }} />
        </Typography.Paragraph>
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setShowSimilar((v) => !v)}>
          {t('showSimilar')}
        </Button>
        {showSimilar && <SimilarList hit={hit} />}
      </Space>
    </List.Item>
  );
}

export default function SearchPage() {
  const t = useT(libraryMessages);
  const pick = usePick();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const module = params.get('module') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const unitId = params.get('unitId') ?? '';
  const kind = params.get('kind') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const directory = useDirectory();
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const result = useSearch(
    { q, module: module || undefined, unitId: unitId || undefined, kind: kind || undefined, from: from || undefined, to: to || undefined, page, pageSize: 10 },
    q.trim().length > 0,
  );
  const byModule = result.data?.byModule ?? {};
  const moduleCap = result.data?.moduleCountCap ?? Infinity;
  // a tab count over its cap shows as "100+"; the 全部 tab adds them up and keeps the "+"
  const tabCount = (n: number) => (n > moduleCap ? `${moduleCap}+` : String(n));
  const counts = Object.values(byModule);
  const allCount = `${counts.reduce((a, n) => a + Math.min(n, moduleCap), 0)}${counts.some((n) => n > moduleCap) ? '+' : ''}`;

  return (
    <Card title={t('searchTitle')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Input.Search
          key={q}
          defaultValue={q}
          placeholder={t('searchPlaceholder')}
          enterButton={t('search')}
          size="large"
          allowClear
          onSearch={(v) => set({ q: v.trim() })}
          data-testid="search-input"
          maxLength={100}
        />
        <Space wrap>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('unit')}
            placeholder={t('unit')}
            style={{ width: 200 }}
            value={unitId ? Number(unitId) : undefined}
            onChange={(v?: number) => set({ unitId: v ? String(v) : '' })}
            options={(directory.data?.units ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
          />
          <Input
            allowClear
            placeholder={t('kind')}
            style={{ width: 160 }}
            defaultValue={kind}
            onPressEnter={(e) => set({ kind: e.currentTarget.value.trim() })}
            onClear={() => set({ kind: '' })}
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? '', to: v?.[1]?.format('YYYY-MM-DD') ?? '' })}
            placeholder={[t('from'), t('to')]}
          />
        </Space>
        {!q && <Alert type="info" showIcon title={t('searchHint')} />}
        {result.error && <Alert type="error" showIcon title={result.error instanceof ApiError ? result.error.message : String(result.error)} />}
        {q && result.data && (
          <>
            <Tabs
              activeKey={module || 'all'}
              onChange={(k) => set({ module: k === 'all' ? '' : k })}
              items={[
                { key: 'all', label: `${t('all')} (${allCount})` },
                ...Object.entries(byModule).map(([m, n]) => ({ key: m, label: `${pick(MODULE_NAMES[m] ?? { zh: m, en: m })} (${tabCount(n)})` })),
              ]}
            />
            <Typography.Text type="secondary" data-testid="search-total">
              {t('results', { n: `${result.data.total}${result.data.more ? '+' : ''}` })}
            </Typography.Text>
            {result.data.items.length === 0 ? (
              <Empty description={t('noResults')} />
            ) : (
              <List
                itemLayout="vertical"
                dataSource={result.data.items}
                renderItem={(hit) => <Hit key={`${hit.itemType}:${hit.itemId}`} hit={hit} />}
                pagination={{
                  current: page,
                  pageSize: 10,
                  total: result.data.total,
                  showSizeChanger: false,
                  onChange: (p) => set({ page: String(p) }),
                }}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
