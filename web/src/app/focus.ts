/**
 * Keeping the keyboard's place. When the element that had the focus disappears (the button of a step that
 * is no longer allowed, a dialog's trigger), the browser drops the focus to <body> and the next Tab starts
 * again from the top of the page. `keepFocus` puts it on the given element instead (a heading with
 * tabIndex={-1}), or on the page's <h1>, once React has drawn the change.
 */
export function keepFocus(target?: () => HTMLElement | null | undefined): void {
  const place = () => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    (target?.() ?? document.querySelector<HTMLElement>('#main h1'))?.focus({ preventScroll: true });
  };
  // twice: after this task (React's commit) and after the next frame (a closing dialog's own focus return)
  setTimeout(place, 0);
  requestAnimationFrame(() => setTimeout(place, 50));
}
