import path from "node:path";
import { randomUUID } from "node:crypto";
import express from "express";
import { pino, type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { Services } from "./services";
import { setUpHealth } from "./health/healthRoutes";
import { setUpWebSecurity } from "./middleware/setUpWebSecurity";
import { setUpSession } from "./middleware/setUpSession";
import { setUpCsrf } from "./middleware/setUpCsrf";
import { setUpFormBody } from "./middleware/formBody";
import { setUpListUpload } from "./screening/listUpload";
import { setUpAttachmentUpload } from "./attachments/attachmentUpload";
import { setUpRequestOrigin } from "./middleware/setUpRequestOrigin";
import { parseQuery } from "./middleware/queryParser";
import { refuseMalformedIds } from "./routing/idParams";
import { applyRateLimits, rateLimiters } from "./middleware/rateLimits";
import { setUpSamlCallback } from "./signIn/saml/samlRoutes";
import { setUpCurrentUser } from "./middleware/setUpCurrentUser";
import { setUpFlash } from "./middleware/setUpFlash";
import { setUpAttentionCount } from "./notifications/setUpAttentionCount";
import { errorHandler, notFound } from "./middleware/errorHandlers";
import { clientRequestId } from "./middleware/requestIds";
import { mountRoutes } from "./routing/pageRoute";
import { allRoutes } from "./routes";
import { projectRoot } from "./db/migrations/migrate";
import { viewHelpers } from "./views/helpers";
import { ejsEngine } from "./views/engine";
import { components } from "./views/components";
import { setUpStorageGuard } from "./storage/setUpStorageGuard";
import { rememberWhoIsSignedIn } from "./sessionEnd/rememberWhoIsSignedIn";
import { keepFormOnEndedSession } from "./sessionEnd/keepFormOnEndedSession";

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: ["req.headers.cookie", 'res.headers["set-cookie"]'] };
  return destination ? pino(options, destination) : pino(options);
}

/** The order matters and is stated here: see docs/architecture.md, "The request path". */
export function createApp(services: Services, logger: Logger = createLogger(services.config.logLevel)) {
  const { config } = services;
  const app = express();
  app.disable("x-powered-by");
  // Pages are personal and sent with Cache-Control: no-store, so an ETag (a SHA-1 of every
  // page, computed on each response) would never be used; static files keep their own.
  app.disable("etag");
  app.set("trust proxy", config.trustProxy);
  app.set("query parser", parseQuery);
  app.set("view engine", "ejs");
  // An array, so that ejs also resolves include('components/…') from the views root.
  app.set("views", [path.join(projectRoot, "views")]);
  app.engine("ejs", ejsEngine(path.join(projectRoot, "views")));
  // Compiled templates are cached (includes too) unless VIEW_CACHE=false (`npm run dev`),
  // where edits to views should show on reload. Not tied to NODE_ENV: `npm start` serves
  // at full speed and still offers the development sign-in.
  if (config.viewCache) app.enable("view cache");
  Object.assign(app.locals, viewHelpers, { components });
  // The timeout warning (public/js/sessionTimeout.js) counts down from this.
  app.locals.sessionIdleMs = config.session.idleMs;

  app.use(
    pinoHttp({
      logger,
      // Our reference for the request (error pages show it): always made here.
      genReqId: () => randomUUID(),
      customProps: (req) => ({ clientRequestId: clientRequestId(req) }),
      quietReqLogger: true,
      autoLogging: config.environment !== "test",
    }),
  );
  app.use(setUpHealth(services.prisma, services.storage));
  app.use(setUpWebSecurity(config, () => services.saml?.idpOrigins() ?? []));
  app.use(
    "/public",
    express.static(path.join(projectRoot, "public"), { index: false, maxAge: config.production ? "1d" : 0 }),
  );
  app.use(setUpSession(config, services.sessionStore));
  app.use(setUpFormBody({ limit: "100kb", maxFields: 500 }));
  app.use(setUpStorageGuard(services.storage));
  const limiters = rateLimiters(config.rateLimits, services.rateLimits);
  // The IdP's cross-site POST has no session cookie and no CSRF token: before CSRF.
  app.use(setUpSamlCallback(services, logger, limiters.signIn));
  app.use(setUpRequestOrigin());
  // A multipart upload carries its CSRF token in the multipart body: parsed before CSRF.
  app.use("/admin/screening/upload", setUpListUpload({ maxBytes: config.screening.uploadMaxBytes }));
  app.use(
    ["/proposals/:id/attachments", "/cases/:id/attachments"],
    setUpAttachmentUpload({ maxBytes: config.attachments.maxBytes }),
  );
  app.use(setUpCsrf());
  app.use(setUpCurrentUser(services.users, services.sessionStore));
  app.use(setUpFlash(config));
  app.use(rememberWhoIsSignedIn(services.keptFormCookies));
  app.use(setUpAttentionCount(services.notifications));

  const router = express.Router();
  refuseMalformedIds(router);
  const routes = allRoutes(services);
  applyRateLimits(router, routes, limiters);
  mountRoutes(router, routes);
  app.use(router);
  // A form people type into, refused because its session had ended, is kept for its author.
  app.use(keepFormOnEndedSession(routes, services.keptForms, services.keptFormCookies, logger));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
