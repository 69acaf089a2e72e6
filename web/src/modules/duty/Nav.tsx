/** The module's tab bar: 值班日志 / 值班表. */
import { PageTabs } from '../../app/PageTabs.tsx';

/** Tabs between the module's pages. */
export default function Nav() {
  return (
    <PageTabs
      label="政务值班"
      tabs={[
        { label: '值班日志', to: '/duty' },
        { label: '值班表', to: '/duty/roster' },
      ]}
    />
  );
}
