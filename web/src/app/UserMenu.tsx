/** The header user menu: password, API tokens, language, log out. */
import { GlobalOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from './api.ts';
import { useAppApi } from './AppApi.tsx';
import { setLang, useLang, useT } from './i18n.ts';
import { useMe } from './me.ts';
import { shellMessages } from './messages.ts';

/** Avatar and name opening the account menu; `compact` hides the name (phones). */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const t = useT(shellMessages);
  const lang = useLang();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = useAppApi();

  const logout = async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch (error) {
      // The session may already be gone; the user still leaves.
      if (error instanceof Error) message.error(error.message);
    }
    window.location.assign('/login');
  };

  const [open, setOpen] = useState(false);
  const go = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  // a popover of plain buttons, not antd's Dropdown: Tab and Enter work as on any button, and the Dropdown's
  // menu code (rc-menu, ~25 KiB of compressed JS) stays off the first page
  const content = (
    <div className="zs-account" data-testid="account-panel">
      <div className="zs-secondary" style={{ padding: '4px 8px' }}>
        {me.name} · {me.unitName}
      </div>
      <Button type="text" block icon={<LockOutlined />} onClick={go(() => void navigate('/password'))}>
        {t('changePassword')}
      </Button>
      <Button type="text" block icon={<KeyOutlined />} onClick={go(() => void navigate('/tokens'))}>
        {t('tokens')}
      </Button>
      <Button
        type="text"
        block
        icon={<GlobalOutlined />}
        onClick={go(() => {
          setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN');
          // Server texts (error messages, names) come in the request's language.
          void queryClient.invalidateQueries();
        })}
      >
        {t('language')}
      </Button>
      <Button type="text" block icon={<LogoutOutlined />} onClick={go(() => void logout())} data-testid="logout">
        {t('logout')}
      </Button>
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" content={content} open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        data-testid="user-menu"
        style={{ paddingInline: 4 }}
        aria-label={compact ? `${me.name}（${t('accountMenu')}）` : undefined}
        aria-expanded={open}
      >
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#b71c1c' }} />
        {!compact && me.name}
      </Button>
    </Popover>
  );
}
