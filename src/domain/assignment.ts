/**
 * Propose for all new requests: one assignment of people to every open request at once. It
 * is a min-cost flow (successive shortest paths, Dijkstra with potentials) on the graph
 * source → request (1) → person (1 per eligible pair) → sink (remaining capacity), so it is
 * exact: the most requests assigned, and among those assignments the highest total score.
 * Row-by-row greedy can give a request's best person away that another request needed.
 */
import { scan, whyNobody, type MatchingPolicy, type OfferIndex, type PreparedCandidates } from './matching';
import type { Candidate, MatchRequest, OffsetOf, PoolAssignment } from './matching-types';

/**
 * The best whole-pool assignment: each request gets at most one eligible person, nobody beyond
 * their remaining capacity (capacity − accepted gigs in the period). Only each request's top
 * `candidatesPerRequest` (default 25) candidates are considered, which keeps the graph small.
 */
export function assignPool(
  requests: MatchRequest[],
  trainers: Candidate[] | PreparedCandidates,
  index: OfferIndex,
  policy: MatchingPolicy,
  now: Date,
  offsetOf: OffsetOf,
  opts: { candidatesPerRequest?: number } = {},
): PoolAssignment[] {
  const k = Math.max(1, Math.floor(opts.candidatesPerRequest ?? 25));
  const slotOf = new Map<number, number>();
  const ids: string[] = [];
  const cap: number[] = [];
  const lists: number[][] = [];
  const costs: number[][] = [];
  const reasons: string[] = [];
  for (const request of requests) {
    const s = scan(request, trainers, index, policy, now, offsetOf);
    const top = s.ranked.slice(0, k);
    lists.push(
      top.map((i) => {
        let slot = slotOf.get(i);
        if (slot === undefined) {
          slotOf.set(i, (slot = ids.length));
          ids.push(s.pool.rows[i].t.id);
          cap.push(s.pool.rows[i].capacity - s.accepted[i]);
        }
        return slot;
      }),
    );
    // Integer costs in tenths of a point, never negative: 1000 − score.
    costs.push(top.map((i) => 1000 - s.score[i]));
    const perFilter = [0, 0, 0, 0, 0, 0, 0, 0];
    if (!top.length) for (const f of s.filter) if (f) perFilter[f - 1]++;
    reasons.push(top.length ? 'the people who fit are taken by other requests in this round (capacity)' : whyNobody(request, perFilter));
  }
  const got = minCostFlow(cap, lists, costs);
  return requests.map((request, r) => {
    const j = got[r];
    return j < 0 ? { requestId: request.id, reason: reasons[r] } : { requestId: request.id, trainerId: ids[lists[r][j]], score: (1000 - costs[r][j]) / 10 };
  });
}

/**
 * Min-cost max-flow from requests to people; returns, per request, the index into its list
 * of the person assigned, or −1. Costs are non-negative integers, so Dijkstra with
 * potentials is exact from the start and every augmenting path adds one request.
 */
function minCostFlow(cap: number[], lists: number[][], costs: number[][]): Int32Array {
  const R = lists.length;
  const n = R + cap.length + 2;
  const sink = n - 1;
  const head = new Int32Array(n).fill(-1);
  const to: number[] = [];
  const left: number[] = [];
  const cost: number[] = [];
  const next: number[] = [];
  const half = (u: number, v: number, c: number, w: number) => {
    to.push(v);
    left.push(c);
    cost.push(w);
    next.push(head[u]);
    head[u] = to.length - 1;
  };
  // Edge e and its residual e ^ 1 sit side by side.
  const edge = (u: number, v: number, c: number, w: number) => {
    half(u, v, c, w);
    half(v, u, 0, -w);
  };
  // Equal totals go to the earlier requests: + r per assigned request, scaled below one point.
  const tie = R * R + 1;
  const first: number[] = [];
  lists.forEach((list, r) => {
    if (list.length) edge(0, 1 + r, 1, 0);
    first.push(to.length);
    list.forEach((t, j) => edge(1 + r, 1 + R + t, 1, costs[r][j] * tie + r));
  });
  cap.forEach((c, t) => edge(1 + R + t, sink, c, 0));

  const h = new Float64Array(n);
  const dist = new Float64Array(n);
  const prev = new Int32Array(n);
  const done = new Uint8Array(n);
  const hd: number[] = [];
  const hv: number[] = [];
  const push = (d: number, v: number) => {
    let i = hd.length;
    hd.push(d);
    hv.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hd[p] <= d) break;
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
        if (c + 1 < m && hd[c + 1] < hd[c]) c++;
        if (hd[c] >= d) break;
        hd[i] = hd[c];
        hv[i] = hv[c];
        i = c;
      }
      hd[i] = d;
      hv[i] = v;
    }
    return top;
  };

  for (;;) {
    dist.fill(Infinity);
    done.fill(0);
    dist[0] = 0;
    push(0, 0);
    while (hd.length) {
      const u = pop();
      if (done[u]) continue;
      done[u] = 1;
      if (u === sink) break;
      for (let e = head[u]; e >= 0; e = next[e]) {
        const v = to[e];
        if (!left[e] || done[v]) continue;
        const d = dist[u] + cost[e] + h[u] - h[v];
        if (d < dist[v]) {
          dist[v] = d;
          prev[v] = e;
          push(d, v);
        }
      }
    }
    hd.length = hv.length = 0;
    if (!done[sink]) break;
    // Nodes not settled are at least as far as the sink: capping at its distance keeps reduced costs ≥ 0.
    const far = dist[sink];
    for (let v = 0; v < n; v++) h[v] += done[v] ? dist[v] : far;
    for (let v = sink; v !== 0; v = to[prev[v] ^ 1]) {
      left[prev[v]]--;
      left[prev[v] ^ 1]++;
    }
  }

  // A request's j-th candidate edge is first[r] + 2j; it carries flow when nothing is left on it.
  return Int32Array.from(lists, (list, r) => list.findIndex((_, j) => !left[first[r] + 2 * j]));
}
