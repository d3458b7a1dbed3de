// The admin page's list upload (multipart/form-data), parsed with busboy before the CSRF
// check so the form's `_csrf` field reaches it like any other form's. Only for a signed-in
// session, one file, within the configured size: a larger file is cut off and refused.
import busboy from "busboy";
import type { NextFunction, Request, Response } from "express";

export interface UploadedFile {
  name: string;
  bytes: Buffer;
  /** Larger than the limit: `bytes` holds only its start. */
  tooLarge: boolean;
}

const uploads = new WeakMap<Request, UploadedFile>();

/** The file posted with this request, if any. */
export function uploadedFile(req: Request): UploadedFile | undefined {
  return uploads.get(req);
}

export function setUpListUpload(options: { maxBytes: number }) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== "POST" || !req.is("multipart/form-data") || !req.session.userId) {
      next();
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 1_000, parts: 11 },
      });
    } catch {
      next(Object.assign(new Error("Malformed upload"), { status: 400 }));
      return;
    }
    const body: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    parser.on("field", (name, value) => {
      const existing = body[name];
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || !info.filename) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let tooLarge = false;
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => {
        tooLarge = true;
      });
      const fileName = info.filename;
      stream.on("end", () => {
        uploads.set(req, { name: fileName.slice(0, 255), bytes: Buffer.concat(chunks), tooLarge });
      });
    });
    parser.on("error", () => next(Object.assign(new Error("Malformed upload"), { status: 400 })));
    parser.on("close", () => {
      req.body = body;
      next();
    });
    req.pipe(parser);
  };
}
