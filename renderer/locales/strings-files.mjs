// For the host's build (electron/build-host.mjs) and its unit tests (vitest.config.ts): the
// languages with a strings file here, so the host can refuse a config language that has none.
// The renderer finds the same files itself (renderer/strings.ts).
import { readdirSync } from 'node:fs';

/** The language codes of the `<code>.json` files in this folder, sorted. */
export function stringsFileLanguages() {
  return readdirSync(import.meta.dirname)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}
