import { use, type ComponentType, type ReactNode } from 'react';

/** A component whose code is fetched apart from the first screen's, and can be fetched ahead of need. */
export type LazyComponent<P> = ((props: P) => ReactNode) & {
  /** Fetches the code now, once (again after a failure); resolves when it is ready. */
  preload: () => Promise<unknown>;
};

/** Every lazy component's "try again if the last fetch failed". */
const retries = new Set<() => void>();

/** Fetches again the code of every lazy component whose last fetch failed (RetryOnError calls it before it draws again). */
export function retryFailedLoads(): void {
  for (const retry of retries) retry();
}

/**
 * Like React.lazy, with a preload: once preloaded, the component renders at once, with no
 * Suspense fallback and no frame lost (React.lazy suspends on its first render even when the
 * code is already there). Until then it suspends, so give it a Suspense boundary. A failed fetch
 * is thrown to the nearest error boundary (RetryOnError), and fetched again only when asked
 * (`preload`, `retryFailedLoads`): a render never starts a new fetch of a failed one, which
 * would suspend it for good. The element type never changes, so nothing remounts when the code arrives.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, name: string): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  let failed = false;
  const preload = () => {
    if (failed) loading = undefined;
    failed = false;
    return (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        failed = true;
        throw error;
      },
    ));
  };
  retries.add(() => void (failed && preload().catch(() => undefined)));
  function Lazy(props: P) {
    const Component = loaded ?? use(loading ?? preload());
    return <Component {...props} />;
  }
  Lazy.displayName = `Lazy(${name})`;
  return Object.assign(Lazy, { preload });
}
