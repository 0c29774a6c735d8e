import Fastify from "fastify";

/** The framework's limit: one Fastify route with a small HTML answer, no database, no plugins. */
const app = Fastify({ logger: false });
const page = `<!doctype html><html lang="sv"><head><title>kansli</title></head><body>${"<p>Ärende</p>".repeat(50)}</body></html>`;
app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(page));
const address = await app.listen({ port: Number(process.argv[2] ?? 0), host: "127.0.0.1" });
process.stdout.write(`${address}\n`);
