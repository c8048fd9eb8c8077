import type { BoardEvent } from '@gridboard/shared';
import { describe, expect, it } from 'vitest';
import { setStreetStateLabels } from './board-labels';
import { feedLine } from './feed-lines';

const t = (key: string, params?: Record<string, unknown>) => `${key} ${JSON.stringify(params ?? {})}`;
const grid = (id: string) => (id === 'g1' ? '第1网格' : '');
const event = (type: string, payload: unknown, drillId: string | null = null) =>
  ({ seq: 7, type, payload, at: '2026-03-05T08:00:00Z', drillId }) as unknown as BoardEvent;

describe('feed lines', () => {
  it('names who reported what where, and marks a high-severity report as an alarm line', () => {
    const line = feedLine(
      event('incident.created', {
        incident: { id: 'i1', number: 'SJ-1', title: '<b>燃气</b>', gridId: 'g1', severity: 'high' },
        step: { actorName: '陈刚' },
      }),
      t,
      grid,
    )!;
    expect(line).toMatchObject({ seq: 7, tone: 'alarm', drill: false, target: { kind: 'incident', id: 'i1' } });
    expect(line.text).toBe(
      'board.feed.incidentCreated {"who":"陈刚","number":"SJ-1","title":"<b>燃气</b>","grid":"第1网格"}',
    );
  });

  it('translates workflow states and marks drill events', () => {
    const line = feedLine(
      event(
        'incident.changed',
        { incident: { id: 'i1', number: 'SJ-1' }, step: { actorName: '李明', toState: 'dispatched' } },
        'd1',
      ),
      t,
      grid,
    )!;
    expect(line.text).toContain('"state":"已派单"');
    expect(line.drill).toBe(true);
  });

  it('names states as the street renamed them', () => {
    setStreetStateLabels({ dispatched: { 'zh-CN': '已交办', 'en-US': 'Assigned' } });
    const changed = event('incident.changed', {
      incident: { id: 'i1', number: 'SJ-1' },
      step: { toState: 'dispatched' },
    });
    try {
      expect(feedLine(changed, t, grid)!.text).toContain('"state":"已交办"');
    } finally {
      setStreetStateLabels({});
    }
    expect(feedLine(changed, t, grid)!.text).toContain('"state":"已派单"');
  });

  it('makes a refused transfer an alarm line, and ignores events the feed does not show', () => {
    const refused = feedLine(
      event('flood.task_refused', { task: { id: 't1', gridId: 'g1', address: '1栋' } }),
      t,
      grid,
    )!;
    expect(refused).toMatchObject({ tone: 'alarm', target: { kind: 'floodTask', id: 't1' } });
    expect(feedLine(event('geo.changed', {}), t, grid)).toBeNull();
  });
});
