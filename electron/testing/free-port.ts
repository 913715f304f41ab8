import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** For tests: a TCP port on 127.0.0.1 that was free a moment ago (for servers that take their port from config). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
