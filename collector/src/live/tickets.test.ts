import { describe, expect, it } from 'vitest';
import { issueTicket, readTicket } from './tickets.js';

describe('stream tickets', () => {
  const now = 1_000_000;

  it('round-trips the claims until the ticket expires', () => {
    const ticket = issueTicket('secret', { site: 'shop', expiresAt: now + 60_000 });
    expect(readTicket('secret', ticket, now)).toEqual({ site: 'shop', expiresAt: now + 60_000 });
    expect(readTicket('secret', ticket, now + 60_001)).toBeNull();
    const shared = issueTicket('secret', { site: 'shop', expiresAt: now + 1, share: 'abc' });
    expect(readTicket('secret', shared, now)?.share).toBe('abc');
  });

  it('rejects tickets signed with another token, altered, or malformed', () => {
    const ticket = issueTicket('secret', { site: 'shop', expiresAt: now + 60_000 });
    expect(readTicket('other', ticket, now)).toBeNull();
    const [, mac] = ticket.split('.');
    const forged = `${Buffer.from(JSON.stringify({ s: 'other-shop', e: now + 60_000 })).toString('base64url')}.${mac}`;
    expect(readTicket('secret', forged, now)).toBeNull();
    for (const junk of ['', '.', 'a.b', `${ticket}.x`, 'secret'])
      expect(readTicket('secret', junk, now)).toBeNull();
  });
});
