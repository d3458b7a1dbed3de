// A start-up failure an operator can act on (bad configuration, a data directory that is
// locked by another process or cannot be written, a port in use). Its message is one
// plain line that says what is wrong and what to do; the process prints it and exits 1.

export class StartupError extends Error {
  override readonly name = "StartupError";
}

/**
 * The one line printed for a failed start. A StartupError is the operator's message as it
 * stands; anything else (a bug, a corrupt database) gets its first line, so the terminal
 * shows what failed rather than a stack of bundled source.
 */
export function startupFailureLine(error: unknown, what = "Start-up failed"): string {
  if (error instanceof StartupError) return `${what}: ${oneLine(error.message)}`;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const firstLine = oneLine(message.split("\n").find((line) => line.trim() !== "") ?? "unknown error");
  return `${what}: ${typeof code === "string" && !firstLine.includes(code) ? `${code}: ` : ""}${firstLine}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
