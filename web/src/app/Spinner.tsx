/**
 * A loading spinner drawn by CSS (index.html: .zs-spin), for the places a page's first paint passes through
 * (the shell while the session loads, the 工作台's sections): antd's Spin made its styles at run time there,
 * ~40 ms of a phone's first paint (issue #22). Announced as a status with the text 加载中.
 */
import { useT } from './i18n.ts';

const messages = { loading: ['加载中', 'Loading'] } as const;

export function Spinner({ fullscreen = false }: { fullscreen?: boolean }) {
  const t = useT(messages);
  return (
    <div className={fullscreen ? 'zs-spin zs-spin-fullscreen' : 'zs-spin'} role="status" aria-busy="true">
      <span className="zs-spin-dot" aria-hidden="true" />
      <span className="zs-visually-hidden">{t('loading')}</span>
    </div>
  );
}
