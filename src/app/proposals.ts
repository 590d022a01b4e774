/**
 * Propose trainers: the help desk selects request rows and gets, in one click, a ranked and
 * explained proposal per request (written to the row and the Log) in a sidebar, from which
 * they offer, connect or skip. Also the whole-pool proposal for all new requests.
 */
import { assignPool } from '../domain/assignment';
import { fairnessFigure } from '../domain/matching';
import { readPolicy } from '../domain/policy';
import { languageLabel } from '../domain/languages';
import { REQUESTS, type RequestRow } from '../domain/registry';
import type { ActionResult, PoolResult, PoolView, ProposalView, RequestProposal } from '../ui/contracts';
import { note, tally, type JobState } from '../domain/jobs';
import { executionBudget, progressMessage, startJob, type JobDefinition } from '../gas/jobs';
import { withScriptLock } from '../gas/lock';
import { activeSpreadsheet, appendLog, logStructureOnce } from '../gas/log';
import { StructureError } from '../gas/structure';
import { toMatchRequest } from '../gas/matching-data';
import { readLists, readSettings, readTemplates, validationLists } from '../gas/registry';
import { selectedRowNumbers, type TableRow } from '../gas/table';
import { userCache } from '../gas/properties';
import { ledgerIndex, offerContext, rank, reasonsText, recordConnection, sendOffers, settleOffers, type OfferContext } from './offers';

const PROPOSAL_KEY = 'proposal.requestIds';
const POOL_KEY = 'pool.preview';
/** Requests the pool proposes for: a request that needs review waits for the help desk's eye first. */
const OPEN = ['new', 'proposed'];

function context(): OfferContext {
  const ss = activeSpreadsheet();
  const settings = readSettings(ss);
  return offerContext(ss, settings, readPolicy(settings), readTemplates(ss), validationLists(readLists(ss, settings)));
}

/** Ends an action: the follow-up of what it changed (emails queued, then sent), then its Log lines. */
function finish(ctx: OfferContext): void {
  settleOffers(ctx);
  appendLog(ctx.ss, ctx.log);
  ctx.log.length = 0;
}

function findRequest(ctx: OfferContext, id: string): TableRow<RequestRow> {
  const r = ctx.reg.requests.rows().find((x) => x.text('id') === id);
  if (!r) throw new Error(`Request ${id} is not in the Requests sheet any more.`);
  return r;
}

/** The request ids of the rows selected in the Requests sheet. */
function selectedRequestIds(ctx: OfferContext): string[] {
  const sheet = ctx.ss.getActiveSheet();
  if (sheet.getName() !== REQUESTS.name) throw new Error('Select one or more rows in the Requests sheet first.');
  const rows = selectedRowNumbers(ctx.ss);
  const ids = ctx.reg.requests
    .rows()
    .filter((r) => rows.has(r.rowNumber))
    .map((r) => r.text('id'))
    .filter(Boolean);
  if (ids.length === 0) throw new Error('Select one or more rows in the Requests sheet first (not the header).');
  return ids;
}

function summary(row: RequestRow) {
  const { format, dates, groupSize, organisation, requester, assigned } = row;
  return {
    id: row.id ?? '',
    origin: row.origin ?? '',
    status: row.status ?? '',
    language: row.language ?? '',
    languageLabel: row.language ? languageLabel(row.language) : 'any language',
    skills: row.skills ?? [],
    format,
    dates,
    groupSize,
    organisation,
    requester,
    assigned,
  };
}

