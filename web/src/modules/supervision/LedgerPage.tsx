/**
 * 督办台账: filters (source, status, unit, light, dates, keyword), lights, export and import.
 *
 * The first paint needs the rows only (issue #22): on a phone (< 576 px) they are a plain HTML list of cards
 * with a plain pager, and the filter bar waits behind 「筛选」; wider, antd's Table and the filter bar come as
 * their own chunks (LedgerTable, LedgerFilters), the bar's place kept meanwhile. The import dialog
 * (Modal, Upload, Radio) loads when 导入 is clicked. On a phone that kept date-picker, select, table, tree,
 * upload and pagination (~190 KiB of compressed JS) off the first load.
 */
import { DownloadOutlined, FilterOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../app/api.ts';
import { LightTag } from '../../app/LightTag.tsx';
import { PHONE, useMedia } from '../../app/media.ts';
import { PlainButton } from '../../app/PlainButton.tsx';
import { Spinner } from '../../app/Spinner.tsx';
import type { Ledger } from './api.ts';
import { PAGE_SIZE, totalText } from './ledger.ts';
import Nav from './Nav.tsx';

const LedgerFilters = lazy(() => import('./LedgerFilters.tsx'));
const LedgerTable = lazy(() => import('./LedgerTable.tsx'));
const ImportDialog = lazy(() => import('./ImportDialog.tsx'));

export default function LedgerPage() {
  const nav = useNavigate();
  const phone = useMedia(PHONE);
  const [params, setParams] = useSearchParams();
  const [importOpen, setImportOpen] = useState(false);
  // the dialog stays mounted once opened, so it closes with its animation
  const [importLoaded, setImportLoaded] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filter = Object.fromEntries([...params.entries()].filter(([k]) => k !== 'page'));
  const active = Object.keys(filter).length;
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({
    queryKey: ['supervision', 'ledger', filter, page],
    queryFn: () => api<Ledger>(`/api/supervision/items${qs({ ...filter, page, pageSize: PAGE_SIZE })}`),
  });
  const office = list.data?.canRegister ?? false;
  const toPage = (p: number) => setParams(new URLSearchParams({ ...filter, page: String(p) }));
  // the bar's place while its code loads (one row of controls), so the rows below do not jump
  const filtersLoading = <div style={{ minHeight: 32, marginBottom: 16 }} aria-busy="true" />;
  return (
    <div>
      <Nav office={office} />
      <section className="zs-card" aria-labelledby="zs-ledger-title">
        <div className="zs-card-head">
          <h2 className="zs-card-head-title" id="zs-ledger-title">
            督办台账
          </h2>
          <div className="zs-card-actions">
            <PlainButton icon={<DownloadOutlined />} href={`/api/supervision/export.xlsx${qs(filter)}`} data-testid="export-xlsx">
              导出Excel
            </PlainButton>
            {office && (
              <PlainButton
                icon={<UploadOutlined />}
                onClick={() => {
                  setImportLoaded(true);
                  setImportOpen(true);
                }}
              >
                导入
              </PlainButton>
            )}
            {office && (
              <PlainButton primary icon={<PlusOutlined />} onClick={() => nav('/supervision/new')}>
                立项
              </PlainButton>
            )}
          </div>
        </div>
        <div className="zs-card-body">
          {phone ? (
            <>
              <PlainButton
                icon={<FilterOutlined />}
                aria-expanded={filtersOpen}
                aria-controls="zs-ledger-filters"
                onClick={() => setFiltersOpen(!filtersOpen)}
                style={{ marginBottom: 12 }}
                data-testid="ledger-filter-toggle"
              >
                {active ? `筛选（${active}）` : '筛选'}
              </PlainButton>
              <div id="zs-ledger-filters" hidden={!filtersOpen}>
                {filtersOpen && (
                  <Suspense fallback={<Spinner />}>
                    <LedgerFilters />
                  </Suspense>
                )}
              </div>
            </>
          ) : (
            <Suspense fallback={filtersLoading}>
              <LedgerFilters />
            </Suspense>
          )}
          {list.isError && <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />}
          {phone ? (
            <LedgerCards data={list.data} loading={list.isLoading} page={page} onPage={toPage} />
          ) : (
            <Suspense
              fallback={
                <div style={{ padding: 24 }}>
                  <Spinner />
                </div>
              }
            >
              <LedgerTable data={list.data} loading={list.isLoading} page={page} onPage={toPage} />
            </Suspense>
          )}
        </div>
      </section>
      {importLoaded && (
        <Suspense fallback={null}>
          <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}

/** The rows on a phone: a card each (编号, the item's link, 牵头单位, 时限, 状态, 灯号), then the pager. */
function LedgerCards({ data, loading, page, onPage }: { data: Ledger | undefined; loading: boolean; page: number; onPage: (p: number) => void }) {
  if (loading)
    return (
      <div style={{ padding: 24 }}>
        <Spinner />
      </div>
    );
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (items.length === 0)
    return (
      <p className="zs-secondary" style={{ padding: 24, textAlign: 'center', margin: 0 }} data-testid="ledger-cards">
        暂无符合条件的督查事项
      </p>
    );
  return (
    <>
      <ul className="zs-ledger-cards" data-testid="ledger-cards">
        {items.map((r) => (
          <li key={r.id}>
            <div className="zs-ledger-card-top">
              <span className="zs-secondary">{r.number}</span>
              <LightTag light={r.light} finished={r.finishedLight} />
            </div>
            <Link to={`/supervision/items/${r.id}`} className="zs-ledger-card-title">
              {r.title}
            </Link>
            <div className="zs-secondary">
              {r.leadUnitName} · 时限 {r.deadline ?? '—'} · {r.statusName}
            </div>
          </li>
        ))}
      </ul>
      <nav aria-label="分页" className="zs-pager" data-testid="ledger-pager">
        <PlainButton disabled={page <= 1} onClick={() => onPage(page - 1)}>
          上一页
        </PlainButton>
        <span aria-live="polite">
          第 {page} / {pages} 页 · {totalText(data, total)}
        </span>
        <PlainButton disabled={page >= pages} onClick={() => onPage(page + 1)}>
          下一页
        </PlainButton>
      </nav>
    </>
  );
}
