/**
 * Propose for all new requests: one assignment of people to every open request at once, exact
 * for its objective, for every input:
 *   1. the most requests served;
 *   2. then the highest total score, where a person's second and later picks in the same round
 *      score as their next offer would (fair rotation counts it: `oneMoreOfferTenths` less);
 *   3. then picks spread over people (a person's k-th pick in the round costs k − 1 units of
 *      a scale below one tenth of a point), earlier in the fair rotation first.
 *
 * It is a min-cost flow: source → request (1) → person (one edge per eligible pair, cost
 * 1000 − score in tenths) → sink (one unit per free place: the first costs 0, each further one
 * the fair-rotation loss plus its spread cost — increasing, so the flow model is exact), plus an
 * edge request → sink of cost BIG meaning "nobody" (BIG exceeds any possible total, so serving one
 * more request always wins). Requests are added one at a time and each takes the shortest
 * augmenting path from itself (Dijkstra on reduced costs with potentials, which stay valid:
 * successive shortest paths). Most requests find their best free person at once.
 *
 * The cut that keeps the graph small is proven safe: each request keeps only its best R
 * candidates (R = the number of requests in the round). Take any optimal assignment in which
 * request r has someone t outside its kept list: the other R − 1 requests hold at most R − 1 of
 * the R kept people, so one kept person t′ has no other pick this round — a first place costs
 * nothing extra — and t′ ranks at least as high as t. Moving r to t′ serves as many requests with
 * no less score and no more spread; repeating this leaves an optimal assignment inside the lists.
 */
import { gapOf, oneMoreOfferTenths, poolScan, scan, type MatchingPolicy, type OfferIndex, type PreparedCandidates } from './matching';
import type { Candidate, MatchRequest, OffsetOf, PoolAssignment } from './matching-types';

export const TAKEN = 'the people who fit are taken by other requests in this round (capacity)';

/**
 * The best whole-pool assignment: each request gets at most one eligible person, nobody beyond
 * their free capacity (capacity − accepted gigs in the period − offers waiting for an answer,
 * unless Settings count accepted gigs only). Among equal scores, people earlier in the fair
 * rotation (fewer recent offers, offered longest ago) are preferred.
 */
export function assignPool(
  requests: MatchRequest[],
  trainers: Candidate[] | PreparedCandidates,
  index: OfferIndex,
  policy: MatchingPolicy,
  now: Date,
  offsetOf: OffsetOf,
): PoolAssignment[] {
  const R = requests.length;
  const lists: number[][] = [];
  const costs: number[][] = [];
  const reasons: (string | undefined)[] = [];
  let slotOfRow = new Int32Array(0);
  let free: Int32Array | undefined;
  let order: Int32Array | undefined;
  let extra: Int32Array | undefined;
  for (const request of requests) {
    const s = poolScan(request, trainers, index, policy, now, offsetOf, R);
    if (!order) {
      const { used, offers } = s.counts;
      order = s.counts.order;
      // −1: nobody's candidate; 0: someone's (numbered below).
      slotOfRow = new Int32Array(order.length).fill(-1);
      free = Int32Array.from(s.pool.rows, (r, i) => r.capacity - used[i]);
      extra = Int32Array.from(offers, (o) => oneMoreOfferTenths(policy, o));
    }
    for (const i of s.ranked) slotOfRow[i] = 0;
    lists.push(s.ranked);
    costs.push(s.score.map((sc) => 1000 - sc));
    // Nobody for this request at all: the full scan names the gap.
    reasons.push(s.ranked.length ? undefined : gapOf(scan(request, trainers, index, policy, now, offsetOf)));
  }
  // People numbered in fair-rotation order: the search prefers lower numbers among equal costs.
  const rowsUsed: number[] = [];
  for (const row of order ?? []) if (slotOfRow[row] === 0) rowsUsed.push(row);
  rowsUsed.forEach((row, slot) => (slotOfRow[row] = slot));
  const cap = Int32Array.from(rowsUsed, (row) => Math.min(R, (free as Int32Array)[row]));
  const slotLists = lists.map((l) => Int32Array.from(l, (row) => slotOfRow[row]));
  const got = assign(
    cap,
    slotLists,
    costs.map((c) => Int32Array.from(c)),
    Int32Array.from(rowsUsed, (row) => (extra as Int32Array)[row]),
  );
  return requests.map((request, r) => {
    const j = got[r];
    if (j < 0) return { requestId: request.id, reason: reasons[r] ?? TAKEN };
    const row = lists[r][j];
    return { requestId: request.id, trainerId: trainerIdOf(trainers, row), score: (1000 - costs[r][j]) / 10 };
  });
}

function trainerIdOf(trainers: Candidate[] | PreparedCandidates, row: number): string {
  return Array.isArray(trainers) ? trainers[row].id : trainers.rows[row].t.id;
}

/**
 * The exact assignment for integer costs ≥ 0 (tenths): per request, the index into its list of
 * the person assigned, or −1 for nobody. `cap` is each person's free capacity, `extra` what each
 * of their picks after the first in this round costs.
 */
