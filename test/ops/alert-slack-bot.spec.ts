import { expect } from 'chai';
import { startSlackApi, type SlackApi } from '../support/slack/fake-slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack/workspace.js';
import { startOpsBot, type OpsBot } from '../support/ops-bot.js';

const DESK_CHANNEL = 'C0RETURNS';
const OPS_CHANNEL = 'C0OPSALERTS';

// The whole bot configured as an operator would (.env), Slack's Web API played by the local
// stand-in: the anomaly watch's first run at start reaches the operations channel through the wiring.
describe('the running bot announces an alert in the operations Slack channel', function () {
  this.timeout(60_000);
  let api: SlackApi;
  let ops: OpsBot;

  before(async () => {
    api = await startSlackApi({ channels: { [DESK_CHANNEL]: { name: 'returns' }, [OPS_CHANNEL]: { name: 'ops' } } });
    ops = await startOpsBot({
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_CHANNEL_ID: DESK_CHANNEL,
        SLACK_OPS_CHANNEL_ID: OPS_CHANNEL,
        SLACK_API_URL: api.url,
      },
    });
  });
  after(async () => {
    await ops?.close();
    await api?.close();
  });

  it('posts the bad batch of the demo history to SLACK_OPS_CHANNEL_ID once, not to the agents\' channel', async () => {
    const posted = await api.waitFor('chat.postMessage', call => String(call.body['text'] ?? '').includes('B-MIL-2611'), 20_000);
    expect(posted.body['channel']).to.equal(OPS_CHANNEL);
    // Stopping waits for the watch's run and every publishing pass under way: all they would post is posted.
    await ops.close();
    const aboutTheBatch = api.callsTo('chat.postMessage').filter(call => call.ok && String(call.body['text'] ?? '').includes('B-MIL-2611'));
    expect(aboutTheBatch).to.have.length(1);
  });
});
