/** 工作台: greeting, counts by light and the user's to-dos across modules. */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Light } from '../../../../common/enums.ts';
import { api } from '../../app/api.ts';
import { useLang, usePick, useT } from '../../app/i18n.ts';
import { LIGHT_COLORS, LightTag } from '../../app/LightTag.tsx';
import { useMe } from '../../app/me.ts';
import { PlainButton } from '../../app/PlainButton.tsx';
import { Spinner } from '../../app/Spinner.tsx';
import { zonedNow } from '../../app/time.ts';
import LightsPie from './LightsPie.tsx';
import { platformMessages } from './messages.ts';

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
  const today = zonedNow(useLang() === 'en-US' ? 'en' : 'zh');
  const workbench = useQuery({ queryKey: ['workbench'], queryFn: () => api<Workbench>('/api/workbench') });
  const counts = workbench.data?.counts;
  const hasChart = !!counts && counts.red + counts.yellow + counts.green > 0;
  // while the counts or the chart's code load, the chart's place says so (it was a blank white box)
  const chartLoading = (
    <div className="zs-wb-chart-loading" role="status" data-testid="chart-loading">
      <Spinner />
      <span className="zs-secondary">{t('chartLoading')}</span>
    </div>
  );

  const slices = useMemo(
    () => (['red', 'yellow', 'green'] as const).map((light) => ({ name: t(light), value: counts?.[light] ?? 0, color: LIGHT_COLORS[light].hex })),
    [counts, t],
  );

  // figures in the lights' deeper shades: text at ≥ 3:1 on white (large text), unlike the chart's fills
  const stats = [
    { key: 'total', value: counts?.total, color: undefined },
    { key: 'red', value: counts?.red, color: '#cf1322' },
    { key: 'yellow', value: counts?.yellow, color: '#ad6800' },
    { key: 'green', value: counts?.green, color: '#237804' },
  ] as const;

  // plain sections in antd's card look (index.html: .zs-card): antd's Card, Statistic and Typography were
  // ~22 KiB of compressed JS on the first page for four numbers and two titles; the columns are CSS grids
  // (.zs-wb-*) with antd's Row/Col breakpoints and gutter: Row, Col, Flex and Empty made their styles at
  // run time on the first paint of a phone
  return (
    <div data-testid="workbench" style={{ display: 'grid', gap: 16, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <div>
        <h2 className="zs-greeting">{t('greeting', { greeting: t(greetingKey(today.hour)), name: me.name })}</h2>
        <span className="zs-secondary">
          {me.unitName} · {today.day}
        </span>
      </div>
      {workbench.isError && <Alert type="error" showIcon title={workbench.error.message} />}
      <div className={hasChart || workbench.isPending ? 'zs-wb-top zs-wb-with-chart' : 'zs-wb-top'}>
        <div className="zs-wb-stats">
          {stats.map((s) => (
            <section className="zs-card zs-stat" aria-busy={workbench.isPending} key={s.key}>
              <div className="zs-secondary">{t(s.key)}</div>
              <div className="zs-stat-value" style={{ color: s.color }}>
                {workbench.isPending ? '—' : (s.value ?? 0)}
              </div>
            </section>
          ))}
        </div>
        {(hasChart || workbench.isPending) && (
          <section className="zs-card zs-wb-chart" data-testid="lights-chart" aria-labelledby="zs-lights-title">
            <h2 className="zs-card-title zs-card-title-small" id="zs-lights-title">
              {t('lightsChart')}
            </h2>
            <div style={{ padding: 12 }}>{workbench.isPending ? chartLoading : <LightsPie slices={slices} label={t('lightsChart')} />}</div>
          </section>
        )}
      </div>
      <section className="zs-card" aria-labelledby="zs-todos-title">
        <h2 className="zs-card-title" id="zs-todos-title">
          {t('myTodos')}
        </h2>
        {workbench.isPending ? (
          <div style={{ padding: 24 }}>
            <Spinner />
          </div>
        ) : (
          <WorkTable items={workbench.data?.items ?? []} />
        )}
      </section>
    </div>
  );
}

const PAGE = 20;

/**
 * The to-do list as a plain HTML table (antd's Table, with its pagination, filters and tree, was ~80 KiB of
 * compressed JS on the first page): the title is the row's link, so Tab reaches each item and Enter opens
 * it; a click anywhere on the row does too. Wider than a phone, it scrolls sideways in its own focusable
 * region. 20 rows, then 显示更多.
 */
function WorkTable({ items }: { items: WorkItem[] }) {
  const t = useT(platformMessages);
  const pick = usePick();
  const navigate = useNavigate();
  const [shown, setShown] = useState(PAGE);
  if (items.length === 0)
    return (
      <p className="zs-wb-empty zs-secondary" data-testid="workbench-empty">
        {t('noTodos')}
      </p>
    );
  return (
    <>
      <div className="zs-scroll" data-testid="workbench-todos">
        <table className="zs-table">
          <thead>
            <tr>
              <th style={{ width: 80 }}>{t('light')}</th>
              <th style={{ width: 110 }}>{t('module')}</th>
              <th>{t('title')}</th>
              <th style={{ width: 160 }}>{t('ownerUnit')}</th>
              <th style={{ width: 120 }}>{t('deadline')}</th>
              <th style={{ width: 110 }}>{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, shown).map((item) => (
              <tr
                key={`${item.module}:${item.id}`}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a')) void navigate(item.link);
                }}
              >
                <td>
                  <LightTag light={item.light} />
                </td>
                <td>{pick(item.moduleName)}</td>
                <td className="zs-table-title">
                  <Link to={item.link}>{item.title}</Link>
                </td>
                <td>{item.ownerUnit || '—'}</td>
                <td>{item.deadline ?? '—'}</td>
                <td>{item.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > shown && (
        <div className="zs-wb-center" style={{ padding: 12 }}>
          <PlainButton onClick={() => setShown(shown + PAGE)}>{t('showMore', { n: items.length - shown })}</PlainButton>
        </div>
      )}
    </>
  );
}
