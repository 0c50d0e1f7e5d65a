/** Alert rules: add, list with their states, remove. The collector token only. */
import { MAX_RULES_PER_SITE } from '../../alerts/constants.js';
import { answer, json, NO_STORE, shared, siteQuery } from '../parts.js';
import { COLLECTOR } from '../security.js';

const SHARE_REFUSED = answer(
  'a share token: share links cannot manage alerts (a webhook makes the server send requests)',
  'Error',
);

export const alertPaths = () => ({
  '/api/alerts': {
    post: {
      operationId: 'addAlert',
      tags: ['alerts'],
      summary: 'Add an alert rule to a site',
      description:
        'The evaluator checks every rule every `CARTPULSE_ALERT_INTERVAL_MS` (15 s) and posts to its webhook ' +
        'when an episode starts (`firing`) and ends (`resolved`); the payloads, the `X-Cartpulse-Signature` ' +
        'header and what each kind measures are in docs/protocol.md, "Alerts".',
      security: COLLECTOR,
      requestBody: { required: true, content: json('AlertRuleInput') },
      responses: {
        201: answer('added: the rule with its id and defaults', 'AlertRule', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        403: SHARE_REFUSED,
        404: answer('no such site: `{"error": "unknown site: <id>"}`', 'Error'),
        409: answer(`the site has ${MAX_RULES_PER_SITE} rules already`, 'Error'),
        503: shared('Unavailable'),
      },
    },
    get: {
      operationId: 'listAlerts',
      tags: ['alerts'],
      summary: 'Alert rules with their states (ok, firing, failing), oldest first',
      security: COLLECTOR,
      parameters: [{ ...siteQuery("only this site's rules"), required: false }],
      responses: {
        200: answer('the rules', 'AlertList', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        403: SHARE_REFUSED,
        503: shared('Unavailable'),
      },
    },
  },
  '/api/alerts/{id}': {
    delete: {
      operationId: 'removeAlert',
      tags: ['alerts'],
      summary: 'Remove an alert rule and its state (notifications still waiting are dropped)',
      security: COLLECTOR,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: answer('removed', 'DeletedAlert', NO_STORE),
        401: shared('Unauthorized'),
        403: SHARE_REFUSED,
        404: answer('no such rule: `{"error": "unknown alert: <id>"}`', 'Error'),
        503: shared('Unavailable'),
      },
    },
  },
});
