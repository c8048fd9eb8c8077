import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '@/api/http';
import { outboxSender } from './outbox';

const offline = () => new ApiRequestError(0, 'net.unreachable', 'offline');
const failing = (status: number) => new ApiRequestError(status, 'errors.internal', 'try later');
const refusedBy = (code: string) => new ApiRequestError(400, code, 'refused');

/**
 * A queue whose sends answer from `answers` (an error is thrown), recording what was tried. Like the
 * stores, it stops listing an entry once it is sent or refused.
 */
function queue(answers: Record<string, Error | undefined>) {
  const waiting = Object.keys(answers);
  const tried: string[] = [];
  const refused: string[] = [];
  const done = (entry: string) => waiting.splice(waiting.indexOf(entry), 1);
  const sender = outboxSender(
    () => [...waiting],
    async (entry) => {
      tried.push(entry);
      await Promise.resolve();
      if (answers[entry]) throw answers[entry];
      done(entry);
    },
    (entry, e) => {
      refused.push(`${entry}:${(e as ApiRequestError).code}`);
      done(entry);
    },
  );
  return { sender, tried, refused, waiting };
}

describe('outboxSender', () => {
  it('sends in order, hands refusals over, and stops at the first network failure', async () => {
    const { sender, tried, refused } = queue({
      a: undefined,
      b: refusedBy('errors.outside_area'),
      c: offline(),
      d: undefined,
    });
    await sender.flush();
    expect(tried).toEqual(['a', 'b', 'c']);
    expect(refused).toEqual(['b:errors.outside_area']);
    expect(sender.flushing.value).toBe(false);
  });

  it.each([401, 429, 502, 503])(
    'keeps what meets a %i for later: the session or the server, not the report',
    async (status) => {
      const { sender, tried, refused } = queue({ a: failing(status), b: undefined });
      await sender.flush();
      expect([tried, refused]).toEqual([['a'], []]);
    },
  );

  it('runs one flush at a time: a second call while sending sends each entry once', async () => {
    const { sender, tried } = queue({ a: undefined, b: undefined });
    const first = sender.flush();
    expect(sender.flushing.value).toBe(true);
    await sender.flush();
    await first;
    expect(tried).toEqual(['a', 'b']);
  });

  it('sends what was queued during a flush right after it (a step queued behind one being sent)', async () => {
    const { sender, tried, waiting } = queue({ a: undefined });
    const first = sender.flush();
    waiting.push('b');
    await sender.flush();
    await first;
    expect([tried, waiting]).toEqual([['a', 'b'], []]);
  });

  it('does not go again after the network failed: the retry timer or the online event will', async () => {
    const { sender, tried, waiting } = queue({ a: offline() });
    const first = sender.flush();
    waiting.push('b');
    await sender.flush();
    await first;
    expect(tried).toEqual(['a']);
  });
});
