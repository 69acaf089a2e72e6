/** The module's tab bar: 接待方案 / 当日清单. */
import { PageTabs } from '../../app/PageTabs.tsx';
import { useT } from '../../app/i18n.ts';
import { messages } from './api.ts';

/** Tabs between the module's pages. */
export default function Nav() {
  const t = useT(messages);
  return (
    <PageTabs
      label={t('plans')}
      tabs={[
        { label: t('plans'), to: '/reception' },
        { label: t('checklist'), to: '/reception/checklist' },
      ]}
    />
  );
}
