import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as it came, not decoded (a compressed one stays compressed). */
  bytes: Buffer;
}

export interface RawRequest {
  port: number;
  method: string;
  path: string;
  /** `Host: null` sends no Host header at all. */
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  tls?: boolean;
  /** The address to connect to (default 127.0.0.1). */
  to?: string;
}

/**
 * For tests: one raw HTTP(S) exchange. Unlike fetch, it may set Host, Origin and Sec-Fetch-*
 * freely, and it trusts the test's self-signed certificate.
 */
export function rawExchange({ port, method, path, headers = {}, body, tls = false, to = '127.0.0.1' }: RawRequest): Promise<RawReply> {
  const noHost = headers.Host === null;
  const sent = { ...headers };
  if (noHost) delete sent.Host;
  const request = tls ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request({ host: to, port, method, path, headers: sent, setHost: !noHost, agent: false, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
