import { z } from 'zod';

/** Longest notice per language: a chat message, not a letter. */
const MAX_NOTICE_CHARS = 500;
/** Largest coupon (cents) or points a preset may give: a typo must not hand out a fortune. */
const MAX_COMPENSATION = 100_000;

const scopeValue = z.string({ error: 'is required' }).trim().min(1, 'is required').max(64, 'must be at most 64 characters');

export const crisisScopeSchema = z.strictObject({
  kind: z.enum(['batch', 'product', 'supplier'], { error: 'must be batch, product or supplier' }),
  value: scopeValue,
});

const noticeText = z.string({ error: 'is required' }).trim().min(1, 'is required')
  .max(MAX_NOTICE_CHARS, `must be at most ${MAX_NOTICE_CHARS} characters`);

/** What an operator sends to open a crisis; every field is checked before anything is stored. */
export const openCrisisSchema = z.strictObject({
  scope: crisisScopeSchema,
  preset: z.strictObject({
    outcome: z.enum(['refund', 'exchange', 'reship'], { error: 'must be refund, exchange or reship' }),
    returnRequired: z.boolean({ error: 'must be true or false' }),
    compensation: z.strictObject({
      kind: z.enum(['coupon', 'points'], { error: 'must be coupon or points' }),
      amount: z.int({ error: 'must be a whole number (cents for a coupon)' }).min(1, 'must be at least 1')
        .max(MAX_COMPENSATION, `must be at most ${MAX_COMPENSATION}`),
    }).nullable().default(null),
  }),
  notice: z.strictObject({ 'zh-Hans': noticeText, 'zh-Hant': noticeText, en: noticeText }),
});

export type OpenCrisisInput = z.output<typeof openCrisisSchema>;