export function assign(cap: Int32Array, lists: Int32Array[], costs: Int32Array[], extra: Int32Array): Int32Array {
  const R = lists.length;
  const T = cap.length;
  // Spread units sum to at most R(R − 1)/2 < S, so they never outweigh one tenth of a point.
  const S = (R * (R - 1)) / 2 + 1;
  let most = 0;
  for (const c of costs) for (const x of c) most = Math.max(most, x);
  for (const x of extra) most = Math.max(most, x);
  // Any R picks cost less than (2 · most + 1) · R · S: BIG above that makes "nobody" the last resort.
  const BIG = ((2 * most + 1) * R + 1) * S;
  /** What the next place of person t costs now (scaled). */
  const place = (t: number) => (load[t] ? extra[t] * S + load[t] : 0);
  const sink = R + T;
  const n = sink + 1;
  // Potentials less the running total of sink distances (only settled nodes move: see below).
  const h = new Float64Array(n);
  const dist = new Float64Array(n);
  const prev = new Int32Array(n);
  const stamp = new Int32Array(n);
  const settled = new Int32Array(n);
  const load = new Int32Array(T);
  /** Per request: position in its list of the person it has, −1 none yet, −2 nobody (final). */
  const at = new Int32Array(R).fill(-1);
  /** Requests each person has. */
  const members: number[][] = Array.from({ length: T }, () => []);
  const settledList: number[] = [];
  // Binary heap of (distance, node); equal distances pop the sink first (the search ends
  // without visiting every equally good person), then the lower node.
  const hd: number[] = [];
  const hv: number[] = [];
  const less = (d1: number, v1: number, d2: number, v2: number) => d1 < d2 || (d1 === d2 && (v1 === sink ? -1 : v1) < (v2 === sink ? -1 : v2));
  const push = (d: number, v: number) => {
    let i = hd.length;
    hd.push(d);
    hv.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(d, v, hd[p], hv[p])) break;
      hd[i] = hd[p];
      hv[i] = hv[p];
      i = p;
    }
    hd[i] = d;
    hv[i] = v;
  };
  const pop = (): number => {
    const top = hv[0];
    const d = hd.pop() as number;
    const v = hv.pop() as number;
    const m = hd.length;
    if (m) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= m) break;
        if (c + 1 < m && less(hd[c + 1], hv[c + 1], hd[c], hv[c])) c++;
        if (!less(hd[c], hv[c], d, v)) break;
        hd[i] = hd[c];
        hv[i] = hv[c];
        i = c;
      }
      hd[i] = d;
      hv[i] = v;
    }
    return top;
  };
  /** Cost of request r's edge to person t (position j in its list). */
  const costOf = (r: number, j: number) => costs[r][j] * S;

  for (let start = 0; start < R; start++) {
    const iter = start + 1;
    if (!lists[start].length) {
      at[start] = -2;
      continue;
    }
    const relax = (v: number, d: number, from: number) => {
      if (settled[v] === iter) return;
      if (stamp[v] !== iter || d < dist[v]) {
        stamp[v] = iter;
        dist[v] = d;
        prev[v] = from;
        push(d, v);
      }
    };
    settledList.length = 0;
    hd.length = hv.length = 0;
    relax(start, 0, -1);
    while (hd.length) {
      const u = pop();
      if (settled[u] === iter) continue;
      settled[u] = iter;
      settledList.push(u);
      if (u === sink) break;
      const du = dist[u];
      if (u < R) {
        // A request: to each of its people (except the one it has), or to nobody.
        const list = lists[u];
        const cu = costs[u];
        const mine = at[u];
        for (let j = 0; j < list.length; j++) {
          if (j === mine) continue;
          const t = R + list[j];
          relax(t, du + cu[j] * S + h[u] - h[t], u);
        }
        relax(sink, du + BIG + h[u] - h[sink], u);
      } else {
        // A person: to the sink if they have a free place, back to each request they have.
        const t = u - R;
        if (load[t] < cap[t]) relax(sink, du + place(t) + h[u] - h[sink], u);
        for (const r of members[t]) relax(r, du - costOf(r, at[r]) + h[u] - h[r], u);
      }
    }
    const ds = dist[sink];
    // Successive shortest paths: settled nodes move by d − d(sink), the rest by 0 (h is kept
    // relative to the running total of sink distances, which every node would add).
    for (const v of settledList) h[v] += dist[v] - ds;
    // Augment along the path back from the sink.
    let v = prev[sink];
    if (v < R) {
      // The path ends with request v going to nobody (v is start, or gives its person to the one before).
      const j = at[v];
      at[v] = -2;
      if (v === start) continue;
      const t = lists[v][j];
      members[t].splice(members[t].indexOf(v), 1);
      load[t]--;
      v = R + t;
    }
    for (;;) {
      const t = v - R;
      const r = prev[v];
      const old = at[r];
      const j = lists[r].indexOf(t);
      at[r] = j;
      members[t].push(r);
      load[t]++;
      if (old < 0) break;
      const o = lists[r][old];
      members[o].splice(members[o].indexOf(r), 1);
      load[o]--;
      v = R + o;
    }
  }
  return Int32Array.from(at, (j) => (j < 0 ? -1 : j));
}
