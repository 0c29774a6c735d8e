import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * Helmet's security headers on every answer, the content security policy allowing only our own
 * scripts, styles and forms. The middleware is built once: @fastify/helmet built it again, CSP
 * parsing included, on every request. Returns the headers' setter, for answers no hook sees.
 * `formTargets` are other origins a form's answer may redirect to: browsers hold a redirect after a
 * form to form-action too, and signing out sends the browser on to the OpenID provider's logout.
 */
export function addSecurityHeaders(
  app: FastifyInstance,
  secure: boolean,
  formTargets: readonly string[] = [],
): (req: IncomingMessage, res: ServerResponse) => void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'", ...formTargets],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    hsts: secure,
  });
  app.addHook("onRequest", (req, reply, done) =>
    apply(req.raw, reply.raw, (error?: unknown) => done(error as Error)),
  );
  return (req, res) => apply(req, res, () => undefined);
}
