import { useEffect, useEffectEvent } from 'react';

/**
 * Calls `onActivity` on every touch or key anywhere on the page while `enabled`. Listened for as
 * the event comes down (capture), so nothing on the page can keep one from counting.
 */
export function useActivity(onActivity: () => void, enabled = true): void {
  const touched = useEffectEvent(onActivity);
  useEffect(() => {
    if (!enabled) return;
    const listener = () => touched();
    window.addEventListener('pointerdown', listener, true);
    window.addEventListener('keydown', listener, true);
    return () => {
      window.removeEventListener('pointerdown', listener, true);
      window.removeEventListener('keydown', listener, true);
    };
  }, [enabled]);
}
