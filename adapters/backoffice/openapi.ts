import { z } from 'zod';
import type { BackofficeSchemas, PhotoLimits } from './schemas.js';

/**
 * The OpenAPI 3.1 description of the back-office API: component schemas generated from the very
 * zod schemas the router validates with, paths written here next to the scopes they need.
 */
export function openApiDocument(schemas: BackofficeSchemas, limits: PhotoLimits & { maxBodyBytes: number; smallBodyBytes: number }): Record<string, unknown> {
  const generated = z.toJSONSchema(schemas.registry, { io: 'input', uri: id => `#/components/schemas/${id}` }).schemas;
  const components = Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );

  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  const json = (id: string) => ({ content: { 'application/json': { schema: ref(id) } } });
  const caseId = {
    name: 'caseId',
    in: 'path',
    required: true,
    description: 'The case number the customer was given, e.g. RB-20261120-0001.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' },
  };
  const refusals = {
    '400': { description: 'Invalid JSON, or a body that does not fit the schema (every field named).', ...json('InvalidBody') },
    '401': { description: 'No key, or an unknown key.', ...json('Error') },
    '404': { description: 'No such case (or parcel).', ...json('Error') },
  };
  const eventResponses = {
    '200': { description: 'Applied; or already applied before under this eventId (duplicate: true), and not applied again.', ...json('Applied') },
    ...refusals,
    '403': { description: "The key's scope does not allow this route.", ...json('Forbidden') },
    '409': { description: 'The case cannot take this step from where it stands (e.g. a refund before inspection).', ...json('Error') },
    '413': { description: 'The body is too large.', ...json('Error') },
    '422': { description: 'Well-formed, but the bot refuses the event (detail says why).', ...json('Error') },
  };
  const eventOperation = (operationId: string, summary: string, scope: string, body: string, description: string) => ({
    post: {
      operationId,
      summary,
      description: `${description}\n\nScope: **${scope}**.`,
      tags: [scope],
      security: [{ bearer: [] }],
      parameters: [caseId],
      requestBody: { required: true, ...json(body) },
      responses: eventResponses,
    },
  });

  return {
    openapi: '3.1.0',
    info: {
      title: 'returnbot back-office API',
      version: '1',
      description:
        'For the systems around the bot: the courier reports the return parcel, the warehouse its inspection and the replacement it ships, ' +
        'operations the refunds; any of them looks a case up. Each caller has its own key (`Authorization: Bearer <key>`) with one scope: ' +
        'courier, warehouse or operations. Every event carries the caller\'s own `eventId`: sending it again is safe, it is acknowledged ' +
        `and not applied twice. Bodies: JSON, at most ${limits.smallBodyBytes} bytes (inspection reports with photos: ${limits.maxBodyBytes} bytes, ` +
        `${limits.maxPhotos} photos of at most ${limits.maxPhotoBytes} bytes each).`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A key made with `npm run backoffice:key -- <scope>`.' } },
      schemas: components,
    },
    security: [{ bearer: [] }],
    paths: {
      '/parcels/{caseId}/events': eventOperation('reportParcel', "The return parcel's tracking status", 'courier', 'ParcelEvent', 'Picked up, in transit, an exception, delivered to our warehouse.'),
      '/cases/{caseId}/inspection': eventOperation('reportInspection', "The warehouse's inspection of the returned goods", 'warehouse', 'InspectionReport', 'Passed (restock or factory repair) or failed (with the reason the customer is told), with photos kept as evidence.'),
      '/cases/{caseId}/refund': eventOperation('reportRefund', 'A refund was paid', 'operations', 'Refund', 'The amount and the payment reference.'),
      '/cases/{caseId}/replacement': eventOperation('reportReplacement', 'A replacement was shipped', 'warehouse', 'Replacement', "The replacement's tracking number and carrier."),
      '/cases/{caseId}': {
        get: {
          operationId: 'getCase',
          summary: 'A case, its history and its pending timers',
          description: 'Scope: any.',
          tags: ['cases'],
          security: [{ bearer: [] }],
          parameters: [caseId],
          responses: { '200': { description: 'The case.', ...json('CaseDetail') }, ...refusals },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          tags: ['meta'],
          security: [],
          responses: { '200': { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}
