/**
 * A proxy that answers nothing: it records the first line of each request it gets (e.g. `CONNECT api.nuget.org:443`)
 * and hangs up. onnxruntime-node's install script sends its downloads through global-agent, so pointing
 * GLOBAL_AGENT_HTTP(S)_PROXY here shows whether it tried to download anything, without any network.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';

export interface Trap {
  readonly url: string;
  readonly requests: string[];
  readonly server: Server;
}

export async function startTrap(): Promise<Trap> {
  const requests: string[] = [];
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return { url: `http://127.0.0.1:${address.port}`, requests, server };
}

/** Environment variables that route onnxruntime-node's install-script downloads through the trap. */
export function trapProxyEnv(trap: Trap): Record<string, string> {
  return { GLOBAL_AGENT_HTTP_PROXY: trap.url, GLOBAL_AGENT_HTTPS_PROXY: trap.url };
}
