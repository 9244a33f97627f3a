import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Understander } from './understanding.js';
import { NlpUnderstander } from '../dialogs/understanding/nlp/nlp-understander.js';

/**
 * The understanding engine the settings choose: NLP.js offline, or a language model in front of
 * it. LangChain and the provider's package are loaded only when a model is configured.
 */
export async function createUnderstander(config: Pick<Config, 'llm'>, logger?: Logger): Promise<Understander> {
  const offline = await NlpUnderstander.create();
  const llm = config.llm ?? { provider: 'none' };
  switch (llm.provider) {
    case 'none':
      return offline;
    case 'openai': {
      const { openAiChatModel } = await import('../dialogs/understanding/llm/chat-model.js');
      const { LlmUnderstander } = await import('../dialogs/understanding/llm/llm-understander.js');
      return new LlmUnderstander({
        model: openAiChatModel(llm),
        offline,
        timeoutMs: llm.timeoutMs,
        onFallback: (reason, detail) => logger?.warn({ reason, detail, provider: llm.provider, model: llm.model }, 'language model not used: offline understanding answered'),
      });
    }
  }
}
