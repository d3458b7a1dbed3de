// Attachment uploads (multipart/form-data), parsed with busboy before the CSRF check so
// that the form's `_csrf` field reaches csrf-sync like any other form's.
//
// Why the token travels in the multipart body and not in the query string: a token in a
// URL is written to access logs, browser history and Referer headers. In the body it stays
// where every other form keeps it. The cost of a body field is that the request must be
// parsed before the token can be checked, so the file is kept only once the token has been
// seen and matched: the form puts `_csrf` before the file, and a file part that comes
// without a matching token before it is drained and thrown away, never buffered, before
// csrf-sync refuses the request with 403. Only a signed-in session is parsed at all; one
// file per request; its size is counted while it streams, and a file past the limit is
// dropped as soon as it passes it.
import { timingSafeEqual } from "node:crypto";
import busboy from "busboy";
import type { NextFunction, Request, Response } from "express";

export interface UploadedAttachment {
  name: string;
  bytes: Buffer;
  /** Larger than the limit: nothing of it is kept. */
  tooLarge: boolean;
}

const uploads = new WeakMap<Request, UploadedAttachment>();

/** The file posted with this request, if any (and if its form token came first and matched). */
export function uploadedAttachment(req: Request): UploadedAttachment | undefined {
  return uploads.get(req);
}

function sameToken(session: unknown, given: string): boolean {
  const stored = (session as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof stored !== "string" || stored.length === 0) return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const malformed = () => Object.assign(new Error("Malformed upload"), { status: 400 });

export function setUpAttachmentUpload(options: { maxBytes: number }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !req.is("multipart/form-data") || !req.session.userId) {
      next();
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy stops a file at `fileSize` bytes and says so even when the file is exactly
        // that long: one byte more, so that a file of exactly the limit is taken.
        limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, fieldSize: 1_000, parts: 11 },
      });
    } catch {
      next(malformed());
      return;
    }
    const body: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    let tokenMatched = false;
    let overLimits = false;
    parser.on("field", (name, value) => {
      const existing = body[name];
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
      if (name === "_csrf" && existing === undefined) tokenMatched = sameToken(req.session, value);
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || !info.filename || !tokenMatched) {
        stream.resume();
        return;
      }
      let chunks: Buffer[] = [];
      let received = 0;
      let tooLarge = false;
      const refuse = () => {
        tooLarge = true;
        chunks = [];
      };
      stream.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > options.maxBytes) refuse();
        if (!tooLarge) chunks.push(chunk);
      });
      stream.on("limit", refuse);
      const fileName = info.filename.slice(0, 1_000);
      stream.on("end", () => {
        uploads.set(req, { name: fileName, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
      });
    });
    for (const limit of ["partsLimit", "filesLimit", "fieldsLimit"] as const)
      parser.on(limit, () => {
        overLimits = true;
      });
    // Only one of "error" and "close" goes on to the next handler.
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      next(error);
    };
    parser.on("error", () => finish(malformed()));
    parser.on("close", () => {
      if (overLimits) {
        finish(Object.assign(new Error("Upload has too many parts"), { status: 400 }));
        return;
      }
      req.body = body;
      finish();
    });
    req.pipe(parser);
  };
}
