/**
 * A real SMTP server for tests (`smtp-server`), on 127.0.0.1 with a random port: STARTTLS with a self-signed
 * certificate generated per run (openssl), AUTH PLAIN/LOGIN only after STARTTLS, and every accepted message
 * recorded (envelope, TLS and login facts, raw text, and fields parsed with `mailparser`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';

export interface ReceivedMessage {
  envelope: { from: string; to: string[] };
  /** Whether the session had switched to TLS (STARTTLS) before the message. */
  secure: boolean;
  /** User name the client logged in with, or null. */
  user: string | null;
  raw: string;
  subject: string | undefined;
  from: string | undefined;
  to: string[];
  cc: string[];
  replyTo: string[];
  text: string | undefined;
  html: string | undefined;
  contentType: string;
}

export interface SmtpServerOptions {
  /** Accepted logins (default `{ 'sender@example.com': 'secret' }`). */
  users?: Record<string, string>;
  /** Refuse mail from clients that did not log in (default false). */
  requireAuth?: boolean;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** PEM file of the self-signed certificate (it is its own CA). */
  caFile: string;
  users: Record<string, string>;
  /** Messages received so far, oldest first. */
  messages: ReceivedMessage[];
  /** Resolves once `n` messages have been received. */
  waitForMessages(n: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  stop(): Promise<void>;
}

/** Starts the server (see module comment). */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const users = options.users ?? { 'sender@example.com': 'secret' };
  const dir = mkdtempSync(join(tmpdir(), 'tram-smtp-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { stdio: 'ignore' },
  );
  const messages: ReceivedMessage[] = [];
  const waiters: (() => void)[] = [];

  const server = new SMTPServer({
    secure: false,
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: false,
    authOptional: !options.requireAuth,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username && users[auth.username] !== undefined && users[auth.username] === auth.password) {
        cb(null, { user: auth.username });
      } else {
        cb(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        const list = (a: AddressObject | AddressObject[] | undefined) =>
          (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));
        messages.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          secure: session.secure,
          user: (session.user as string | undefined) ?? null,
          raw,
          subject: parsed.subject,
          from: parsed.from?.value[0]?.address,
          to: list(parsed.to),
          cc: list(parsed.cc),
          replyTo: list(parsed.replyTo),
          text: parsed.text,
          html: typeof parsed.html === 'string' ? parsed.html : undefined,
          contentType: String(parsed.headers.get('content-type') && (parsed.headers.get('content-type') as { value: string }).value),
        });
        for (const w of waiters.splice(0)) w();
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    caFile: certFile,
    users,
    messages,
    waitForMessages(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`expected ${n} messages, got ${messages.length}`)), timeoutMs);
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(t);
            resolve(messages);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
