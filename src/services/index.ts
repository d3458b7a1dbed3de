// The composition root: every service the app uses, built from the database once.
// Tests build the same thing over their own database and hand it to createApp.
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { PrismaSessionStore } from "../session/prismaSessionStore";
import { userService } from "../users/userService";
import { signInService } from "../signIn/signInService";
import { samlSignOn } from "../signIn/saml/serviceProvider";
import { referenceService } from "../reference/referenceService";
import { referenceDraftService } from "../reference/draftService";
import { organisationService } from "../organisation/organisationService";
import { organisationAdminService } from "../organisation/organisationAdmin";
import { proposalService } from "../proposals/proposalService";
import { submissionService } from "../proposals/submissionService";
import { workflowService } from "../workflow/workflowService";
import { signOffService } from "../signOff/signOffService";
import { checklistAdminService } from "../signOff/checklistAdmin";
import { queueService } from "../queue/queueService";
import { caseService } from "../cases/caseService";
import { peopleService } from "../admin/peopleService";
import { reviewService } from "../reviews/reviewService";
import { rateLimitCounter } from "../rateLimits/rateLimitCounter";
import { diskProbe, storageGuard, type StorageProbe } from "../storage/storageGuard";
import { listImportService } from "../screening/listImport";
import { screeningService } from "../screening/screeningService";
import { keptFormService } from "../sessionEnd/keptFormService";
import { keptFormCookies } from "../sessionEnd/browserCookies";
import { notificationService } from "../notifications/notificationService";
import type { MailSender } from "../notifications/delivery";
import type { RaiseCaseNotifications } from "../notifications/caseEvents";
import { reportService } from "../reports/reportService";
import { simulatorService } from "../simulator/simulatorService";
import { rulesRerunService } from "../simulator/rerun";
import { auditViewer } from "../audit/auditViewer";
import { attachmentService } from "../attachments/attachmentService";
import { informationRequestService } from "../informationRequests/informationRequestService";
import { progressService } from "../progress/progressService";
import { committeeService } from "../committee/committeeService";

export interface ServiceOptions {
  /** How the storage guard reads the disk; by default the embedded database's folder (none on PostgreSQL). */
  storageProbe?: StorageProbe;
  /** Where services that work in the background (IdP metadata refresh) report. */
  logger?: Logger;
  /** Where mail goes instead of the configured SMTP server (tests). */
  mailSender?: MailSender;
}

export function createServices(database: Database, config: Config, options: ServiceOptions = {}) {
  const { prisma } = database;
  const sessionStore = new PrismaSessionStore(prisma, config.session.idleMs);
  const reference = referenceService(prisma);
  const referenceDrafts = referenceDraftService(prisma);
  const organisation = organisationService(prisma);
  // Case changes raise their e-mails inside their own transactions (src/notifications/caseEvents.ts).
  const raiseNotifications: RaiseCaseNotifications = (tx, entry) => notifications.raise(tx, entry);
  const workflow = workflowService(prisma, { raiseNotifications });
  const signOff = signOffService(prisma, reference, workflow);
  const reviews = reviewService(prisma);
  const notifications = notificationService(database, config, {
    sources: { signOff, reviews },
    sender: options.mailSender,
    logger: options.logger,
  });
  const screeningLists = listImportService(prisma, { openSanctionsLicensed: config.screening.openSanctionsLicensed });
  const screening = screeningService(prisma, screeningLists, config.screening, { raiseNotifications });
  return {
    config,
    database,
    prisma,
    sessionStore,
    /** Rate-limit counts, shared by every instance through the database. */
    rateLimits: rateLimitCounter(prisma),
    users: userService(prisma),
    signIn: signInService(prisma),
    /** University single sign-on (SAML); undefined when not configured. */
    saml: config.saml
      ? samlSignOn(prisma, config.saml, { secrets: config.session.secrets, logger: options.logger })
      : undefined,
    reference,
    /** Drafts of the reference data, publishing them, and its history. */
    referenceDrafts,
    organisation,
    /** Admins' changes to schools and departments (they clear `organisation`'s cache). */
    organisationAdmin: organisationAdminService(prisma, () => organisation.forgetDepartments()),
    proposals: proposalService(prisma),
    submissions: submissionService(prisma, reference, screening, undefined, raiseNotifications),
    workflow,
    signOff,
    checklistAdmin: checklistAdminService(referenceDrafts),
    queue: queueService(prisma),
    cases: caseService(prisma),
    /** Files on proposals and cases, kept in the database. */
    attachments: attachmentService(prisma),
    /** Requests for information and their replies, as a thread. */
    informationRequests: informationRequestService(prisma),
    /** Where a case stands, with the people it waits for named. */
    progress: progressService(prisma),
    /** The CBELA committee secretary's records of meetings. */
    committee: committeeService(prisma),
    reviews,
    /** E-mail: the outbox, its worker, reminders and digests, preferences, the attention list. */
    notifications,
    people: peopleService(prisma, sessionStore),
    storage: storageGuard({
      probe: options.storageProbe ?? (database.dataDir ? diskProbe(database.dataDir) : undefined),
      minFreeBytes: config.storage.minFreeBytes,
    }),
    /** Sanctions lists: importing versions, confirming held ones. */
    screeningLists,
    /** Sanctions screening of names and cases, matches and verdicts. */
    screening,
    /** Forms posted after their session ended, kept until their author signs in again. */
    keptForms: keptFormService(prisma),
    keptFormCookies: keptFormCookies(config),
    /** The SPO's dashboard figures and the annual return (src/reports/). */
    reports: reportService(prisma),
    /** Replaying submitted cases against candidate reference data (src/simulator/). */
    simulator: simulatorService(prisma),
    /** Re-running the rules on one open case with the reference data in force. */
    rulesRerun: rulesRerunService(prisma, reference, raiseNotifications),
    /** Reading the audit log back, for the admins' viewer. */
    auditLog: auditViewer(prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
