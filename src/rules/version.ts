/**
 * The rules' own version: bump it whenever a rule's condition, text or source changes, so
 * a stored decision can be traced to the logic that made it. Format: year.month.release.
 * A decision's full version adds the reference data version: `${RULES_VERSION}+ref.${n}`.
 */
export const RULES_VERSION = "2026.12.2";
