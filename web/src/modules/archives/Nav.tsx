/** The module's tab bar: 案卷目录 / 借阅登记 / 解密审查. */
import { PageTabs } from '../../app/PageTabs.tsx';
import { useT } from '../../app/i18n.ts';
import { dict } from './api.ts';

/** Tabs between the module's pages. */
export default function Nav({ reviews = true }: { reviews?: boolean }) {
  const t = useT(dict);
  return (
    <PageTabs
      label={t('catalogue')}
      tabs={[
        { label: t('catalogue'), to: '/archives' },
        { label: t('loans'), to: '/archives/loans' },
        ...(reviews ? [{ label: t('reviews'), to: '/archives/reviews' }] : []),
      ]}
    />
  );
}
