/**
 * Reading a shop's webhook payload, which Cartpulse does not control: fields may be missing or of another
 * type, so each reader answers undefined (or an empty list) rather than throw. What the mappings make of
 * a payload is validated afterwards as an `OrderInput` (`orders/schema.ts`), so a payload that maps to a
 * bad order is dead-lettered with the reason, never stored half-read.
 */
import { type CartpulseItem, LIMITS } from '../protocol/schema.js';

/** An order to validate (`orders/schema.ts`) and the event id that makes its replays count once. */
export interface MappedOrder {
  id: string;
  input: Record<string, unknown>;
}

export type Json = Record<string, unknown>;
export const record = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A money string (`"59.90"`) or number as a number; undefined when it is neither. */
export function money(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim()
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Epoch ms of an ISO 8601 time; undefined when there is none (the accept time is used then). */
export function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) && time >= 0 ? time : undefined;
}

/** An id the protocol takes (1–128 characters), or undefined: a bad one is dropped, not the order. */
export function identity(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  return text && text.length <= LIMITS.identityChars ? text : undefined;
}

/** Line items as items, at most the protocol's 50 (the order's value counts in full either way). */
export const items = (lines: unknown, map: (line: unknown) => CartpulseItem | null) =>
  list(lines)
    .map(map)
    .filter((mapped): mapped is CartpulseItem => mapped !== null)
    .slice(0, LIMITS.items);
