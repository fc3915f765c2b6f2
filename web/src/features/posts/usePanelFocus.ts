import { useEffect, useRef } from 'react';

/**
 * Keeps the keyboard where the person is when an inline panel (a confirmation, a form, a picker) opens and closes:
 * opening moves the focus into the panel (to `first`: its question or first control, else the panel itself), closing
 * brings it back to the button that opened it when the focus was in the panel or was lost with it; as the settings'
 * 退会 confirmation does.
 */
export function usePanelFocus<Panel extends HTMLElement, First extends HTMLElement = Panel>(open: boolean) {
  const panel = useRef<Panel>(null);
  const first = useRef<First>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const focusInside = useRef(false);
  const wasOpen = useRef(open);

  // remembered while the panel is still there: once it is hidden or removed, the browser may already have moved on
  useEffect(() => {
    if (!open) return;
    const track = () => {
      focusInside.current = !!panel.current?.contains(document.activeElement);
    };
    document.addEventListener('focusin', track);
    return () => document.removeEventListener('focusin', track);
  }, [open]);

  useEffect(() => {
    if (open && !wasOpen.current) {
      (first.current ?? panel.current)?.focus();
      focusInside.current = true;
    } else if (!open && wasOpen.current) {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (focusInside.current || lost || panel.current?.contains(document.activeElement)) opener.current?.focus();
      focusInside.current = false;
    }
    wasOpen.current = open;
  }, [open]);

  return { panel, first, opener };
}
