import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../bot/config.js';
import { createUnderstander } from '../../bot/understanders.js';
import { NlpUnderstander } from '../../dialogs/understanding/nlp/nlp-understander.js';
import { contextFor } from '../understanding/support.js';

/** A local server speaking the OpenAI chat API with one fixed answer. */
async function fakeOpenAi(content: string): Promise<{ server: Server; baseUrl: string; requests: unknown[] }> {
  const requests: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', chunk => { body += chunk; });
    request.on('end', () => {
      requests.push(JSON.parse(body));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 0, model: 'test', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
}

describe('choosing the understanding engine from the settings', () => {
  it('understands offline with NLP.js unless a language model is configured', async () => {
    const config = loadConfig({}, 'test.env');
    expect(config.llm).to.deep.equal({ provider: 'none' });
    expect(await createUnderstander(config)).to.be.instanceOf(NlpUnderstander);
  });

  it('asks an OpenAI-compatible server first, with the offline engine behind it', async () => {
    const { server, baseUrl, requests } = await fakeOpenAi('{"intent":"damaged_or_defective","damage":"not_working","items":["Electric kettle"],"wish":null,"upset":false}');
    try {
      const config = loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'qwen2.5:7b', LLM_BASE_URL: baseUrl, LLM_TIMEOUT_MS: '5000' }, 'test.env');
      expect(config.llm).to.deep.equal({ provider: 'openai', model: 'qwen2.5:7b', apiKey: undefined, baseUrl, timeoutMs: 5000 });
      const understanding = await (await createUnderstander(config)).understand('the thing for boiling water gave up, order 123457', contextFor('en'));
      expect(understanding).to.deep.include({ intent: 'damaged_or_defective', problem: 'quality', skus: ['KETTLE-17'], orderId: '123457' });
      expect(requests).to.have.length(1);
      expect(requests[0]).to.deep.include({ model: 'qwen2.5:7b' });
    } finally {
      server.close();
    }
  });

  it('falls back to the offline engine when the server cannot be reached', async () => {
    const { server, baseUrl } = await fakeOpenAi('{}');
    await new Promise(resolve => server.close(resolve));
    const config = loadConfig({ LLM_PROVIDER: 'openai', LLM_MODEL: 'any', LLM_BASE_URL: baseUrl }, 'test.env');
    const understanding = await (await createUnderstander(config)).understand('小米发霉了', contextFor());
    expect(understanding).to.deep.include({ intent: 'quality_spoiled', problem: 'quality' });
  });

  it('names what a language model setting lacks', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'openai' }, 'test.env')).to.throw(/test\.env.*LLM_MODEL: required when LLM_PROVIDER=openai.*LLM_API_KEY: required unless LLM_BASE_URL/);
    expect(() => loadConfig({ LLM_PROVIDER: 'gemini', LLM_TIMEOUT_MS: 'soon' }, 'test.env')).to.throw(/LLM_PROVIDER: .*LLM_TIMEOUT_MS: /);
  });
});
