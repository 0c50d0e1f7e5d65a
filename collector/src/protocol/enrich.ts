/**
 * What the collector adds to an accepted request for the breakdowns, from the request itself: the
 * client's country, device, browser and OS (from the IP and User-Agent, neither of which is stored), and
 * where each page view came from (from its full URL and referrer).
 */
import { classifyTraffic, countryOf, deviceOf } from '../attribution/index.js';
import type { EventTraffic, StoredClient } from './stored-event.js';

export function clientOf(ip: string | undefined, userAgent: string | undefined): StoredClient {
  const client: StoredClient = { ...deviceOf(userAgent) };
  const country = countryOf(ip);
  if (country !== undefined) client.country = country;
  return client;
}

export function trafficOf(url: string | undefined, referrer: string | undefined): EventTraffic {
  const { channel, source, campaign, tagged } = classifyTraffic(url, referrer);
  return tagged ? { channel, source, campaign, tagged } : { channel, source, campaign };
}
