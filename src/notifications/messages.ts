// The e-mails themselves: plain text and HTML, the case reference in the subject, what is
// needed and a link to the case. Nothing from the answers beyond the title goes in (people
// forward e-mail), and everything a person typed is escaped in the HTML.

export const messageKinds = [
  "submitted",
  "assigned",
  "review_needed",
  "sign_off_needed",
  "information_requested",
  "resubmitted",
  "task_reopened",
  "decided",
  "withdrawn",
  "sanctions_match",
  "reminder",
  "escalation",
  "digest",
] as const;
export type MessageKind = (typeof messageKinds)[number];

export const messageKindLabels: Record<MessageKind, string> = {
  submitted: "New case submitted",
  assigned: "Case assigned to you",
  review_needed: "Review needed",
  sign_off_needed: "Sign-off needed",
  information_requested: "More information needed",
  resubmitted: "Case resubmitted",
  task_reopened: "Case resubmitted: your task is open again",
  decided: "Decision recorded",
  withdrawn: "Case withdrawn",
  sanctions_match: "Possible sanctions list match",
  reminder: "Reminder: task due",
  escalation: "Overdue task",
  digest: "Daily digest",
};

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A header never carries a line break (nodemailer folds them too; this keeps the stored copy clean). */
function oneLine(value: string, max = 150): string {
  const flat = value.replace(/[\r\n\t]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface CaseMessage {
  kind: Exclude<MessageKind, "digest">;
  recipientName: string;
  reference: string;
  title: string;
  /** What is needed of the recipient (or what happened), one or two plain sentences. */
  need: string;
  /** Absolute link to the page where they act or read. */
  link: string;
  /** Absolute link to their notification settings. */
  settingsLink: string;
}

function htmlPage(body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SPO Partnerships</title></head><body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.4; color: #0b0c0c">${body}</body></html>`;
}

export function renderCaseMessage(message: CaseMessage): RenderedMessage {
  const label = messageKindLabels[message.kind];
  const title = oneLine(message.title || "Untitled proposal", 200);
  const subject = oneLine(`[${message.reference}] ${label}: ${title}`, 200);
  const text = [
    `Hello ${oneLine(message.recipientName)},`,
    "",
    message.need,
    "",
    `Case: ${message.reference} – ${title}`,
    `Open it: ${message.link}`,
    "",
    `How you are told: ${message.settingsLink}`,
    "",
  ].join("\n");
  const html = htmlPage(
    [
      `<p>Hello ${escapeHtml(oneLine(message.recipientName))},</p>`,
      `<p>${escapeHtml(message.need)}</p>`,
      `<p><strong>${escapeHtml(message.reference)}</strong> – ${escapeHtml(title)}</p>`,
      `<p><a href="${escapeHtml(message.link)}">Open the case</a></p>`,
      `<p style="color: #505a5f; font-size: 14px"><a href="${escapeHtml(message.settingsLink)}">Choose how you are told</a></p>`,
    ].join(""),
  );
  return { subject, text, html };
}

export interface DigestItem {
  subject: string;
  link: string;
}

/** A short form of each message: its subject (reference, what, title) and its link. */
export function renderDigest(
  recipientName: string,
  day: string,
  items: readonly DigestItem[],
  settingsLink: string,
): RenderedMessage {
  const subject = `Daily digest for ${day}: ${items.length} ${items.length === 1 ? "message" : "messages"}`;
  const text = [
    `Hello ${oneLine(recipientName)},`,
    "",
    `Since your last digest:`,
    "",
    ...items.flatMap((item) => [`- ${item.subject}`, `  ${item.link}`]),
    "",
    `How you are told: ${settingsLink}`,
    "",
  ].join("\n");
  const html = htmlPage(
    [
      `<p>Hello ${escapeHtml(oneLine(recipientName))},</p>`,
      `<p>Since your last digest:</p>`,
      `<ul>${items.map((item) => `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.subject)}</a></li>`).join("")}</ul>`,
      `<p style="color: #505a5f; font-size: 14px"><a href="${escapeHtml(settingsLink)}">Choose how you are told</a></p>`,
    ].join(""),
  );
  return { subject, text, html };
}
