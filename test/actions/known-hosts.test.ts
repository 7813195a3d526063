import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { parseKnownHosts, verifyHostKey } from '../../activities/ssh/known-hosts';
import { parseSshAddress } from '../../activities/ssh/address';

const key = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIK0000000000000000000000000000000000000000', 'base64');
const other = Buffer.from('AAAAC3NzaC1lZDI1NTE5AAAAIK1111111111111111111111111111111111111111', 'base64');
const b64 = (b: Buffer) => b.toString('base64');

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdef0123');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts verification', () => {
  it('matches plain, [host]:port, wildcard and hashed entries', () => {
    const entries = parseKnownHosts(
      [
        `10.0.0.1 ssh-ed25519 ${b64(key)}`,
        `[10.0.0.2]:2222 ssh-ed25519 ${b64(key)}`,
        `*.example.com,!bad.example.com ssh-ed25519 ${b64(key)}`,
        `${hashed('10.0.0.3')} ssh-ed25519 ${b64(key)}`,
      ].join('\n'),
    );
    expect(verifyHostKey(entries, '10.0.0.1', 22, key)).toBe('match');
    expect(verifyHostKey(entries, '10.0.0.2', 2222, key)).toBe('match');
    expect(verifyHostKey(entries, '10.0.0.2', 22, key)).toBe('unknown');
    expect(verifyHostKey(entries, 'web.example.com', 22, key)).toBe('match');
    expect(verifyHostKey(entries, 'bad.example.com', 22, key)).toBe('unknown');
    expect(verifyHostKey(entries, '10.0.0.3', 22, key)).toBe('match');
  });

  it('reports a different key as a mismatch and honours @revoked', () => {
    const entries = parseKnownHosts(`10.0.0.1 ssh-ed25519 ${b64(key)}\n@revoked * ssh-ed25519 ${b64(other)}\n`);
    expect(verifyHostKey(entries, '10.0.0.1', 22, other)).toBe('revoked');
    const plain = parseKnownHosts(`10.0.0.1 ssh-ed25519 ${b64(key)}\n`);
    expect(verifyHostKey(plain, '10.0.0.1', 22, other)).toBe('mismatch');
  });
});

describe('SSH host addresses', () => {
  it('parses host, host:port and bracketed IPv6', () => {
    expect(parseSshAddress('10.0.0.5')).toEqual({ host: '10.0.0.5', port: 22 });
    expect(parseSshAddress('vm1:2200')).toEqual({ host: 'vm1', port: 2200 });
    expect(parseSshAddress('[fd00::1]:2200')).toEqual({ host: 'fd00::1', port: 2200 });
    expect(parseSshAddress('fd00::1')).toEqual({ host: 'fd00::1', port: 22 });
  });
});
