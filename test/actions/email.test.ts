import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../hosts/smtp-server';
import { createEmailActions } from '../../activities/email/index';
import { ActionError, type ActionImpl } from '../../activities/types';
import { errorOf, testContext } from './context';

let smtp: TestSmtpServer;
let email: ActionImpl;

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { 'ops@example.com': 's3cret' } });
  [email] = createEmailActions({ caFile: smtp.caFile, insecure: false, timeoutMs: 5000 });
});

afterAll(async () => {
  await smtp?.stop();
});

const server = () => `${smtp.host}:${smtp.port}`;

describe('std.email against a real SMTP server', () => {
  it('sends over STARTTLS with login as from_addr; To/Cc in headers, Bcc only in the envelope', async () => {
    const before = smtp.messages.length;
    const result = await email.run(
      {
        from_addr: 'ops@example.com',
        to_addrs: ['alice@example.com', 'bob@example.com'],
        cc_addrs: ['carol@example.com'],
        bcc_addrs: ['dave@example.com'],
        reply_to: ['noreply@example.com'],
        smtp_server: server(),
        smtp_password: 's3cret',
        subject: 'Linux kernel on tenant VMs successfully updated',
        body: 'Number of updated VMs: 2\n\n-- Thanks',
      },
      testContext().ctx,
    );
    expect(result).toBeNull();
    const [m] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(m!.secure).toBe(true);
    expect(m!.user).toBe('ops@example.com');
    expect(m!.envelope.from).toBe('ops@example.com');
    expect(m!.envelope.to).toEqual(['carol@example.com', 'dave@example.com', 'alice@example.com', 'bob@example.com']);
    expect(m!.to).toEqual(['alice@example.com', 'bob@example.com']);
    expect(m!.cc).toEqual(['carol@example.com']);
    expect(m!.replyTo).toEqual(['noreply@example.com']);
    expect(m!.raw).not.toMatch(/dave@example\.com/);
    expect(m!.subject).toBe('Linux kernel on tenant VMs successfully updated');
    expect(m!.text?.trim()).toBe('Number of updated VMs: 2\n\n-- Thanks');
  });

  it('uses "<No subject>" and "<No body>" by default, and plain SMTP without a password', async () => {
    const before = smtp.messages.length;
    await email.run({ from_addr: 'a@example.com', to_addrs: ['b@example.com'], smtp_server: server() }, testContext().ctx);
    const [m] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(m!.subject).toBe('<No subject>');
    expect(m!.text?.trim()).toBe('<No body>');
    expect(m!.secure).toBe(false);
    expect(m!.user).toBeNull();
  });

  it('sends multipart/alternative with html_body', async () => {
    const before = smtp.messages.length;
    await email.run(
      { from_addr: 'a@example.com', to_addrs: ['b@example.com'], smtp_server: server(), body: 'plain text', html_body: '<p>rich <b>text</b></p>' },
      testContext().ctx,
    );
    const [m] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(m!.contentType).toBe('multipart/alternative');
    expect(m!.text?.trim()).toBe('plain text');
    expect(m!.html).toContain('<p>rich <b>text</b></p>');
  });

  it('accepts a comma-separated string for to_addrs', async () => {
    const before = smtp.messages.length;
    await email.run({ from_addr: 'a@example.com', to_addrs: 'x@example.com, y@example.com', smtp_server: server() }, testContext().ctx);
    const [m] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(m!.envelope.to).toEqual(['x@example.com', 'y@example.com']);
  });

  it('a wrong password fails with "Failed to send an email message: ..."', async () => {
    const e = await errorOf(
      email.run(
        { from_addr: 'ops@example.com', to_addrs: ['b@example.com'], smtp_server: server(), smtp_password: 'wrong' },
        testContext().ctx,
      ),
    );
    expect(e).toBeInstanceOf(ActionError);
    expect(e.message).toMatch(new RegExp(`^Failed to send an email message: authentication failed on ${server().replace(/\./g, '\\.')}: `));
    expect(e.retryable).toBe(false);
  });

  it('an untrusted certificate is refused by default, accepted with the insecure setting', async () => {
    const [strict] = createEmailActions({ caFile: null, insecure: false, timeoutMs: 5000 });
    const input = { from_addr: 'ops@example.com', to_addrs: ['b@example.com'], smtp_server: server(), smtp_password: 's3cret' };
    const e = await errorOf(strict!.run(input, testContext().ctx));
    expect(e.message).toMatch(/^Failed to send an email message: TLS certificate of 127\.0\.0\.1:\d+ not trusted .*TRAMONTANE_SMTP_CA_FILE/);
    const [insecure] = createEmailActions({ caFile: null, insecure: true, timeoutMs: 5000 });
    expect(await insecure!.run(input, testContext().ctx)).toBeNull();
  });

  it('an unreachable server is a retryable error', async () => {
    const e = await errorOf(email.run({ from_addr: 'a@example.com', to_addrs: ['b@example.com'], smtp_server: '127.0.0.1:1' }, testContext().ctx));
    expect(e.message).toBe('Failed to send an email message: connection refused by 127.0.0.1:1');
    expect(e.retryable).toBe(true);
  });
});
