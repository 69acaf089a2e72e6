/** The module's tab bar: 值班日志 / 值班表. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** Tabs between the module's pages. */
export default function Nav() {
  const nav = useNavigate();
  const loc = useLocation();
  const value = loc.pathname.startsWith('/duty/roster') ? '/duty/roster' : '/duty';
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: '值班日志', value: '/duty' },
        { label: '值班表', value: '/duty/roster' },
      ]}
      value={value}
      onChange={(v) => nav(String(v))}
    />
  );
}
