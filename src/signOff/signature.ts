// A head's signature, as stored on the closed sign-off task (jsonb): everything needed
// to show the record without looking anything else up. Read back through its schema.
import { z } from "zod";
import { roles } from "../domain/roles";

export const signatureAnswers = ["yes", "no", "not_applicable"] as const;

const signatureSchema = z.object({
  signerId: z.string(),
  signerName: z.string(),
  role: z.enum(roles),
  scope: z.object({ kind: z.enum(["department", "school"]), id: z.string(), name: z.string() }),
  checklistVersion: z.number().int(),
  items: z.array(z.object({ id: z.string(), text: z.string(), answer: z.enum(signatureAnswers), comment: z.string() })),
  decision: z.enum(["approved", "returned", "declined"]),
  comment: z.string(),
  signedAt: z.string(),
});

export type Signature = z.output<typeof signatureSchema>;

/** The stored signature, or null where the task has none (not signed yet, or cancelled). */
export function readSignature(json: unknown): Signature | null {
  return json === null || json === undefined ? null : signatureSchema.parse(json);
}
