/**
 * Serves the playground page on 127.0.0.1: the HTML and CSS as they are, the page's script bundled
 * with its renderer (`@skyra/discord-components-core`) from node_modules by esbuild at start-up, and
 * the WebSocket the page talks to the bridge through. The page loads nothing from anywhere else,
 * and the Content-Security-Policy makes the browser refuse if it ever tried.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import type { Bridge } from './bridge.ts';

const PUBLIC_DIR = join(import.meta.dirname, 'public');
const SOCKET_PATH = '/socket';

export interface PageServer {
  url: string;
  /** The port asked for, when it was taken and another was used instead. */
  portTaken: number | null;
  close(): Promise<void>;
}

interface Asset {
  type: string;
  body: string | Uint8Array;
}

/** Listens on `port` (0: any free one), or on a free port when `port` is taken. */
export async function startPageServer(port: number, bridge: Bridge): Promise<PageServer> {
  const assets = await loadAssets();
  const sockets = new WebSocketServer({ noServer: true });
  /** `127.0.0.1:PORT` and `localhost:PORT`, known once listening. */
  let hosts: string[] = [];
  const http = createServer((req, res) => serve(req, res, assets, hosts));
  http.on('upgrade', (req, socket, head) => {
    // Only the page itself may drive the bot: not another site open in the same browser.
    if (req.url !== SOCKET_PATH || !hosts.some((host) => req.headers.origin === `http://${host}`)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (page) => bridge.attach(page));
  });
  const portTaken = await listen(http, port);
  const { port: actual } = http.address() as AddressInfo;
  hosts = [`127.0.0.1:${actual}`, `localhost:${actual}`];
  return {
    url: `http://${hosts[0]}/`,
    portTaken,
    async close() {
      for (const page of sockets.clients) page.terminate();
      await new Promise((resolve) => sockets.close(resolve));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

async function listen(http: Server, port: number): Promise<number | null> {
  const attempt = (candidate: number) =>
    new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(candidate, '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
  try {
    await attempt(port);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    await attempt(0);
    return port;
  }
}

async function loadAssets(): Promise<Map<string, Asset>> {
  const bundle = await build({
    entryPoints: [join(PUBLIC_DIR, 'app.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  const script = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  return new Map<string, Asset>([
    ['/', { type: 'text/html; charset=utf-8', body: await readFile(join(PUBLIC_DIR, 'index.html'), 'utf8') }],
    [
      '/style.css',
      { type: 'text/css; charset=utf-8', body: await readFile(join(PUBLIC_DIR, 'style.css'), 'utf8') },
    ],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: script }],
  ]);
}

function serve(req: IncomingMessage, res: ServerResponse, assets: Map<string, Asset>, hosts: string[]): void {
  const asset =
    req.method === 'GET' ? assets.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname) : undefined;
  if (!asset) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res
    .writeHead(200, {
      'Content-Type': asset.type,
      'Cache-Control': 'no-store',
      // Inline styles only because the renderer's components set some; everything else comes from here.
      'Content-Security-Policy': [
        "default-src 'self'",
        `connect-src 'self' ${hosts.map((host) => `ws://${host}`).join(' ')}`,
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
    })
    .end(asset.body);
}
