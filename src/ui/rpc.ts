/// <reference lib="dom" />
/// <reference types="google-apps-script" />
/**
 * Typed google.script.run for the sidebar pages. The server's API is the type of src/main.ts's
 * exports (`import type`: no server code reaches a page), so a server function a page calls
 * that is removed, renamed or given other parameters fails `npm run typecheck` at the call.
 */
import type * as Main from '../main';

/** Every function src/main.ts exports: what google.script.run can call. */
export type ServerApi = typeof Main;
type ServerFunction = keyof ServerApi;

type Runner = {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
} & { [K in ServerFunction]: (...args: Parameters<ServerApi[K]>) => void };

/** The part of the client-side Apps Script API the pages use. */
declare const google: { script: { run: Runner } };

/** Calls a server function; resolves with its return value, rejects with what the failure handler got. */
export function call<K extends ServerFunction>(name: K, ...args: Parameters<ServerApi[K]>): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run.withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>)).withFailureHandler((error) => reject(error));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
