import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Panel contents live in long-lived detached elements (rendered there through portals), and a Slot lends
 * one of them a place in the current layout. Moving a panel between layouts (wide ↔ narrow, dock tabs)
 * therefore never remounts it: the terminal keeps its scrollback, the editor its undo history.
 */
export function usePanelHosts<K extends string>(names: readonly K[]): Record<K, HTMLDivElement> {
  const [hosts] = useState(() => {
    const out = {} as Record<K, HTMLDivElement>;
    for (const n of names) {
      const el = document.createElement('div');
      el.className = 'slot-content';
      el.dataset.panel = n;
      out[n] = el;
    }
    return out;
  });
  return hosts;
}

export function Slot({ host, className }: { host: HTMLElement; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.appendChild(host);
    return () => {
      if (host.parentElement === el) el.removeChild(host);
    };
  }, [host]);
  return <div className={`slot ${className ?? ''}`} ref={ref} />;
}
