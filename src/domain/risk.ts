// A case's risk, as the triage sets it (src/workflow/tasks.ts riskOf) and as pages show it.
export const riskLevels = ["high", "medium", "low"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskLabels: Record<RiskLevel, string> = { high: "High", medium: "Medium", low: "Low" };

/** "High", "Medium" or "Low" (empty when no risk was set), the same on every page and export. */
export function riskLabel(risk: string | null | undefined): string {
  return risk && (riskLevels as readonly string[]).includes(risk) ? riskLabels[risk as RiskLevel] : "";
}
