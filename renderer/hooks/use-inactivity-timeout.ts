import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `onExpire` once `ms` pass without a call to the `restart` it returns, while `enabled`.
 * Each enabling starts the full time; `restart` does nothing while disabled. Restarting sets no
 * state, so a touch that restarts it renders nothing.
 */
export function useInactivityTimeout(ms: number, onExpire: () => void, enabled = true): () => void {
  const expire = useRef(onExpire);
  const on = useRef(enabled);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    expire.current = onExpire;
  });
  const restart = useCallback(() => {
    window.clearTimeout(timer.current);
    if (on.current) timer.current = window.setTimeout(() => expire.current(), ms);
  }, [ms]);
  useEffect(() => {
    on.current = enabled;
    restart();
    return () => window.clearTimeout(timer.current);
  }, [enabled, restart]);
  return restart;
}
