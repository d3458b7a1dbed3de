// Who the person is, from what the IdP released: the username (uid, or a scoped
// identifier such as eduPersonPrincipalName or subject-id with our scope taken off), name,
// e-mail, department, scoped affiliations, and the persistent NameID when the IdP sends
// one (so the person is recognised if their username attribute later changes).
import { z } from "zod";
import type { SamlSettings } from "../../config/saml";
import { SamlCheckFailure } from "./checks";

export const persistentFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

/** The NameID as the IdP sent it: kept for single logout, and stored when persistent. */
export interface SamlSubject {
  nameId: string;
  format?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
  sessionIndex?: string;
}

export interface SamlIdentity {
  username: string;
  displayName: string;
  email: string;
  departmentCode?: string;
  /** eduPersonScopedAffiliation values, such as staff@cam.ac.uk. */
  affiliations: string[];
  /** Present only for a persistent NameID: the key (with the IdP that issued it) that outlives attribute changes. */
  persistentId?: { issuer: string; value: string };
}

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{0,99}$/);

const identitySchema = z.object({
  username,
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional().catch(undefined),
  departmentCode: z.string().trim().min(1).max(50).optional().catch(undefined),
});

const scopedValue = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}@[a-z0-9.-]{1,253}$/);

function values(attributes: Record<string, unknown>, name: string): string[] {
  if (!Object.hasOwn(attributes, name)) return [];
  const value = attributes[name];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === "string" && item.trim() !== "",
  );
}

function firstValue(attributes: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const [first] = values(attributes, name);
    if (first) return first;
  }
  return undefined;
}

/**
 * The username from a scoped identifier: with a scope configured, only values in that
 * scope count and the scope is taken off (`ab123@cam.ac.uk` → `ab123`); without one, the
 * whole value is the username.
 */
function fromScoped(value: string | undefined, scope: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = scopedValue.safeParse(value);
  if (!parsed.success) throw new SamlCheckFailure("attributes");
  if (!scope) return parsed.data;
  const suffix = `@${scope}`;
  if (!parsed.data.endsWith(suffix)) throw new SamlCheckFailure("attributes");
  return parsed.data.slice(0, -suffix.length);
}

/** The person from the released attributes; a person id (plain or scoped) is required. */
export function identityFrom(
  attributes: unknown,
  subject: SamlSubject | undefined,
  idpEntityId: string,
  settings: Pick<SamlSettings, "attributes" | "usernameScope">,
): SamlIdentity {
  const released = attributes && typeof attributes === "object" ? (attributes as Record<string, unknown>) : {};
  const names = settings.attributes;
  const plain = firstValue(released, names.personId);
  const parsed = identitySchema.safeParse({
    username: plain ?? fromScoped(firstValue(released, names.scopedPersonId), settings.usernameScope),
    displayName: firstValue(released, names.displayName),
    email: firstValue(released, names.email),
    departmentCode: firstValue(released, names.departmentCode),
  });
  if (!parsed.success) throw new SamlCheckFailure("attributes");
  const affiliations = [
    ...new Set(
      names.affiliation
        .flatMap((name) => values(released, name))
        .map((value) => value.trim().toLowerCase())
        .filter((value) => scopedValue.safeParse(value).success),
    ),
  ].slice(0, 20);
  const { displayName, email, departmentCode } = parsed.data;
  const persistent = subject?.format === persistentFormat && subject.nameId.length <= 1024;
  return {
    username: parsed.data.username,
    displayName: displayName ?? parsed.data.username,
    email: email ?? "",
    ...(departmentCode ? { departmentCode } : {}),
    affiliations,
    ...(persistent ? { persistentId: { issuer: idpEntityId, value: subject.nameId } } : {}),
  };
}
