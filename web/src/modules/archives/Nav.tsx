/** The module's tab bar: 案卷目录 / 借阅登记 / 解密审查. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { dict } from './api.ts';

/** Tabs between the module's pages. */
export default function Nav({ reviews = true }: { reviews?: boolean }) {
  const t = useT(dict);
  const nav = useNavigate();
  const loc = useLocation();
  const value = loc.pathname.startsWith('/archives/loans')
    ? '/archives/loans'
    : loc.pathname.startsWith('/archives/reviews')
      ? '/archives/reviews'
      : '/archives';
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: t('catalogue'), value: '/archives' },
        { label: t('loans'), value: '/archives/loans' },
        ...(reviews ? [{ label: t('reviews'), value: '/archives/reviews' }] : []),
      ]}
      value={value}
      onChange={(v) => nav(String(v))}
    />
  );
}
