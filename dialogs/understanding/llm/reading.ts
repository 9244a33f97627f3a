import { z } from 'zod';
import { INTENTS } from '../../../bot/understanding.js';

/**
 * What the language model is asked to return: what the message is about and the customer's own
 * words for things the deterministic extractors cannot read. Numbers, dates and identifiers are
 * not asked for: the extractors read those, and a model must not guess them.
 */
const readingSchema = z.object({
  intent: z.enum(INTENTS),
  /** For damaged_or_defective: physically broken, or does not work. */
  damage: z.enum(['broken', 'not_working']).nullish(),
  /** The shop's items the customer means, as the catalogue names them. */
  items: z.array(z.string()).nullish(),
  /** What the customer says they want; the return rules decide what they get. */
  wish: z.enum(['refund', 'exchange', 'reship']).nullish(),
  /** The customer says the parcel or outer box arrived damaged (true) or intact (false). */
  parcelDamaged: z.boolean().nullish(),
  /** Anger or abuse strong enough to hand the conversation to a person. */
  upset: z.boolean().nullish(),
});

export type Reading = z.infer<typeof readingSchema>;

/** The model's answer as a Reading, or why it is not one. A JSON object may come wrapped in prose or a code fence. */
export function parseReading(answer: string): { reading: Reading } | { invalid: string } {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start < 0 || end < start) return { invalid: 'no JSON object in the answer' };
  let json: unknown;
  try {
    json = JSON.parse(answer.slice(start, end + 1));
  } catch (error) {
    return { invalid: `not JSON: ${(error as Error).message}` };
  }
  const parsed = readingSchema.safeParse(json);
  return parsed.success ? { reading: parsed.data } : { invalid: parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
}
