/**
 * A module's tab bar between its pages: a `<nav>` of links (the current one `aria-current="page"`), drawn like
 * a segmented control. Links, not antd's Segmented: a screen reader announces 「导航, 链接 督办台账, 当前页」 instead of
 * an English "segmented control" of radios, Tab reaches each page, Enter opens it, and a new tab opens with a
 * middle click. On a phone the strip scrolls sideways by itself; the page does not.
 */
import { Link, useLocation } from 'react-router';

export interface PageTab {
  label: string;
  to: string;
}

/** The tab of `pathname`: the longest `to` it equals or lies under. */
export function currentTab(tabs: PageTab[], pathname: string): PageTab | undefined {
  return tabs.filter((tab) => pathname === tab.to || pathname.startsWith(`${tab.to}/`)).sort((a, b) => b.to.length - a.to.length)[0];
}

/** The tab bar; `label` names the navigation (the module's name). */
export function PageTabs({ label, tabs }: { label: string; tabs: PageTab[] }) {
  const { pathname } = useLocation();
  const current = currentTab(tabs, pathname);
  return (
    <nav aria-label={label} className="zs-tabs" data-testid="page-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <Link to={tab.to} aria-current={tab === current ? 'page' : undefined}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
