import { createServer, connect, type Socket } from 'node:net';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

/**
 * A TCP load balancer in front of several server instances, as nginx is in production: each new
 * connection goes to the next instance in turn, skipping one that refuses (down or restarting).
 * When an instance dies, the connections through it close, and the clients reconnect elsewhere.
 */
export function startBalancer(ports: readonly number[]): Promise<Balancer> {
  let next = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    const attempt = (tries: number) => {
      const port = ports[next++ % ports.length]!;
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.once('error', () => {
        upstream.destroy();
        if (!connected && tries + 1 < ports.length && !client.destroyed) attempt(tries + 1);
        else client.destroy();
      });
    };
    attempt(0);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
