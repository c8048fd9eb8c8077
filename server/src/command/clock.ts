import { Injectable } from '@nestjs/common';

/**
 * The board's notion of now, for deadlines and escalation. It can be moved forward (drills that
 * fast-forward a scenario, tests of overdue escalation) without touching the system clock.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
