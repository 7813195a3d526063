/**
 * What people see of secrets in the Web UI (codec server) and logs: values of secret-looking keys become `***` at any
 * depth, and `key: secret` patterns inside text (definition YAML, error messages, reprs) lose their value.
 */
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactText, redactValue, secretsInText } from '../../workers/redact';

describe('isSecretKey', () => {
  it('recognises the secret parameters of Mistral actions and OpenStack credentials, case-insensitively', () => {
    for (const k of ['password', 'smtp_password', 'PASSWORD', 'passwd', 'private_key', 'admin_pass', 'api_key', 'apiKey', 'X-Auth-Token',
      'token', 'application_credential_secret', 'auth', 'Authorization', 'passphrase', 'userdata', 'aws_secret_access_key']) {
      expect([k, isSecretKey(k)]).toEqual([k, true]);
    }
  });

  it('leaves ordinary keys and references to secrets readable', () => {
    for (const k of ['username', 'host', 'private_key_filename', 'smtp_server', 'auth_url', 'passport', 'bypass', 'author',
      'application_credential_id', 'to_addrs']) {
      expect([k, isSecretKey(k)]).toEqual([k, false]);
    }
  });
});

describe('redactValue', () => {
  it('replaces secret values at any depth, whole auth blocks included, and keeps everything else', () => {
    const input = {
      username: 'ubuntu',
      private_key_filename: 'id_rsa',
      email_info: { to_email: 'ops@example.com', smtp_password: 'hunter2' },
      hosts: [{ name: 'h1', Password: 'p1' }, { name: 'h2' }],
      __openstack: { auth_url: 'http://ks:5000/v3', application_credential_secret: 's3' },
      auth: { username: 'admin', password: 'x', project_name: 'p' },
      token: null,
    };
    expect(redactValue(input)).toEqual({
      username: 'ubuntu',
      private_key_filename: 'id_rsa',
      email_info: { to_email: 'ops@example.com', smtp_password: '***' },
      hosts: [{ name: 'h1', Password: '***' }, { name: 'h2' }],
      __openstack: { auth_url: 'http://ks:5000/v3', application_credential_secret: '***' },
      auth: '***',
      token: null,
    });
    expect(input.email_info.smtp_password).toBe('hunter2'); // not modified in place
  });

  it('redacts secrets written inside string values (a definition passed as text)', () => {
    const def = "actions:\n  send_email:\n    base-input:\n      smtp_server: 'localhost'\n      smtp_password: 'SECRET'\n";
    expect(redactValue({ definition: def })).toEqual({
      definition: "actions:\n  send_email:\n    base-input:\n      smtp_server: 'localhost'\n      smtp_password: '***'\n",
    });
  });
});

describe('redactText', () => {
  it.each([
    ["smtp_password: 'SECRET'", "smtp_password: '***'"],
    ['password: "a b c"', 'password: "***"'],
    ['{"password":"abc","user":"u"}', '{"password":"***","user":"u"}'],
    ["{'smtp_password': 'x', 'to': ['a']}", "{'smtp_password': '***', 'to': ['a']}"],
    ['curl -d token=abc123&x=1', 'curl -d token=***&x=1'],
    ['X-Auth-Token: gAAAAB', 'X-Auth-Token: ***'],
    ['https://admin:hunter2@example.com/v3', 'https://admin:***@example.com/v3'],
    ["password: 'it''s'", "password: '***'"],
  ])('%s → %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it('keeps expressions, which name a secret rather than hold it', () => {
    const text = "smtp_password: <% $.email_info.smtp_password %>\npassword: '{{ _.password }}'";
    expect(redactText(text)).toBe(text);
  });

  it('removes YAML block scalars and PEM private keys whole', () => {
    const yaml = 'private_key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEabc\n  -----END RSA PRIVATE KEY-----\nhost: h1';
    expect(redactText(yaml)).toBe('private_key: ***\nhost: h1');
    expect(redactText('key was -----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY----- ok')).toBe(
      'key was -----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY----- ok',
    );
  });

  it('leaves ordinary messages alone', () => {
    const msg = "Failure caused by error in tasks: send_email\n  send_email [task_ex_id=1] -> Failed to send: connection refused by 127.0.0.1:1";
    expect(redactText(msg)).toBe(msg);
  });
});

describe('secretsInText', () => {
  it('lists the secret values written as key/value pairs, unquoted', () => {
    expect(secretsInText("smtp_password: 'SECRET-1'\nuser: bob\ntoken=abc123 password: <% $.p %>")).toEqual(['SECRET-1', 'abc123']);
  });
});
