import { ChatOpenAI } from '@langchain/openai';

export interface OpenAiSettings {
  model: string;
  apiKey: string | undefined;
  /** Any server speaking the OpenAI chat API; OpenAI's own when absent. */
  baseUrl: string | undefined;
  timeoutMs: number;
}

/**
 * A chat model over the OpenAI API. No retries: a slow or failing model hands the message to the
 * offline engine at once instead of holding up the customer's turn.
 */
export function openAiChatModel({ model, apiKey, baseUrl, timeoutMs }: OpenAiSettings): ChatOpenAI {
  return new ChatOpenAI({
    model,
    // Local servers accept any key, but the client insists on one.
    apiKey: apiKey ?? 'none',
    temperature: 0,
    maxRetries: 0,
    timeout: timeoutMs,
    ...(baseUrl ? { configuration: { baseURL: baseUrl } } : {}),
  });
}
