import net from "node:net";

/**
 * A TCP port free on 127.0.0.1 just now, for a server whose address must be known before it
 * starts. Another process may take it before that server does: callers that can, start again.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
