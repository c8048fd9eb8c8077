import type { BoardEvent } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { EventSequencer } from './sequencer';

const ev = (seq: number): BoardEvent => ({
  seq,
  type: 'geo.imported',
  payload: { layers: ['grids'], counts: { grids: seq } },
  at: new Date(0).toISOString(),
  drillId: null,
});

function setup(start = 0, memory?: number) {
  const applied: number[] = [];
  const s = new EventSequencer((e) => applied.push(e.seq), start, memory);
  return { s, applied };
}

describe('EventSequencer', () => {
  it('applies live events in order and ignores anything at or below the cursor', () => {
    const { s, applied } = setup(10);
    expect(s.receive(ev(11))).toBe('applied');
    expect(s.receive(ev(14))).toBe('applied');
    expect(s.receive(ev(14))).toBe('duplicate');
    expect(s.receive(ev(9))).toBe('duplicate'); // below the starting snapshot: known
    expect(applied).toEqual([11, 14]);
    expect(s.lastApplied).toBe(14);
  });

  it('buffers during a replay and applies replayed and live events merged in seq order, once', () => {
    const { s, applied } = setup(5);
    expect(s.beginReplay()).toBe(5);
    // Live events that committed during the replay interleave with the replayed ones.
    for (const seq of [9, 6, 12, 7, 9, 8, 12, 4]) s.receive(ev(seq));
    expect(applied).toEqual([]);
    expect(s.buffered).toBe(5);
    s.endReplay(10);
    expect(applied).toEqual([6, 7, 8, 9, 12]);
    expect(s.lastApplied).toBe(12);
    expect(s.isReplaying).toBe(false);
  });

  it('moves the cursor to upTo after a replay even when nothing was visible', () => {
    const { s, applied } = setup(3);
    s.beginReplay();
    s.endReplay(40);
    expect(applied).toEqual([]);
    expect(s.lastApplied).toBe(40);
    expect(s.receive(ev(41))).toBe('applied');
  });

  it('keeps the buffer across a dropped replay and merges it into the next one', () => {
    const { s, applied } = setup(0);
    s.beginReplay();
    s.receive(ev(2));
    s.receive(ev(5));
    s.abortReplay(); // connection lost before `synced`
    expect(s.beginReplay()).toBe(0);
    for (const seq of [1, 2, 3]) s.receive(ev(seq));
    s.endReplay(3);
    expect(applied).toEqual([1, 2, 3, 5]);
  });

  it('tells a late event (never seen, below the cursor) from a duplicate', () => {
    const { s, applied } = setup(0);
    s.receive(ev(1));
    s.receive(ev(3));
    expect(s.receive(ev(1))).toBe('duplicate');
    expect(s.receive(ev(2))).toBe('late');
    expect(applied).toEqual([1, 3]);
  });

  it('after a rewind re-applies events past the new cursor, in order', () => {
    const { s, applied } = setup(0);
    for (const seq of [1, 2, 3, 4]) s.receive(ev(seq));
    s.moveTo(2); // a store's snapshot was read at seq 2
    s.beginReplay();
    for (const seq of [5, 3, 4]) s.receive(ev(seq));
    s.endReplay(4);
    expect(applied).toEqual([1, 2, 3, 4, 3, 4, 5]);
    expect(s.receive(ev(4))).toBe('duplicate');
  });

  it('moving the cursor up forgets what lies below: nothing there is judged late', () => {
    const { s, applied } = setup(0);
    s.moveTo(100);
    expect(s.receive(ev(50))).toBe('duplicate');
    expect(s.receive(ev(101))).toBe('applied');
    expect(applied).toEqual([101]);
  });

  it('remembers a bounded number of seqs; below what it remembers it cannot judge, so it assumes duplicates', () => {
    const { s } = setup(0, 3);
    for (const seq of [1, 3, 5, 7]) s.receive(ev(seq)); // 1 is forgotten
    expect(s.receive(ev(4))).toBe('late');
    expect(s.receive(ev(1))).toBe('duplicate');
    s.receive(ev(9)); // 3 is forgotten
    expect(s.receive(ev(2))).toBe('duplicate');
    expect(s.receive(ev(6))).toBe('late');
  });
});
