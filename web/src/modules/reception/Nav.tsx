/** The module's tab bar: 接待方案 / 当日清单. */
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { messages } from './api.ts';

/** Tabs between the module's pages. */
export default function Nav() {
  const nav = useNavigate();
  const loc = useLocation();
  const t = useT(messages);
  return (
    <Segmented
      style={{ marginBottom: 16 }}
      options={[
        { label: t('plans'), value: '/reception' },
        { label: t('checklist'), value: '/reception/checklist' },
      ]}
      value={loc.pathname.startsWith('/reception/checklist') ? '/reception/checklist' : '/reception'}
      onChange={(v) => nav(String(v))}
    />
  );
}
