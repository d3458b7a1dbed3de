// Writing messages into the outbox, inside the caller's transaction. Each message has an
// idempotency key (the event and the recipient): written twice, it exists once. The
// recipient's choice is applied here: at once (pending), in the daily digest (held), or,
// for a message that asks nothing of them and that they switched off, not at all.
import type { Prisma } from "../generated/prisma/client";
import type { MessageKind, RenderedMessage } from "./messages";

export interface Recipient {
  id: string;
  email: string;
  displayName: string;
}

export interface OutgoingMessage {
  idempotencyKey: string;
  kind: MessageKind;
  proposalId: string | null;
  recipient: Recipient;
  asksToAct: boolean;
  content: RenderedMessage;
  link: string;
}

export type Db = Prisma.TransactionClient;

/** Writes the messages (skipping any whose key exists); returns how many were written. */
export async function enqueue(tx: Db, messages: readonly OutgoingMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const recipientIds = [...new Set(messages.map((message) => message.recipient.id))];
  const preferences = await tx.notificationPreference.findMany({ where: { userId: { in: recipientIds } } });
  const preferenceOf = new Map(preferences.map((preference) => [preference.userId, preference]));
  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const message of messages) {
    const preference = preferenceOf.get(message.recipient.id);
    if (!message.asksToAct && preference && !preference.updates) continue;
    rows.push({
      idempotencyKey: message.idempotencyKey,
      kind: message.kind,
      proposalId: message.proposalId,
      recipientId: message.recipient.id,
      toAddress: message.recipient.email,
      subject: message.content.subject,
      text: message.content.text,
      html: message.content.html,
      link: message.link,
      asksToAct: message.asksToAct,
      status: preference?.delivery === "digest" ? "held" : "pending",
    });
  }
  if (rows.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
