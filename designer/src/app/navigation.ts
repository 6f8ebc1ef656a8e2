/**
 * Pages are addressed by the hash (`#/flows/<id>`, `#/agent`…). A page holding work kept only in this browser
 * (the editor's unsaved draft) guards the way out: the app's links and buttons, and the browser's back and
 * forward buttons, ask it first. An address typed anew is taken as asked, as it would be in a new tab.
 */

/** Asked before another page is shown: true when it keeps the person here for now, and calls `leave` once they agree. */
export type LeaveGuard = (leave: () => void) => boolean;

let guard: LeaveGuard | undefined;
/** The hash of the page on screen. */
let shown = "";
/** A hash the guard let the person go to, whose change is not asked about again. */
let agreed: string | undefined;

/** Makes `next` the guard of the page on screen; the returned function takes it away. */
export function guardLeaving(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = undefined;
  };
}

/** Runs `leave` now, or once the page on screen lets the person go. */
export function leavePage(leave: () => void): void {
  if (!guard?.(leave)) leave();
}

/** Marks the history entry of each page shown, so that coming back to one is told from a new address. */
const SHOWN = "relais.shown";
const markEntry = () => window.history.replaceState({ [SHOWN]: true }, "");
const returning = () => (window.history.state as Record<string, unknown> | null)?.[SHOWN] === true;

function pass(hash: string): void {
  agreed = hash;
  window.location.hash = hash;
}

/** Shows the page at `hash`, once the page on screen lets the person go. */
export function navigate(hash: string): void {
  if (hash !== shown) leavePage(() => pass(hash));
}

/**
 * Follows the hash, calling `show` with each one the person may go to. A click on a link to another page is
 * held before the browser follows it; the back and forward buttons change the hash first, so the address is
 * put back while the page on screen asks. Returns the function that stops following.
 */
export function followHash(show: (hash: string) => void): () => void {
  shown = window.location.hash;
  markEntry();
  const onHash = () => {
    const target = window.location.hash;
    if (target === shown) return;
    if (returning() && target !== agreed && guard?.(() => pass(target))) {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, "", `${pathname}${search}${shown}`);
      return;
    }
    shown = target;
    agreed = undefined;
    markEntry();
    show(target);
  };
  const onClick = (event: MouseEvent) => {
    // A click that opens another tab or window leaves this page as it is.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
    const target = link?.getAttribute("href");
    if (target && target !== shown && guard?.(() => pass(target))) event.preventDefault();
  };
  window.addEventListener("hashchange", onHash);
  // In the capture phase, so that the link is held before anything else acts on the click.
  document.addEventListener("click", onClick, true);
  return () => {
    window.removeEventListener("hashchange", onHash);
    document.removeEventListener("click", onClick, true);
  };
}
