import { useEffect, useEffectEvent, type DependencyList } from 'react';

/**
 * Asks the host whenever one of `deps` changes and hands the answer to `onAnswer`, unless `deps`
 * changed or the component went away first: a slower answer to an older question never replaces a
 * newer one. `deps` are plain values (strings, numbers, booleans, null); `null` asks nothing.
 */
export function useHostCall<T>(deps: DependencyList | null, ask: () => Promise<T>, onAnswer: (answer: T) => void): void {
  const askNow = useEffectEvent(ask);
  const answered = useEffectEvent(onAnswer);
  const key = deps === null ? null : JSON.stringify(deps);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    void askNow().then((answer) => {
      if (current) answered(answer);
    });
    return () => {
      current = false;
    };
  }, [key]);
}
