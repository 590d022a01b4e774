/// <reference types="google-apps-script" />
/**
 * Type-level test, no runtime code: every ServerApi function that src/main.ts exports must be
 * usable where the pages call it (same parameters, same result). Keys main.ts does not export
 * yet are skipped, so this compiles before the server side lands and guards it afterwards.
 */
import type * as Server from '../main';
import type { ServerApi } from './rpc';

type Exported = typeof Server;
type Fits = { [K in keyof ServerApi]: K extends keyof Exported ? (Exported[K] extends ServerApi[K] ? true : false) : true };
type AllFit<T extends Record<keyof ServerApi, true>> = T;

/** A compile error here names the export of src/main.ts that does not match ServerApi. */
export type RpcMatchesServer = AllFit<Fits>;