function proposalOf(ctx: OfferContext, request: TableRow<RequestRow>): RequestProposal {
  const id = request.row.id ?? '';
  const result = rank(ctx, request.row);
  const offers = ctx.reg.offers.rows().filter((o) => o.text('request') === id);
  const answerOf = new Map(offers.map((o) => [o.text('trainer'), o.text('answer')]));
  const nameOf = (trainerId: string) => ctx.reg.trainerById.get(trainerId)?.row.name ?? trainerId;
  return {
    request: summary(request.row),
    ranked: result.ranked.slice(0, ctx.policy.topN).map((c) => ({ ...c, offer: answerOf.get(c.trainerId) as RequestProposal['ranked'][number]['offer'] })),
    excluded: result.excluded,
    ...(result.gap ? { gap: result.gap } : {}),
    offers: offers.map((o) => ({
      offerId: o.text('id'),
      trainerId: o.text('trainer'),
      name: nameOf(o.text('trainer')),
      answer: o.text('answer'),
      offeredAt: o.raw('offeredAt') instanceof Date ? `${(o.raw('offeredAt') as Date).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '',
    })),
  };
}

function view(ctx: OfferContext, ids: string[]): ProposalView {
  return {
    requests: ids.map((id) => proposalOf(ctx, findRequest(ctx, id))),
    weights: { ...ctx.policy.weights },
    topN: ctx.policy.topN,
    fairness: fairnessFigure(ctx.reg.candidates, ledgerIndex(ctx), ctx.now, ctx.policy.rotationWindowDays),
  };
}

function rememberedIds(): string[] {
  const raw = userCache()?.get(PROPOSAL_KEY);
  return raw ? (JSON.parse(raw) as string[]) : [];
}

/** Menu: ranks trainers for the selected requests, writes the top N to each row, and returns the ids shown. */
export function proposeForSelection(): string[] {
  return withScriptLock(() => {
    const ctx = context();
    const ids = selectedRequestIds(ctx);
    for (const id of ids) {
      const request = findRequest(ctx, id);
      const result = rank(ctx, request.row);
      const top = result.ranked.slice(0, ctx.policy.topN);
      const proposed = top.map((c) => `${c.name} (${c.score})`).join(', ') || `nobody fits: ${result.gap ?? 'see why not'}`;
      const status = (request.row.status === 'new' || request.row.status === 'proposed') && top.length ? 'proposed' : request.row.status;
      ctx.reg.requests.update(request, { proposed, status });
      ctx.log.push({
        action: 'Proposed trainers',
        subject: id,
        details:
          top.map((c) => `${c.name} ${c.score} [${reasonsText(c)}]`).join(' | ') ||
          `nobody fits: ${result.gap ?? 'see why not'} (${result.excluded.length} excluded)`,
      });
    }
    finish(ctx);
    userCache()?.put(PROPOSAL_KEY, JSON.stringify(ids), 21600);
    return ids;
  });
}

/** Sidebar: the proposals for the requests selected when it was opened. */
export function loadProposals(): ProposalView {
  return view(context(), rememberedIds());
}

function act(work: (ctx: OfferContext) => string): ActionResult {
  try {
    return withScriptLock(() => {
      const ctx = context();
      const message = work(ctx);
      finish(ctx);
      return { ok: true, message: [message, ...ctx.messages].join(' '), view: view(ctx, rememberedIds()) };
    });
  } catch (err) {
    if (err instanceof StructureError) logStructureOnce(activeSpreadsheet(), err, 'The proposal sidebar');
    return { ok: false, message: String((err as Error).message ?? err) };
  }
}

/** Sidebar: offer a request to the chosen candidates (only people the proposal ranks). */
export function offerTrainers(requestId: string, trainerIds: string[]): ActionResult {
  return act((ctx) => {
    if (!trainerIds.length) throw new Error('Tick one or more candidates first.');
    const request = findRequest(ctx, requestId);
    // The closest people (below the minimum fit only) may still be offered by hand: the help desk decided.
    const { ranked: best, closest } = rank(ctx, request.row);
    const ranked = [...best, ...closest];
    // A double click, or the same click after a crash: who already has an open offer is not offered again.
    const open = new Set(
      ctx.reg.offerRecords.filter((o) => o.requestId === requestId && (o.answer === 'pending' || o.answer === 'accepted')).map((o) => o.trainerId),
    );
    const already = trainerIds.filter((id) => open.has(id));
    trainerIds = trainerIds.filter((id) => !open.has(id));
    if (!trainerIds.length) return `${requestId} is already offered to ${already.map((id) => ctx.reg.trainerById.get(id)?.row.name ?? id).join(', ')}.`;
    const picks = trainerIds.map((id) => {
      const c = ranked.find((x) => x.trainerId === id);
      if (!c) throw new Error(`${ctx.reg.trainerById.get(id)?.row.name ?? id} cannot be offered ${requestId}: see why not.`);
      return c;
    });
    const ids = sendOffers(ctx, request, picks);
    return `Offered ${requestId} to ${picks.map((p) => p.name).join(', ')} (${ids.join(', ')}).`;
  });
}

/** Sidebar: introduce requester and trainer directly (recorded in the Offers ledger as accepted). */
export function connectTrainer(requestId: string, trainerId: string): ActionResult {
  return act((ctx) => {
    const request = findRequest(ctx, requestId);
    const trainer = ctx.reg.trainerById.get(trainerId);
    if (!trainer) throw new Error(`Trainer ${trainerId} is not in the Trainers sheet.`);
    // A double click, or the same click after a crash, connects once.
    if (ctx.reg.offerRecords.some((o) => o.requestId === requestId && o.trainerId === trainerId && o.answer === 'accepted'))
      return `${requestId} is already connected with ${trainer.row.name}.`;
    const ranked = rank(ctx, request.row).ranked.find((c) => c.trainerId === trainerId);
    recordConnection(ctx, requestId, trainerId, ranked ? `connected directly; ${reasonsText(ranked)}` : 'connected directly by the help desk', ranked?.score);
    return `Connected ${requestId} with ${trainer.row.name}.`;
  });
}

/** Sidebar: leave a request for now, saying why (kept on the row and in the Log). */
export function skipRequest(requestId: string, reason: string): ActionResult {
  return act((ctx) => {
    const request = findRequest(ctx, requestId);
    const note = `skipped ${ctx.now.toISOString().slice(0, 10)}${reason.trim() ? `: ${reason.trim()}` : ''}`;
    ctx.reg.requests.update(request, { reviewReason: [request.row.reviewReason, note].filter(Boolean).join('; ') });
    ctx.log.push({ action: 'Request skipped', subject: requestId, details: reason.trim() ? 'reason on the row' : 'no reason given' });
    return `Skipped ${requestId}.`;
  });
}

/** Menu: the best assignment of trainers to every open request without offers (previewed, nothing sent). */
export function previewPool(): PoolView {
  const ctx = context();
  // A trainer-initiated training that did not ask for a mentor needs nobody: it is not in the round.
  const open = ctx.reg.requests
    .rows()
    .filter(
      (r) =>
        OPEN.includes(r.text('status')) &&
        !(r.raw('origin') === 'trainer-initiated' && !toMatchRequest(r.row).mentorWanted) &&
        !ctx.reg.offerRecords.some((o) => o.requestId === r.text('id') && (o.answer === 'pending' || o.answer === 'accepted')),
    );
  const assignments = assignPool(
    open.map((r) => toMatchRequest(r.row)),
    ctx.reg.candidates,
    ledgerIndex(ctx),
    ctx.policy,
    ctx.now,
    ctx.offsetOf,
  );
  const nameOf = (id?: string) => (id ? (ctx.reg.trainerById.get(id)?.row.name ?? id) : undefined);
  const byId = new Map(open.map((r) => [r.text('id'), r.row]));
  const rows = assignments.map((a) => {
    const r = byId.get(a.requestId);
    const s = r ? summary(r) : undefined;
    return {
      requestId: a.requestId,
      summary: s ? `${s.origin}, ${s.languageLabel}${s.skills.length ? `, ${s.skills.slice(0, 3).join(', ')}` : ''}` : a.requestId,
      trainerId: a.trainerId,
      trainerName: nameOf(a.trainerId),
      score: a.score,
      reason: a.reason,
    };
  });
  const poolView: PoolView = {
    rows,
    assigned: rows.filter((r) => r.trainerId).length,
    unassigned: rows.filter((r) => !r.trainerId).length,
    totalScore: Math.round(rows.reduce((a, r) => a + (r.score ?? 0), 0) * 10) / 10,
  };
  userCache()?.put(POOL_KEY, JSON.stringify(poolView), 21600);
  return poolView;
}

/** Pool sidebar: the preview made by the menu. */
export function loadPoolPreview(): PoolView {
  const raw = userCache()?.get(POOL_KEY);
  if (!raw) throw new Error('The preview has expired: choose Propose for all new requests again.');
  return JSON.parse(raw) as PoolView;
}

/** Previewed offers sent per step of "Send these offers" (each ranks the request again and emails one trainer). */
export const POOL_BATCH = 20;
export const POOL_JOB_NAME = 'pool-offers';

/**
 * "Send these offers" as a job: the work list is the preview's "request|trainer" pairs. An
 * offer row for the pair is the record that it was done: a pair whose request already has a
 * pending or accepted offer to that trainer is never offered again (a repeated step, a second
 * click); a request that changed since the preview is skipped and named.
 */
export const POOL_OFFERS_JOB: JobDefinition = {
  step(_ss, state) {
    const ctx = context();
    const batch = state.items.slice(state.cursor, state.cursor + POOL_BATCH);
    for (const item of batch) {
      const [requestId, trainerId] = item.split('|');
      const already = ctx.reg.offerRecords.some(
        (o) => o.requestId === requestId && o.trainerId === trainerId && (o.answer === 'pending' || o.answer === 'accepted'),
      );
      if (already) tally(state, 'alreadyOffered');
      else {
        const request = ctx.reg.requests.rows().find((r) => r.text('id') === requestId);
        const pick = request && OPEN.includes(request.text('status')) ? rank(ctx, request.row).ranked.find((c) => c.trainerId === trainerId) : undefined;
        if (!request || !pick) {
          tally(state, 'skipped');
          note(state, requestId);
        } else {
          sendOffers(ctx, request, [pick]);
          tally(state, 'offered');
        }
      }
      state.cursor++;
      state.done++;
    }
    for (const m of ctx.messages) note(state, m);
    finish(ctx);
    return state.cursor >= state.items.length;
  },
  summary(state) {
    return {
      action: 'Send these offers',
      subject: `${state.total} requests`,
      details: poolDetails(state) + (state.executions > 1 ? `; in ${state.executions} executions` : ''),
    };
  },
};

function poolDetails(state: JobState): string {
  const c = (k: string): number => state.counts[k] ?? 0;
  return `offered ${c('offered')}${c('alreadyOffered') ? `, already offered ${c('alreadyOffered')}` : ''}${c('skipped') ? `, not sent (changed since the preview) ${c('skipped')}` : ''}`;
}

/** The sidebar's words for a finished pool job. */
function poolMessage(state: JobState): string {
  const offered = state.counts.offered ?? 0;
  const skipped = state.notes.filter((n) => /^R-/.test(n));
  const others = state.notes.filter((n) => !/^R-/.test(n));
  return `Sent ${offered} offer${offered === 1 ? '' : 's'}.${skipped.length ? ` Not sent, because the request or the trainer changed since the preview: ${skipped.join(', ')}.` : ''}${others.length ? ` ${others.join(' ')}` : ''}`;
}

/** Pool sidebar: send exactly the previewed offers (skipping any request that changed since), as a job. */
export function sendPoolOffers(): PoolResult {
  const startedAt = Date.now();
  try {
    const preview = loadPoolPreview();
    const ss = activeSpreadsheet();
    const items = preview.rows.filter((r) => r.trainerId).map((r) => `${r.requestId}|${r.trainerId}`);
    const outcome = startJob(
      ss,
      POOL_OFFERS_JOB,
      { name: POOL_JOB_NAME, title: 'Send these offers', verb: 'Sent', total: items.length, items },
      executionBudget(ss, startedAt),
    );
    if (!outcome.alreadyRunning) userCache()?.remove(POOL_KEY);
    const message = outcome.finished
      ? poolMessage(outcome.state)
      : outcome.alreadyRunning
        ? `These offers are already being sent: ${progressMessage(outcome.state)}.`
        : `${progressMessage(outcome.state)}.`;
    if (!outcome.finished) ss.toast(message, 'Send these offers', 10);
    return { ok: true, message, offered: outcome.state.counts.offered ?? 0 };
  } catch (err) {
    if (err instanceof StructureError) logStructureOnce(activeSpreadsheet(), err, 'Send these offers');
    return { ok: false, message: String((err as Error).message ?? err), offered: 0 };
  }
}
