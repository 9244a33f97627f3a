import { expect } from 'chai';
import { KeyedSerialQueue } from '../../bot/turn-lock.js';
import { gate } from './engine-support.js';

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('KeyedSerialQueue', () => {
  let queue: KeyedSerialQueue;
  beforeEach(() => { queue = new KeyedSerialQueue(); });

  it('runs the tasks of one key one at a time, in the order they were queued', async () => {
    const events: string[] = [];
    let running = 0;
    const task = (name: string, delayMs: number) => async () => {
      running += 1;
      expect(running, `${name} runs alone`).to.equal(1);
      events.push(`${name} start`);
      await new Promise(resolve => setTimeout(resolve, delayMs));
      events.push(`${name} end`);
      running -= 1;
      return name;
    };
    // The first is the slowest: a queue that only started them in order would finish them backwards.
    const results = await Promise.all([queue.run('k', task('a', 15)), queue.run('k', task('b', 5)), queue.run('k', task('c', 0))]);
    expect(results).to.deep.equal(['a', 'b', 'c']);
    expect(events).to.deep.equal(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps arrival order for many tasks', async () => {
    const done: number[] = [];
    await Promise.all(Array.from({ length: 100 }, (_, index) => queue.run('k', async () => {
      if (index % 3 === 0) await tick();
      done.push(index);
    })));
    expect(done).to.deep.equal(Array.from({ length: 100 }, (_, index) => index));
  });

  it('does not make other keys wait', async () => {
    const held = gate();
    const events: string[] = [];
    const slow = queue.run('a', async () => { await held.promise; events.push('a'); });
    await queue.run('b', async () => { events.push('b'); });
    expect(events).to.deep.equal(['b']);
    held.open();
    await slow;
    expect(events).to.deep.equal(['b', 'a']);
  });

  it('a failing task rejects its own caller and the next task of the key still runs', async () => {
    const failing = queue.run('k', async () => { throw new Error('task failed'); });
    const next = queue.run('k', async () => 'next ran');
    let error: unknown;
    try {
      await failing;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).to.equal('task failed');
    expect(await next).to.equal('next ran');
  });

  it('a task that throws before its first await does not block the key either', async () => {
    const throwsAtOnce = (): Promise<string> => { throw new Error('sync'); };
    const failing = queue.run('k', throwsAtOnce);
    const next = queue.run('k', async () => 'still runs');
    let caught = false;
    await failing.catch(() => { caught = true; });
    expect(caught).to.equal(true);
    expect(await next).to.equal('still runs');
  });

  it('the next task starts only after the failing one has settled', async () => {
    const held = gate();
    const events: string[] = [];
    const failing = queue.run('k', async () => { await held.promise; events.push('failed'); throw new Error('late failure'); }).catch(() => undefined);
    const next = queue.run('k', async () => { events.push('next'); });
    await tick();
    expect(events).to.deep.equal([]);
    held.open();
    await Promise.all([failing, next]);
    expect(events).to.deep.equal(['failed', 'next']);
  });

  it('forgets a key once its tasks are done (no growth with the number of conversations)', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, index) => queue.run(`conversation-${index}`, async () => index)));
    await queue.run('last', async () => { throw new Error('x'); }).catch(() => undefined);
    await tick();
    expect((queue as unknown as { tails: Map<string, unknown> }).tails.size).to.equal(0);
  });

  it('a key queued again while idle-cleanup is pending still runs in order', async () => {
    const events: number[] = [];
    await queue.run('k', async () => { events.push(1); });
    const second = queue.run('k', async () => { await tick(); events.push(2); });
    const third = queue.run('k', async () => { events.push(3); });
    await Promise.all([second, third]);
    expect(events).to.deep.equal([1, 2, 3]);
  });
});
