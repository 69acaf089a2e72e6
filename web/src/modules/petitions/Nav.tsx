/** The module's tab bar: 信访件 / 统计. */
import { PageTabs } from '../../app/PageTabs.tsx';

/** Tabs between the module's pages. */
export default function Nav() {
  return (
    <PageTabs
      label="信访"
      tabs={[
        { label: '信访件', to: '/petitions' },
        { label: '统计', to: '/petitions/stats' },
      ]}
    />
  );
}
