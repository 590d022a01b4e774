/// <reference lib="dom" />
/**
 * Typed google.script.run for the sidebar pages, without importing server code.
 * `ServerApi` MUST match the exports of src/main.ts: src/ui/rpc-check.ts fails to compile
 * when an export of that name exists and does not fit.
 */
import type { ActionResult, PoolResult, PoolView, ProposalView } from './contracts';

export interface ServerApi {
  loadProposals: () => ProposalView;
  offerTrainers: (requestId: string, trainerIds: string[]) => ActionResult;
  connectTrainer: (requestId: string, trainerId: string) => ActionResult;
  skipRequest: (requestId: string, reason: string) => ActionResult;
  loadPoolPreview: () => PoolView;
  sendPoolOffers: () => PoolResult;
}

type Runner = {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
} & { [K in keyof ServerApi]: (...args: Parameters<ServerApi[K]>) => void };

/** The part of the client-side Apps Script API the pages use. */
declare const google: { script: { run: Runner } };

/** Calls a server function; resolves with its return value, rejects with what the failure handler got. */
export function call<K extends keyof ServerApi>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(error));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
