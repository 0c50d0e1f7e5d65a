/**
 * valibot → JSON Schema 2020-12 (the dialect of OpenAPI 3.1) with `@valibot/to-json-schema`, and what
 * to do with the parts of a valibot schema that JSON Schema has no word for.
 */
import { type JsonSchema, type OverrideActionContext, toJsonSchemaDefs } from '@valibot/to-json-schema';
import type * as v from 'valibot';

export type Json = Record<string, unknown>;

/**
 * What JSON Schema cannot say. A check becomes a description with its message, in the protocol's own
 * words ("also checked: must be well-formed Unicode"); the event's rules between fields (a check with
 * no message) are described on the Event. Transformations (`trim`, the list query's `Number`) change
 * nothing a client sends, and JSON has no non-finite numbers. Anything else unsupported throws, so
 * that a new schema feature is noticed here instead of silently left out of the document.
 */
function overrideAction({
  valibotAction: action,
  jsonSchema,
}: OverrideActionContext): JsonSchema | undefined {
  if (action.type === 'check' || action.type === 'raw_check') {
    const message = (action as { message?: unknown }).message;
    if (typeof message !== 'string') return jsonSchema;
    const before = typeof jsonSchema.description === 'string' ? `${jsonSchema.description}; ` : '';
    return { ...jsonSchema, description: `${before}also checked: ${message}` };
  }
  if (action.type === 'trim' || action.type === 'transform' || action.type === 'finite') return jsonSchema;
  return undefined;
}

/** JSON Schema 2020-12, the dialect of OpenAPI 3.1; named schemas are referenced as components. */
export const convert = (definitions: Record<string, v.GenericSchema>) =>
  toJsonSchemaDefs(definitions, {
    target: 'draft-2020-12',
    overrideAction,
    overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
  }) as Record<string, Json>;
