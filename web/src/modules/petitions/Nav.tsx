/** The module's tab bar: 信访件 / 统计. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** Tabs between the module's pages. */
export default function Nav() {
  const nav = useNavigate();
  const loc = useLocation();
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: '信访件', value: '/petitions' },
        { label: '统计', value: '/petitions/stats' },
      ]}
      value={loc.pathname.startsWith('/petitions/stats') ? '/petitions/stats' : '/petitions'}
      onChange={(v) => nav(String(v))}
    />
  );
}
