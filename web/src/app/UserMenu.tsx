/** The header user menu: password, API tokens, language, log out. */
import { GlobalOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { api } from './api.ts';
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
  const { message } = App.useApp();

  const logout = async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } catch (error) {
      // The session may already be gone; the user still leaves.
      if (error instanceof Error) message.error(error.message);
    }
    window.location.assign('/login');
  };

  const items: MenuProps['items'] = [
    { key: 'who', label: `${me.name} · ${me.unitName}`, disabled: true },
    { type: 'divider' },
    { key: 'password', icon: <LockOutlined />, label: t('changePassword'), onClick: () => void navigate('/password') },
    { key: 'tokens', icon: <KeyOutlined />, label: t('tokens'), onClick: () => void navigate('/tokens') },
    {
      key: 'lang',
      icon: <GlobalOutlined />,
      label: t('language'),
      onClick: () => {
        setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN');
        // Server texts (error messages, names) come in the request's language.
        void queryClient.invalidateQueries();
      },
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('logout')}</span>, onClick: () => void logout() },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }} aria-label={compact ? `${me.name}（${t('accountMenu')}）` : undefined}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#b71c1c' }} />
        {!compact && me.name}
      </Button>
    </Dropdown>
  );
}
