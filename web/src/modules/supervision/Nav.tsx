/** The module's tab bar: 台账 / 本单位任务 / 统计分析 / 立项 / 设置. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';

/** Tabs between the module's pages. */
export default function Nav({ office }: { office: boolean }) {
  const nav = useNavigate();
  const loc = useLocation();
  const options = [
    { label: '督办台账', value: '/supervision' },
    { label: '本单位任务', value: '/supervision/tasks' },
    { label: '统计分析', value: '/supervision/stats' },
    ...(office ? [{ label: '立项', value: '/supervision/new' }] : []),
    ...(office ? [{ label: '设置', value: '/supervision/settings' }] : []),
  ];
  return (
    <div style={{ maxWidth: '100%', overflowX: 'auto', marginBottom: 16 }}>
      <Segmented options={options} value={loc.pathname} onChange={(v) => nav(String(v))} />
    </div>
  );
}
