import path from "node:path";
import { randomUUID } from "node:crypto";
import express from "express";
import { pino, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Services } from "./services";
import { setUpHealth } from "./health/healthRoutes";
import { setUpWebSecurity } from "./middleware/setUpWebSecurity";
import { setUpSession } from "./middleware/setUpSession";
import { setUpCsrf } from "./middleware/setUpCsrf";
import { setUpFormBody } from "./middleware/formBody";
import { setUpListUpload } from "./screening/listUpload";
import { setUpRequestOrigin } from "./middleware/setUpRequestOrigin";
import { signInLimit, submitLimit } from "./middleware/rateLimits";
import { setUpSamlCallback } from "./signIn/saml/samlRoutes";
import { setUpCurrentUser } from "./middleware/setUpCurrentUser";
import { errorHandler, notFound } from "./middleware/errorHandlers";
import { mountRoutes } from "./routing/pageRoute";
import { allRoutes } from "./routes";
import { projectRoot } from "./db/migrations/migrate";
import { viewHelpers } from "./views/helpers";

export function createLogger(level: string): Logger {
  return pino({ level, redact: ["req.headers.cookie", 'res.headers["set-cookie"]'] });
}

/** The order matters and is stated here: see design/style.md, "Shape". */
export function createApp(services: Services, logger: Logger = createLogger(services.config.logLevel)) {
  const { config } = services;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.set("view engine", "ejs");
  // An array, so that ejs also resolves include('components/…') from the views root.
  app.set("views", [path.join(projectRoot, "views")]);
  // Compiled templates are cached (includes too) everywhere but in development, where
  // edits to views should show on reload.
  if (config.environment !== "development") app.enable("view cache");
  Object.assign(app.locals, viewHelpers);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req.headers["x-request-id"] as string | undefined)?.slice(0, 64) ?? randomUUID(),
      quietReqLogger: true,
      autoLogging: config.environment !== "test",
    }),
  );
  app.use(setUpHealth(services.prisma));
  app.use(setUpWebSecurity(config));
  app.use(
    "/public",
    express.static(path.join(projectRoot, "public"), { index: false, maxAge: config.production ? "1d" : 0 }),
  );
  app.use(setUpSession(config, services.sessionStore));
  app.use(setUpFormBody({ limit: "100kb", maxFields: 500 }));
  app.use(/^\/sign-in\/(development|saml|saml\/callback)$/, signInLimit(config.rateLimits.signInPerMinute));
  // The IdP's cross-site POST has no session cookie and no CSRF token: before CSRF.
  app.use(setUpSamlCallback(services, logger));
  app.use(setUpRequestOrigin());
  app.use(/^\/proposals\/[^/]+\/submit$/, submitLimit(config.rateLimits.submitPerMinute));
  // A multipart upload carries its CSRF token in the multipart body: parsed before CSRF.
  app.use("/admin/screening/upload", setUpListUpload({ maxBytes: config.screening.uploadMaxBytes }));
  app.use(setUpCsrf());
  app.use(setUpCurrentUser(services.users));

  const router = express.Router();
  mountRoutes(router, allRoutes(services));
  app.use(router);

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
