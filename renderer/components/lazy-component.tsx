import { use, type ComponentType, type ReactNode } from 'react';

/** A component whose code is fetched apart from the first screen's, and can be fetched ahead of need. */
export type LazyComponent<P> = ((props: P) => ReactNode) & {
  /** Fetches the code now, once (again after a failure); resolves when it is ready. */
  preload: () => Promise<unknown>;
};

/**
 * Like React.lazy, with a preload: once preloaded, the component renders at once, with no
 * Suspense fallback and no frame lost (React.lazy suspends on its first render even when the
 * code is already there). Until then it suspends, so give it a Suspense boundary. The element
 * type never changes, so nothing remounts when the code arrives.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, name: string): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  function Lazy(props: P) {
    const Component = loaded ?? use(preload());
    return <Component {...props} />;
  }
  Lazy.displayName = `Lazy(${name})`;
  return Object.assign(Lazy, { preload });
}
