import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A form the user opens on demand (a card's correction, call, next step, note, snooze, timeline):
 * a button that says whether it is open (aria-expanded) and which panel it opens, and the panel.
 * Closing it (after a save, on Cancel, on Escape anywhere inside) puts the focus back on the
 * button that opened it, so a keyboard user is never dropped on the page's body.
 */
export function useDisclosure() {
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  return {
    open,
    close,
    buttonProps: {
      ref: button,
      type: 'button' as const,
      'aria-expanded': open,
      'aria-controls': panelId,
      onClick: () => setOpen((current) => !current),
    },
    panelProps: {
      id: panelId,
      hidden: !open,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        close();
      },
    },
  };
}
