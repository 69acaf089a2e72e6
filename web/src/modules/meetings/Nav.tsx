/** The module's tab bar: 会议日历 / 议题库 / 会议设置. */
import { PageTabs } from '../../app/PageTabs.tsx';

/** Tabs between the module's pages. */
export default function Nav() {
  return (
    <PageTabs
      label="会议管理"
      tabs={[
        { label: '会议日历', to: '/meetings' },
        { label: '议题库', to: '/meetings/topics' },
        { label: '会议设置', to: '/meetings/settings' },
      ]}
    />
  );
}
