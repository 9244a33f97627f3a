import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { ConsoleChannel } from '../../adapters/console/console-channel.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

describe('console channel (npm run chat)', () => {
  let bot: TestBot;
  beforeEach(async () => { bot = await startTestBot(); });
  afterEach(async () => bot.close());

  it('numbers the options, takes a number as the option, and keeps the conversation in the store', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', chunk => { printed += String(chunk); });
    const channel = new ConsoleChannel('tester', input, output);
    const running = channel.start(bot.engine);
    input.end(['订单123456的小米发霉了,尾号5678', '3', '/photo /no/such/file.jpg', '/quit'].join('\n') + '\n');
    await running;
    expect(printed).to.match(/1\. 1\n2\. 2\n3\. 全部/);
    expect(printed).to.match(/请您把问题拍照发给我/);
    expect(printed).to.match(/cannot read \/no\/such\/file\.jpg/);
    const conversation = await bot.store.loadConversation('console', 'tester');
    expect((conversation!.state as { claim: { quantity: number } }).claim.quantity).to.equal(2);
  });
});
