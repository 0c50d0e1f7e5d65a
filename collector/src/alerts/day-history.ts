/**
 * The hours drop and spike compare, read from the day rollups the consumer keeps (windows/days.ts):
 * `<prefix>day:<site>:<date>` in the site's partition, fields `<metric>@<hour>`, kept 8 days. A read
 * writes nothing; one HGETALL per hour asked (a day hash holds a few hundred fields at most).
 */
import { partitionKeys, partitionOf } from '../keys.js';
import type { RedisClient } from '../redis/client.js';
import type { HourFields, HourlyHistory } from './history.js';

export interface DayHistorySettings {
  keyPrefix: string;
  partitions: number;
}

export function dayHistory(redis: RedisClient, { keyPrefix, partitions }: DayHistorySettings): HourlyHistory {
  return {
    async hour(site, date, hour) {
      const { prefix } = partitionKeys(keyPrefix, partitionOf(site, partitions));
      const day = await redis.hgetall(`${prefix}day:${site}:${date}`);
      const suffix = `@${hour}`;
      let found = false;
      const fields: HourFields = {};
      for (const [field, value] of Object.entries(day)) {
        found = true;
        if (field.endsWith(suffix)) fields[field.slice(0, -suffix.length)] = Number(value);
      }
      return found ? fields : undefined;
    },
  };
}
