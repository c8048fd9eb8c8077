import { readFileSync } from 'node:fs';

/**
 * Connections opened, and the kernel's TCP trouble counters (loopback is all ours during a run): a
 * listen queue that overflowed, a SYN or segment retransmitted, a retransmission timer that fired. On
 * loopback nothing is lost in the wire: a retransmission means a receiver left a segment unacknowledged
 * for 200 ms or more (tail loss probes count too), a SYN retransmission that a connection waited a
 * second, either a latency stall that neither event loop shows.
 */
const NAMES = ['ActiveOpens', 'ListenOverflows', 'TCPSynRetrans', 'TCPTimeouts', 'RetransSegs'] as const;
export type TcpCounters = Record<(typeof NAMES)[number], number>;

function parse(file: string, into: Record<string, number>): void {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = lines[i]!.split(/\s+/).slice(1);
    const values = lines[i + 1]!.split(/\s+/).slice(1);
    names.forEach((n, k) => (into[n] = Number(values[k])));
  }
}

export function tcpCounters(): TcpCounters {
  const all: Record<string, number> = {};
  parse('/proc/net/netstat', all);
  parse('/proc/net/snmp', all);
  return Object.fromEntries(NAMES.map((n) => [n, all[n] ?? 0])) as TcpCounters;
}

export function tcpDelta(before: TcpCounters, after: TcpCounters): TcpCounters {
  return Object.fromEntries(NAMES.map((n) => [n, after[n] - before[n]])) as TcpCounters;
}
