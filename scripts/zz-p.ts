import { syntheticTrainers, syntheticRequests, syntheticOffers, BENCH_NOW } from './bench/matching';
import { buildOfferIndex } from '../src/domain/matching';
import { assignPool } from '../src/domain/assignment';
import { readPolicy } from '../src/domain/policy';
import { Settings } from '../src/domain/settings';
import { offsetFinder } from '../src/domain/timezone';
const policy = readPolicy(new Settings({}));
const trainers = syntheticTrainers(10000, 31);
const requests = syntheticRequests(2000, trainers, 32);
const offers = syntheticOffers(trainers, requests, BENCH_NOW, 33);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let k = 0; k < 3; k++) {
  const t = cpu();
  assignPool(requests, trainers.slice(), buildOfferIndex(offers), policy, BENCH_NOW, offsetFinder(BENCH_NOW));
  console.log('pool cold cpu', Math.round(cpu() - t));
}
