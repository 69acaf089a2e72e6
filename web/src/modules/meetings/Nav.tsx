/** The module's tab bar: 会议日历 / 议题库 / 会议设置. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** Tabs between the module's pages. */
export default function Nav() {
  const nav = useNavigate();
  const loc = useLocation();
  const value = loc.pathname.startsWith('/meetings/topics')
    ? '/meetings/topics'
    : loc.pathname.startsWith('/meetings/settings')
      ? '/meetings/settings'
      : '/meetings';
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: '会议日历', value: '/meetings' },
        { label: '议题库', value: '/meetings/topics' },
        { label: '会议设置', value: '/meetings/settings' },
      ]}
      value={value}
      onChange={(v) => nav(String(v))}
    />
  );
}
