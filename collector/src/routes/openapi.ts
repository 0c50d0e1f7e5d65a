/**
 * `GET /openapi.json`: an OpenAPI 3.1 description of every endpoint of the collector, for generated
 * clients and API fuzzers. Public (it holds nothing that the source does not), cached for 5 minutes.
 *
 * The document is assembled in `../openapi/`: bodies are converted from the valibot schemas the routes
 * validate with, so it follows the wire protocol by construction. `openapi.test.ts` checks that every
 * route the app registers is described there, and the other way round.
 */
import { Hono } from 'hono';
import { openapiDocument } from '../openapi/document.js';

export { openapiDocument };

export function openapiRoutes() {
  const app = new Hono();
  let body: string | undefined;
  app.get('/openapi.json', (c) => {
    body ??= JSON.stringify(openapiDocument());
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });
  return app;
}
