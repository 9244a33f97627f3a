import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Understander, Understanding, UnderstandingContext } from '../../../bot/understanding.js';
import { FactReader } from '../facts.js';
import { normalize } from '../script.js';
import { mergeReading } from './merge.js';
import { promptFor } from './prompt.js';
import { parseReading, type Reading } from './reading.js';

/** Why the model's answer was not used. */
export type FallbackReason = 'timeout' | 'error' | 'invalid';

export interface LlmUnderstanderOptions {
  /** Any LangChain chat model: a provider's in production, a fake one in tests. */
  model: BaseChatModel;
  /** The offline engine: it reads every fact, and answers alone whenever the model cannot. */
  offline: Understander;
  timeoutMs: number;
  /** Told each time the offline engine answers alone, and why. */
  onFallback?: (reason: FallbackReason, detail: string) => void;
}

class ModelTimeout extends Error {}

/**
 * Understanding through a language model (LangChain), where one is configured. The model only
 * extracts: its JSON answer is checked against a zod schema and laid over the offline
 * understanding, computed alongside, which answers alone on a timeout, an error or an invalid answer.
 */
export class LlmUnderstander implements Understander {
  private readonly facts = new FactReader();

  constructor(private readonly options: LlmUnderstanderOptions) {}

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const [offline, answer] = await Promise.all([this.options.offline.understand(text, context), this.ask(text, context)]);
    if ('reading' in answer) return mergeReading(offline, answer.reading, this.itemSkus(answer.reading, context));
    this.options.onFallback?.(answer.reason, answer.detail);
    return offline;
  }

  private async ask(text: string, context: UnderstandingContext): Promise<{ reading: Reading } | { reason: FallbackReason; detail: string }> {
    const { model, timeoutMs } = this.options;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new ModelTimeout(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const message = await Promise.race([model.invoke(promptFor(text, context.products), { signal: abort.signal }), timeout]);
      const parsed = parseReading(message.text);
      return 'reading' in parsed ? parsed : { reason: 'invalid', detail: parsed.invalid };
    } catch (error) {
      return { reason: error instanceof ModelTimeout ? 'timeout' : 'error', detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The catalogue items the model recognised, matched by our own matcher so no unknown SKU gets in. */
  private itemSkus(reading: Reading, context: UnderstandingContext): string[] {
    return (reading.items ?? []).flatMap(item => this.facts.skus(normalize(item), context.products));
  }
}
