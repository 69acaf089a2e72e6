/** The module's tab bar: 本单位报送 / 待采编 / 已采用 / 刊物 / 掌握事件 / 约稿 / 我的批示 / 统计. */
import { PageTabs } from '../../app/PageTabs.tsx';
import { useMe } from '../../app/me.ts';

/** Tabs between the module's pages; 信息处 sees the intake and event tabs. */
export default function Nav({ desk }: { desk: boolean }) {
  const leader = useMe().roles.includes('leader');
  return (
    <PageTabs
      label="信息报送"
      tabs={[
        { label: '本单位报送', to: '/information' },
        ...(desk ? [{ label: '待采编', to: '/information/intake' }] : []),
        { label: '已采用', to: '/information/adopted' },
        { label: '刊物', to: '/information/issues' },
        { label: '掌握事件', to: '/information/events' },
        { label: '约稿', to: '/information/requests' },
        ...(leader ? [{ label: '我的批示', to: '/information/instructions' }] : []),
        { label: '统计', to: '/information/stats' },
      ]}
    />
  );
}
