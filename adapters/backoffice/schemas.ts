import { z } from 'zod';

/**
 * The request and response bodies of the back-office API, as zod schemas. The router validates
 * with them and the OpenAPI document is generated from them, so the two cannot drift apart.
 */

export interface PhotoLimits {
  /** Most photos in one inspection report. */
  maxPhotos: number;
  /** Largest photo, in bytes once decoded. */
  maxPhotoBytes: number;
}

/** Ids chosen by the callers (event ids, references): visible ASCII, no spaces. */
const token = (max: number) =>
  z.string().min(1).max(max).regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only, no spaces');
/** Short free text (notes, reasons): no control characters but newlines and tabs. */
const text = (max: number, whenMissing?: string) =>
  z
    .string(whenMissing ? { error: issue => (issue.input === undefined ? whenMissing : undefined) } : undefined)
    .min(1)
    .max(max).regex(/^[^\x00-\x08\x0b-\x1f\x7f]*$/, 'no control characters');

const eventId = token(128).describe(
  "The caller's own id for this event. An event id already applied is acknowledged (duplicate: true) and not applied again, so a retry is always safe.",
);

/** Characters of base64 that encode at most `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Bytes a (valid, padded) base64 string decodes to, without decoding it. */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

export const PARCEL_STATUSES = ['picked_up', 'in_transit', 'exception', 'delivered'] as const;

/** Builds every schema for the given photo limits, and the registry the OpenAPI document lists. */
export function backofficeSchemas(limits: PhotoLimits) {
  const parcelEvent = z.strictObject({
    eventId,
    status: z.enum(PARCEL_STATUSES).describe('picked_up and in_transit: on its way; exception: the courier reports a problem; delivered: signed for at our warehouse.'),
    trackingNumber: token(64).optional(),
    note: text(500).optional(),
    at: z.iso.datetime({ offset: true }).optional().describe("When the courier scanned the parcel (ISO 8601 with offset). Default: when the report arrives."),
  });

  const photo = z.strictObject({
    name: z.string().min(1).max(200).regex(/^[^\x00-\x1f\x7f/\\]+$/, 'a file name without slashes or control characters'),
    contentBase64: z
      .base64('must be standard base64 (A-Z a-z 0-9 + /, padded with =, no line breaks)')
      .min(1, 'must not be empty')
      .max(base64Length(limits.maxPhotoBytes), `must be at most ${limits.maxPhotoBytes} bytes once decoded`)
      .refine(base64 => decodedLength(base64) <= limits.maxPhotoBytes, `must be at most ${limits.maxPhotoBytes} bytes once decoded`)
      .describe(`The image's bytes in base64; at most ${limits.maxPhotoBytes} bytes once decoded.`),
  });

  const inspectionCommon = {
    eventId,
    photos: z.array(photo).max(limits.maxPhotos).default([]).describe(`Up to ${limits.maxPhotos} photos, kept as evidence.`),
  };
  const inspectionReport = z.discriminatedUnion('result', [
    z.strictObject({
      ...inspectionCommon,
      result: z.literal('passed'),
      disposition: z.enum(['restock', 'factory_repair']).optional().describe('What happens to the goods: back to stock, or to the factory for repair.'),
      reason: text(1000).optional(),
    }),
    z.strictObject({
      ...inspectionCommon,
      result: z.literal('failed'),
      reason: text(1000, 'required when result is "failed"').describe('Why the goods failed inspection; the customer is told.'),
    }),
  ]);

  const refund = z.strictObject({
    eventId,
    amountCents: z.int().min(1, 'must be a positive number of cents').max(1_000_000_000).describe('Amount refunded, in cents (fen).'),
    reference: token(100).describe("The payment system's reference for the refund."),
  });

  const replacement = z.strictObject({
    eventId,
    trackingNumber: token(64),
    carrier: text(64),
  });

  const applied = z.strictObject({
    status: z.string().describe("The case's status after the event."),
    duplicate: z.boolean().describe('true when this event id had already been applied: nothing changed this time.'),
  });

  const caseDetail = z.strictObject({
    case: z.looseObject({ id: z.string(), status: z.string(), orderId: z.string(), createdAt: z.string(), updatedAt: z.string() }),
    history: z.array(z.looseObject({ from: z.string().nullable(), to: z.string(), actor: z.string(), note: z.string(), at: z.string() })),
    pendingTimers: z.array(z.strictObject({ kind: z.string(), dueAt: z.string() })),
  });

  const error = z.looseObject({
    error: z.enum(['invalid_json', 'invalid_body', 'unauthorized', 'forbidden', 'not_found', 'illegal_transition', 'invalid_event', 'too_large', 'bad_request', 'internal']),
    detail: z.string().optional(),
  });
  const invalidBody = z.strictObject({
    error: z.literal('invalid_body'),
    fields: z.array(z.strictObject({ field: z.string().describe('Dotted path, e.g. photos.0.contentBase64; "(body)" for the body itself.'), message: z.string() })),
  });
  const forbidden = z.strictObject({ error: z.literal('forbidden'), scope: z.string().describe('The scope this route needs.') });

  const registry = z.registry<{ id: string; description?: string }>();
  const named = {
    ParcelEvent: parcelEvent,
    InspectionReport: inspectionReport,
    Photo: photo,
    Refund: refund,
    Replacement: replacement,
    Applied: applied,
    CaseDetail: caseDetail,
    Error: error,
    InvalidBody: invalidBody,
    Forbidden: forbidden,
  };
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });

  return { parcelEvent, inspectionReport, refund, replacement, registry };
}

export type BackofficeSchemas = ReturnType<typeof backofficeSchemas>;

/** One `{ field, message }` per problem, unknown keys named one by one. */
export function fieldProblems(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.flatMap(issue => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') return issue.keys.map(key => ({ field: [...at, key].join('.'), message: 'unknown field' }));
    return [{ field: at.length > 0 ? at.join('.') : '(body)', message: issue.message }];
  });
}

/** Per-parse messages: "required" rather than zod's "expected string, received undefined". */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(body, {
    error: issue => (issue.code === 'invalid_type' && issue.input === undefined ? (issue.path?.length ? 'required' : 'expected a JSON object') : undefined),
  });
}
