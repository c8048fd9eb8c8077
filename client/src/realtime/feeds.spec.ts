import type { BoardEvent } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { FeedRegistry } from './feeds';

const imported = (seq: number): BoardEvent => ({
  seq,
  type: 'geo.imported',
  payload: { layers: ['grids'], counts: { grids: seq } },
  at: new Date(0).toISOString(),
  drillId: null,
});

describe('FeedRegistry', () => {
  it('gives a feed nothing before its snapshot, then only events after the snapshot seq', () => {
    const rewinds: number[] = [];
    const reg = new FeedRegistry((seq) => rewinds.push(seq));
    const got: number[] = [];
    const feed = reg.open({ on: { 'geo.imported': (e) => got.push(e.seq) }, onStale: () => undefined });
    reg.dispatch(imported(1));
    feed.resume(3);
    expect(rewinds).toEqual([3]);
    for (const seq of [2, 3, 4, 4, 5]) reg.dispatch(imported(seq));
    expect(got).toEqual([4, 5]);
    expect(feed.cursor).toBe(5);
  });

  it('keeps one cursor per feed, so a rewind for one store does not repeat events to another', () => {
    const reg = new FeedRegistry(() => undefined);
    const a: number[] = [];
    const b: number[] = [];
    reg.open({ on: { 'geo.imported': (e) => a.push(e.seq) }, onStale: () => undefined }).resume(0);
    for (const seq of [1, 2, 3]) reg.dispatch(imported(seq));
    reg.open({ on: { 'geo.imported': (e) => b.push(e.seq) }, onStale: () => undefined }).resume(1);
    for (const seq of [2, 3, 4]) reg.dispatch(imported(seq)); // the replay from 1
    expect(a).toEqual([1, 2, 3, 4]);
    expect(b).toEqual([2, 3, 4]);
  });

  it('validates payloads against EVENT_SCHEMAS: a malformed one is reported, not handed to the store', () => {
    const invalid: number[] = [];
    const reg = new FeedRegistry(
      () => undefined,
      (e) => invalid.push(e.seq),
    );
    const got: number[] = [];
    const feed = reg.open({ on: { 'geo.imported': (e) => got.push(e.seq) }, onStale: () => undefined });
    feed.resume(0);
    reg.dispatch({ ...imported(1), payload: { layers: 'grids' } } as unknown as BoardEvent);
    reg.dispatch(imported(2));
    expect(got).toEqual([2]);
    expect(invalid).toEqual([1]);
  });

  it('marks every feed stale: cursors drop and each reloads', () => {
    const reg = new FeedRegistry(() => undefined);
    let reloads = 0;
    const got: number[] = [];
    const feed = reg.open({ on: { 'geo.imported': (e) => got.push(e.seq) }, onStale: () => reloads++ });
    feed.resume(0);
    reg.markAllStale();
    reg.dispatch(imported(1));
    expect(reloads).toBe(1);
    expect(feed.cursor).toBeNull();
    expect(got).toEqual([]);
  });
});
