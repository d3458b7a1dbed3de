// A real SMTP server inside the test process (smtp-server): it accepts mail for anyone,
// keeps what it received, can be stopped and started again on the same port (a mail
// server that is down), and can hold a message's DATA without answering (to kill a sender
// mid-send).
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  to: string[];
  subject: string;
  messageId: string;
  key: string;
  sender: string;
  raw: string;
  text: string;
}

/** RFC 2047 encoded words (what nodemailer writes for a non-ASCII or long subject), decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : "";
}

/** The text/plain part, quoted-printable decoded (enough for these messages). */
function plainText(raw: string): string {
  const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw)?.[1] ?? "";
  return Buffer.from(
    part
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-Fa-f]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
    "latin1",
  ).toString("utf8");
}

export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** While set, DATA is read but never answered: the sender waits, as if mid-send. */
  holdData = false;
  /** Called once a held message has been read (its DATA is in, unanswered). */
  onHeld: (() => void) | undefined;
  private server: SMTPServer | undefined;
  port = 0;

  private create(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      // Plain SMTP on loopback: nodemailer would take STARTTLS when offered, with a self-signed certificate.
      disabledCommands: ["STARTTLS"],
      closeTimeout: 100,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === "mailer" && auth.password === "secret") callback(null, { user: auth.username });
        else callback(new Error("Invalid username or password"));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (this.holdData) {
            this.onHeld?.();
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          this.received.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            subject: header(raw, "Subject"),
            messageId: header(raw, "Message-ID"),
            key: header(raw, "X-SPO-Message-Key"),
            sender: header(raw, "X-SPO-Sender"),
            raw,
            text: plainText(raw),
          });
          callback();
        });
      },
    });
  }

  async start(port = this.port): Promise<void> {
    this.server = this.create();
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://mailer:secret@127.0.0.1:${this.port}`;
  }

  /** Messages to one address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }

  clear(): void {
    this.received.length = 0;
  }
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const server = new TestSmtpServer();
  await server.start(0);
  return server;
}
