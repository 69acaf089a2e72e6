/** The module's tab bar: 本单位报送 / 待采编 / 已采用 / 掌握事件 / 我的批示 / 统计. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../app/me.ts';

/** Tabs between the module's pages; 信息处 sees the intake and event tabs. */
export default function Nav({ desk }: { desk: boolean }) {
  const leader = useMe().roles.includes('leader');
  const nav = useNavigate();
  const loc = useLocation();
  const options = [
    { label: '本单位报送', value: '/information' },
    ...(desk ? [{ label: '待采编', value: '/information/intake' }] : []),
    { label: '已采用', value: '/information/adopted' },
    { label: '刊物', value: '/information/issues' },
    { label: '掌握事件', value: '/information/events' },
    ...(leader ? [{ label: '我的批示', value: '/information/instructions' }] : []),
    { label: '统计', value: '/information/stats' },
  ];
  // on a phone the tabs scroll sideways inside their own strip, the page does not
  return (
    <div style={{ maxWidth: '100%', overflowX: 'auto', marginBottom: 16 }}>
      <Segmented options={options} value={loc.pathname} onChange={(v) => nav(String(v))} />
    </div>
  );
}
