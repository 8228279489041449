// A loopback HTTP server for download tests: serves buffers by path, honours Range requests (or not),
// and can cut a response short to imitate a dropped connection.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  url: string;
  /** Range headers received, one per request (undefined when none). */
  ranges: Array<string | undefined>;
  /** Cut the next response after this many bytes (then serve normally). */
  cutNextAfter(bytes: number): void;
  close(): Promise<void>;
}

export async function startFileServer(
  files: Record<string, Buffer>,
  options: { ignoreRanges?: boolean } = {},
): Promise<FileServer> {
  const ranges: Array<string | undefined> = [];
  let cut: number | null = null;
  const server = http.createServer((request, response) => {
    ranges.push(request.headers.range);
    const body = files[request.url ?? ''];
    if (!body) {
      response.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (match && !options.ignoreRanges) {
      start = Number(match[1]);
      if (start >= body.length) {
        response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      response.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else {
      response.writeHead(200, { 'content-length': body.length });
    }
    const part = body.subarray(start);
    if (cut !== null) {
      const limit = cut;
      cut = null;
      response.write(part.subarray(0, limit), () => {
        // Give the client time to receive the bytes, then drop the connection mid-body.
        setTimeout(() => response.socket?.destroy(), 50);
      });
      return;
    }
    response.end(part);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ranges,
    cutNextAfter(bytes) {
      cut = bytes;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
