/**
 * 登录. Deliberately light: a native form with antd inputs (no antd Form, no layout components),
 * so the first page a user loads stays small.
 */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../../app/api.ts';
import { setLang, useLang, useT } from '../../app/i18n.ts';
import type { SessionAnswer } from '../../app/me.ts';
import { platformMessages } from './messages.ts';

/** Where to go after login: the page that sent us here, if it is one of ours. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const t = useT(platformMessages);
  const lang = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const notice = (useLocation().state as { notice?: 'passwordChanged' } | null)?.notice;
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => api<SessionAnswer>('/api/auth/login', { method: 'POST', body: { username: username.trim(), password } }),
    onSuccess: ({ user, csrfToken }) => {
      setCsrfToken(csrfToken);
      queryClient.clear();
      queryClient.setQueryData(['me'], user);
      void navigate(user.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true, state: { fromLogin: true } });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: 'linear-gradient(160deg, #b71c1c 0%, #7f1010 45%, #f5f5f5 45%)',
        padding: 16,
      }}
    >
      <form
        onSubmit={submit}
        style={{
          width: 'min(380px, 100%)',
          background: '#fff',
          borderRadius: 8,
          padding: '32px 28px',
          boxShadow: '0 8px 24px rgba(0,0,0,.15)',
          display: 'grid',
          gap: 16,
        }}
      >
        <header style={{ textAlign: 'center' }}>
          <h1 style={{ margin: 0, fontSize: 22, color: '#b71c1c' }}>{t('loginTitle')}</h1>
          <p style={{ margin: '8px 0 0', color: 'rgba(0,0,0,.62)', fontSize: 13 }}>{t('loginSubtitle')}</p>
        </header>
        {notice && !login.isError && <Alert type="success" showIcon title={t(notice)} />}
        {login.isError && <Alert type="error" showIcon title={login.error.message} data-testid="login-error" />}
        <Input
          size="large"
          prefix={<UserOutlined />}
          placeholder={t('username')}
          aria-label={t('username')}
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="login-username"
        />
        <Input.Password
          size="large"
          prefix={<LockOutlined />}
          placeholder={t('password')}
          aria-label={t('password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
        <Button type="primary" size="large" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login')}
        </Button>
        <Button type="link" size="small" onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
          {t('switchLanguage')}
        </Button>
      </form>
    </main>
  );
}
