/** The logged-in shell: loads the current user, then side menu, header and the page. */
import { MenuOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Layout as AntLayout, theme } from 'antd';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { modules } from '../modules/index.ts';
import { canSeeModule } from '../modules/types.ts';
import { api, ApiError, setCsrfToken } from './api.ts';
import { AppApiProvider } from './AppApi.tsx';
import { usePick, useT } from './i18n.ts';
import { MeContext, useMe, type SessionAnswer } from './me.ts';
import { useMeta } from './meta.ts';
import { shellMessages } from './messages.ts';
import { Spinner } from './Spinner.tsx';
import { setTimeZone } from './time.ts';

const LoadFailed = lazy(() => import('./LoadFailed.tsx'));
// the header's bell and account menu (antd's Badge, Popover, Tooltip, Avatar) come after the page: its first
// paint does not wait for them (issue #22); their place is kept meanwhile
const NotificationBell = lazy(() => import('./NotificationBell.tsx').then((m) => ({ default: m.NotificationBell })));
const UserMenu = lazy(() => import('./UserMenu.tsx').then((m) => ({ default: m.UserMenu })));

async function fetchMe() {
  const answer = await api<SessionAnswer>('/api/auth/me');
  setCsrfToken(answer.csrfToken);
  return answer.user;
}

/** Route element of `/`: provides `useMe()` to everything below. */
export default function Layout() {
  const me = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: Infinity });
  const meta = useMeta();
  // times are shown in the deployment's zone: the pages wait for it (a moment, once per session)
  if (meta.data) setTimeZone(meta.data.timeZone);
  if (me.isError && !(me.error instanceof ApiError && me.error.status === 401)) {
    return (
      <Suspense fallback={<Spinner fullscreen />}>
        <LoadFailed message={me.error.message} />
      </Suspense>
    );
  }
  // A 401 is redirecting to the login page meanwhile.
  if (!me.data || meta.isPending) return <Spinner fullscreen />;
  return (
    <MeContext value={me.data}>
      <AppApiProvider>
        <Shell />
      </AppApiProvider>
    </MeContext>
  );
}

/** antd's `lg` breakpoint: below it the menu is a drawer opened from the header. */
const NARROW = '(max-width: 991.98px)';

