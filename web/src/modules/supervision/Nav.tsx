/** The module's tab bar: 台账 / 本单位任务 / 统计分析 / 立项 / 设置. */
import { PageTabs } from '../../app/PageTabs.tsx';

/** Tabs between the module's pages. */
export default function Nav({ office }: { office: boolean }) {
  return (
    <PageTabs
      label="督查督办"
      tabs={[
        { label: '督办台账', to: '/supervision' },
        { label: '本单位任务', to: '/supervision/tasks' },
        { label: '统计分析', to: '/supervision/stats' },
        ...(office ? [{ label: '立项', to: '/supervision/new' }] : []),
        ...(office ? [{ label: '设置', to: '/supervision/settings' }] : []),
      ]}
    />
  );
}
