/** The live numbers of one site: the snapshot, the stream ticket, the Server-Sent Events stream. */
import { answer, filterQuery, NO_STORE, shared, siteQuery } from '../parts.js';
import { READER } from '../security.js';

export const livePaths = () => ({
  '/api/realtime': {
    get: {
      operationId: 'getRealtime',
      tags: ['live'],
      summary: "A snapshot of a site's live windows",
      security: READER,
      parameters: [siteQuery(), filterQuery()],
      responses: {
        200: answer('the snapshot (docs/protocol.md explains each number)', 'Snapshot', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        403: shared('Forbidden'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/stream/ticket': {
    post: {
      operationId: 'issueStreamTicket',
      tags: ['live'],
      summary: "A 60-second ticket that opens one site's stream",
      description: 'For browsers, whose EventSource cannot send an `Authorization` header.',
      security: READER,
      parameters: [siteQuery()],
      responses: {
        200: answer('the ticket', 'StreamTicket', NO_STORE),
        400: shared('BadRequest'),
        401: shared('Unauthorized'),
        403: shared('Forbidden'),
        503: shared('Unavailable'),
      },
    },
  },
  '/api/stream': {
    get: {
      operationId: 'openStream',
      tags: ['live'],
      summary: 'The snapshot as Server-Sent Events',
      description:
        'Messages: `snapshot` (data: a Snapshot) on connect and whenever the numbers change, at most 4 a ' +
        'second; `unchanged` (data: `{"at": <epoch ms>}`) after 5 s without change; a `: heartbeat` ' +
        'comment every 15 s. Each `id` is a content version: resuming with it answers `unchanged` ' +
        'instead of the whole snapshot. The stream stays open until the client leaves.',
      security: [...READER, { streamTicket: [] }],
      parameters: [
        siteQuery(),
        filterQuery(),
        {
          name: 'lastEventId',
          in: 'query',
          required: false,
          description: 'the last `id` seen, for a new EventSource (same as `Last-Event-ID`)',
          schema: { type: 'string' },
        },
        {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description: 'the last `id` seen; EventSource sends it when it reconnects',
          schema: { type: 'string' },
        },
      ],
      responses: {
        200: {
          description: 'the event stream',
          content: {
            'text/event-stream': {
              schema: { type: 'string' },
              example: `retry: 2000\n\nevent: snapshot\nid: 3kq0cX1vZb2Lr8Qe\ndata: {"site":"demo-shop",...}\n\n`,
            },
          },
        },
        400: shared('BadRequest'),
        401: answer('no token, a wrong one, or an expired ticket', 'Error'),
        403: shared('Forbidden'),
        503: shared('Unavailable'),
      },
    },
  },
});
