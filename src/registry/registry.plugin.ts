import type { FastifyInstance } from "fastify";
import { casesApi } from "./cases.api.ts";
import { casesRoutes } from "./cases.routes.tsx";
import { classificationApi } from "./classification.api.ts";
import { classificationRoutes } from "./classification.routes.tsx";
import { disposalRoutes } from "./disposal.routes.tsx";
import { documentsApi } from "./documents.api.ts";
import { documentsRoutes } from "./documents.routes.tsx";
import { eArchiveApi } from "./e-archive.api.ts";
import { eArchiveRoutes } from "./e-archive.routes.tsx";
import { incomingRoutes } from "./incoming.routes.tsx";
import { copyRequestsApi } from "./public/copy-requests.api.ts";
import { copyRequestsRoutes } from "./public/copy-requests.routes.tsx";
import { publicApi } from "./public/public.api.ts";
import { publicRoutes } from "./public/public.routes.tsx";
import { registerListRoutes } from "./register-list.routes.ts";
import { registriesRoutes } from "./registries.routes.tsx";
import { searchApi } from "./search/search.api.ts";
import { searchRoutes } from "./search/search.routes.tsx";
import { secrecyGroundsApi } from "./secrecy-grounds.api.ts";
import { secrecyGroundsRoutes } from "./secrecy-grounds.routes.tsx";

/** Cases, documents, search, the public register, registries, classification, secrecy grounds, disposal and the e-archive. */
export async function registryPlugin(app: FastifyInstance) {
  await app.register(casesRoutes);
  await app.register(searchRoutes);
  await app.register(searchApi);
  await app.register(publicRoutes);
  await app.register(publicApi);
  await app.register(copyRequestsRoutes);
  await app.register(documentsRoutes);
  await app.register(incomingRoutes);
  await app.register(registerListRoutes);
  await app.register(eArchiveRoutes);
  await app.register(registriesRoutes);
  await app.register(secrecyGroundsRoutes);
  await app.register(classificationRoutes);
  await app.register(disposalRoutes);
  await app.register(casesApi);
  await app.register(documentsApi);
  await app.register(copyRequestsApi);
  await app.register(secrecyGroundsApi);
  await app.register(classificationApi);
  await app.register(eArchiveApi);
}
