/**
 * The server's own view of its memory through the inspector (the server started with
 * `--inspect=127.0.0.1:PORT`): a full garbage collection, then `process.memoryUsage()`. After
 * the collection, heap used is what is still referenced: growth there that never stops is a leak;
 * growth of RSS alone is the allocator, V8 keeping space it may need, or native caches.
 */
export async function inspectorSession(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  if (!target) throw new Error("the server's inspector lists no target");
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.onmessage = (m) => {
    const reply = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.result);
  };
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      waiting.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    /** Collects garbage, then returns `process.memoryUsage()` in MB. */
    async afterGc(): Promise<Record<"rss" | "heapUsed" | "heapTotal" | "external" | "arrayBuffers", number>> {
      await send("HeapProfiler.collectGarbage");
      const r = (await send("Runtime.evaluate", {
        expression: "JSON.stringify(process.memoryUsage())",
        returnByValue: true,
      })) as { result: { value: string } };
      const usage = JSON.parse(r.result.value) as Record<string, number>;
      return Object.fromEntries(
        Object.entries(usage).map(([k, v]) => [k, Math.round(v / 1024 / 1024)]),
      ) as Record<"rss" | "heapUsed" | "heapTotal" | "external" | "arrayBuffers", number>;
    },
    close: () => socket.close(),
  };
}