function Shell() {
  const me = useMe();
  const t = useT(shellMessages);
  const pick = usePick();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  // the first render already knows the width (no wide menu flashing on a phone); the menu folds away only on
  // narrow screens: a wide screen always shows it open, whatever state a narrow moment left behind
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  const [folded, setFolded] = useState(narrow);
  const collapsed = narrow && folded;
  const setCollapsed = setFolded;

  if (me.mustChangePassword && pathname !== '/password') return <Navigate to="/password" replace />;

  const visible = modules.filter((module) => canSeeModule(me, module));
  const current = visible
    .filter((m) => (m.path === '/' ? pathname === '/' : pathname === m.path || pathname.startsWith(`${m.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  // each page is titled by its module (「督查督办 - 中枢」) and has one <h1>; after a navigation the focus
  // moves to it, so a screen reader announces the new page and Tab starts from its content
  const pageName = current ? pick(current.menu) : t('appName');
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = current ? `${pageName} - ${t('appName')}` : t('appName');
  }, [current, pageName, t]);
  // a table wider than the screen scrolls sideways: its scroll region takes the focus, so a keyboard can scroll it
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const mark = () =>
      main.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body, .zs-scroll').forEach((el) => {
        const scrolls = el.scrollWidth > el.clientWidth + 1;
        if (scrolls && !el.hasAttribute('tabindex')) {
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'region');
          el.setAttribute('aria-label', t('scrollTable'));
        }
      });
    // measured after the browser has painted (reading scrollWidth earlier forces a layout of a page not yet
    // shown: ~55 ms of a phone's first paint), once per frame however many nodes changed
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      if (frame || timer) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = setTimeout(() => {
          timer = undefined;
          mark();
        });
      });
    };
    const observer = new MutationObserver(later);
    observer.observe(main, { childList: true, subtree: true });
    later();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [t]);
  // a freshly loaded page keeps 跳到主要内容 as the first Tab stop; arriving from the login page (whose form is
  // gone), the focus goes to the heading too instead of dropping to <body>
  const fromLogin = (useLocation().state as { fromLogin?: boolean } | null)?.fromLogin === true;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (!fromLogin) return;
    }
    heading.current?.focus({ preventScroll: true });
  }, [pathname, fromLogin]);

  const search = (value: string) => {
    const q = value.trim();
    if (q) void navigate(`/search?q=${encodeURIComponent(q)}`);
  };

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <a href="#main" className="zs-skip-link">
        {t('skipToContent')}
      </a>
      <AntLayout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={(c) => setFolded(c)}
        trigger={null}
        onBreakpoint={(below) => {
          setNarrow(below);
          setFolded(below);
        }}
        theme="light"
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, boxShadow: collapsed ? undefined : token.boxShadow } : undefined}
      >
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            paddingInline: 24,
            fontSize: 20,
            fontWeight: 600,
            color: token.colorPrimary,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
          data-testid="app-name"
        >
          {t('appName')}
        </div>
        <nav aria-label={t('mainNav')} data-main-nav>
          {/* a list of links (index.html: .zs-menu), not antd's Menu: links are announced as links, not as
              menu items, and rc-menu was ~14 KiB of compressed JS on every first page */}
          <ul className="zs-menu">
            {visible.map((m) => (
              <li key={m.key}>
                <Link to={m.path} aria-current={current?.key === m.key ? 'page' : undefined} onClick={() => narrow && setCollapsed(true)}>
                  <m.menu.icon />
                  <span>{pick(m.menu)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </AntLayout.Sider>
      {narrow && !collapsed && <div onClick={() => setCollapsed(true)} style={{ position: 'fixed', inset: 0, zIndex: 19, background: token.colorBgMask }} />}
      <AntLayout style={{ minWidth: 0 }}>
        <AntLayout.Header style={{ display: 'flex', alignItems: 'center', gap: 8, paddingInline: narrow ? 8 : 24, background: token.colorBgContainer }}>
          {/* plain controls in antd's look (index.html: .zs-icon-button, .zs-search): antd's Button and Input made
              their styles at run time on every page's first paint, ~150 ms on a phone (issue #22) */}
          {narrow && (
            <button
              type="button"
              className="zs-icon-button"
              aria-label={t('menu')}
              aria-expanded={!collapsed}
              onClick={() => {
                setCollapsed(!collapsed);
                // the drawer comes before the header in the page: the keyboard goes into it (its current entry)
                if (collapsed)
                  requestAnimationFrame(() =>
                    (
                      document.querySelector<HTMLElement>('nav[data-main-nav] a[aria-current=page]') ??
                      document.querySelector<HTMLElement>('nav[data-main-nav] a')
                    )?.focus(),
                  );
              }}
            >
              <MenuOutlined />
            </button>
          )}
          <form
            role="search"
            className="zs-search"
            onSubmit={(e) => {
              e.preventDefault();
              search(new FormData(e.currentTarget).get('q')?.toString() ?? '');
            }}
          >
            <SearchOutlined aria-hidden="true" />
            <input type="search" name="q" placeholder={t('search')} aria-label={t('search')} enterKeyHint="search" data-testid="global-search" />
          </form>
          <div style={{ marginInlineStart: 'auto', display: 'flex', alignItems: 'center', gap: 8 }}>
            <Suspense fallback={<div style={{ minWidth: narrow ? 72 : 120, height: 32 }} />}>
              {!me.mustChangePassword && <NotificationBell />}
              <UserMenu compact={narrow} />
            </Suspense>
          </div>
        </AntLayout.Header>
        <AntLayout.Content id="main" style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <h1 ref={heading} tabIndex={-1} className="zs-visually-hidden" data-testid="page-heading">
            {pageName}
          </h1>
          <Outlet />
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
