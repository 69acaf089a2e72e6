/** The module's tab bar: 调研课题 / 调研选题. */
import { PageTabs } from '../../app/PageTabs.tsx';
import { useT } from '../../app/i18n.ts';
import { messages } from './api.ts';

/** Tabs between the module's pages. */
export default function Nav() {
  const t = useT(messages);
  return (
    <PageTabs
      label={t('module')}
      tabs={[
        { label: t('topics'), to: '/research' },
        { label: t('proposals'), to: '/research/proposals' },
      ]}
    />
  );
}
