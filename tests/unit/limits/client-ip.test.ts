import { describe, expect, it } from 'vitest';
import { clientKey, UNKNOWN_CLIENT } from '@/lib/limits/client-ip';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe('clientKey', () => {
  it('ignores every address header unless one is configured as trusted', () => {
    const spoofed = headers({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' });
    expect(clientKey(spoofed, undefined)).toBe(UNKNOWN_CLIENT);
  });

  it('reads only the configured header', () => {
    const request = headers({ 'x-real-ip': '203.0.113.8', 'x-forwarded-for': '198.51.100.1' });
    expect(clientKey(request, 'x-real-ip')).toBe('203.0.113.8');
    expect(clientKey(request, 'cf-connecting-ip')).toBe(UNKNOWN_CLIENT);
  });

  it('takes the last entry of a list, the one the trusted proxy appended', () => {
    const request = headers({ 'x-forwarded-for': '10.0.0.1, 6.6.6.6, 203.0.113.9' });
    expect(clientKey(request, 'x-forwarded-for')).toBe('203.0.113.9');
  });

  it('counts IPv6 clients per /64 and unwraps IPv4-mapped addresses', () => {
    expect(clientKey(headers({ 'x-real-ip': '2001:db8:1:2:aaaa::1' }), 'x-real-ip')).toBe('2001:db8:1:2::/64');
    expect(clientKey(headers({ 'x-real-ip': '2001:0db8:0001:0002:ffff:1:2:3' }), 'x-real-ip')).toBe('2001:db8:1:2::/64');
    expect(clientKey(headers({ 'x-real-ip': '2001:db8::9' }), 'x-real-ip')).toBe('2001:db8:0:0::/64');
    expect(clientKey(headers({ 'x-real-ip': '[::ffff:192.0.2.4]' }), 'x-real-ip')).toBe('192.0.2.4');
  });

  it('treats junk as an unknown client instead of a budget of its own', () => {
    for (const value of ['', 'not-an-ip', 'x'.repeat(100), '1.2.3.4; drop', '999.1.1.1', 'abc:def', '1:2:3:4:5:6:7:8:9', 'zz::1']) {
      expect(clientKey(headers({ 'x-real-ip': value }), 'x-real-ip')).toBe(UNKNOWN_CLIENT);
    }
  });
});
