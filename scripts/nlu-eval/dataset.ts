import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INTENTS } from '../../bot/understanding.js';

/** One labelled line of an evaluation file (shared/spec/intent-labels.md); other fields are ignored. */
const exampleSchema = z.object({
  text: z.string(),
  lang: z.enum(['en', 'zh']),
  intent: z.enum(INTENTS),
  order: z.string().min(1).optional(),
});

export type Example = z.infer<typeof exampleSchema>;

/** Reads a JSONL file; a bad line is reported with its number, not skipped. */
export function readExamples(file: string): Example[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = exampleSchema.safeParse(parseJson(line));
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues.map(issue => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ')}`);
      return parsed.data;
    });
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
