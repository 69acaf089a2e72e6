/**
 * antd's `App` without its code on the first page (issue #22): `App.useApp()` (message, notification, modal)
 * answers from antd's own context, which this provider fills with stand-ins at once; the real message,
 * notification and modal hooks (antd's Modal, notification, message, Skeleton… ~25 KiB of compressed JS)
 * load in their own chunk at the user's first touch, click or key (what may end in a message or a
 * confirmation), not with the page. A call made before they are there waits for them.
 */
import AppContext, { type useAppProps } from 'antd/es/app/context';
import { lazy, Suspense, useContext, useEffect, useState, type ReactNode } from 'react';

const AppHolders = lazy(() => import('./AppHolders.tsx'));

let resolveReal: (api: useAppProps) => void = () => undefined;
const real = new Promise<useAppProps>((resolve) => {
  resolveReal = resolve;
});
let loaded: useAppProps | null = null;
/** Set when a call needs the real hooks before the page asked for them. */
let wanted: (() => void) | null = null;
let wantedEarly = false;

/** Called by AppHolders with antd's hook APIs (stable for the holders' life). */
export function setAppApi(api: useAppProps) {
  loaded = api;
  resolveReal(api);
}

/** A stand-in of `kind`: each method calls the real one, at once when loaded, else once it is. */
function standIn<K extends keyof useAppProps>(kind: K): useAppProps[K] {
  return new Proxy({} as useAppProps[K], {
    get:
      (_target, name) =>
      (...args: unknown[]) => {
        const call = (api: useAppProps) => (api[kind] as unknown as Record<string | symbol, (...a: unknown[]) => unknown>)[name]!(...args);
        if (loaded) return call(loaded);
        if (wanted) wanted();
        else wantedEarly = true;
        return real.then(call);
      },
  });
}

const standIns: useAppProps = { message: standIn('message'), notification: standIn('notification'), modal: standIn('modal') };

/** `App.useApp()` for the shell's own components (importing antd's `App` would bring its code back). */
export function useAppApi(): useAppProps {
  return useContext(AppContext);
}

/** Provides `App.useApp()` below it and, at the first interaction (or call), mounts the real holders. */
export function AppApiProvider({ children }: { children: ReactNode }) {
  const [load, setLoad] = useState(false);
  useEffect(() => {
    const start = () => setLoad(true);
    if (wantedEarly) return start();
    wanted = start;
    // the first touch, click or key: the user is about to do something that may answer with a message
    const events = ['pointerdown', 'keydown'] as const;
    for (const e of events) window.addEventListener(e, start, { once: true, passive: true });
    return () => {
      wanted = null;
      for (const e of events) window.removeEventListener(e, start);
    };
  }, []);
  return (
    <AppContext value={standIns}>
      <div className="zs-app">
        {load && (
          <Suspense fallback={null}>
            <AppHolders />
          </Suspense>
        )}
        {children}
      </div>
    </AppContext>
  );
}
