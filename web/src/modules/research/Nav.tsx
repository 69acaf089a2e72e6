/** The module's tab bar: 调研课题 / 调研选题. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { messages } from './api.ts';

export default function Nav() {
  const nav = useNavigate();
  const loc = useLocation();
  const t = useT(messages);
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: t('topics'), value: '/research' },
        { label: t('proposals'), value: '/research/proposals' },
      ]}
      value={loc.pathname.startsWith('/research/proposals') ? '/research/proposals' : '/research'}
      onChange={(v) => nav(String(v))}
    />
  );
}
