import { syntheticTrainers, syntheticRequests, syntheticOffers, BENCH_NOW } from './bench/matching';
import { buildOfferIndex, poolScan, prepareCandidates } from '../src/domain/matching';
import { readPolicy } from '../src/domain/policy';
import { Settings } from '../src/domain/settings';
import { offsetFinder } from '../src/domain/timezone';
const policy = readPolicy(new Settings({}));
const trainers = syntheticTrainers(10000, 31);
const requests = syntheticRequests(2000, trainers, 32);
const offers = syntheticOffers(trainers, requests, BENCH_NOW, 33);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let k = 0; k < 3; k++) {
  let t = cpu();
  const p = prepareCandidates(trainers.slice());
  const idx = buildOfferIndex(offers);
  const off = offsetFinder(BENCH_NOW);
  console.log('prepare+index', Math.round(cpu() - t));
  t = cpu();
  let e = 0;
  for (const r of requests) e += poolScan(r, p, idx, policy, BENCH_NOW, off, 2000).ranked.length;
  console.log('scans', Math.round(cpu() - t), e);
}
