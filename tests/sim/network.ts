import type { Random } from '../../shared/demo/random';
import type { SyncFetch } from '../../renderer/sync/http';
import type { SimAnswer, SimRequest, SimServer } from './server';

// The network between the desks and the central service, driven by the simulation's PRNG. Every
// request a desk's SyncClient makes goes through `fetchFor(desk)`; when the network is faulty a
// request may get one of these fates instead of a plain round trip:

export const FAULT_KINDS = [
  /** Never reaches the service; the desk sees a network error. */
  'dropRequest',
  /** The service processes it; the answer is lost (the desk sees a network error). */
  'dropResponse',
  /** Delivered twice, one after the other; the desk gets one of the two answers. */
  'duplicate',
  /** Delivered twice at the same time (two requests racing in the service); the desk gets one answer. */
  'duplicateConcurrent',
  /** Stuck in the network: the desk times out now (network error), the service gets it later, after newer requests. */
  'late',
  /** Answered normally, but a copy stays in the network and reaches the service later, after newer requests. */
  'echoLater',
  /** Held on the way in: the desk waits; the service processes it only when the simulation releases it. */
  'holdRequest',
  /** Processed at once, the answer held: the desk waits and gets a stale answer later. */
  'holdResponse',
  /** The service commits, then restarts before answering (the desk sees a broken connection). */
  'restartAfterCommit',
  /** A push: the service commits the first k of its n mutations (each is its own transaction), then restarts. */
  'crashMidPush',
  /** 503 without processing (database down, proxy in trouble). */
  'unavailable',
  /** A push of several mutations refused as too large (413 bodyTooLarge, a stricter proxy): the desk sends fewer at once. */
  'tooLarge',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const FAULT_WEIGHTS: Record<FaultKind, number> = {
  dropRequest: 6,
  dropResponse: 6,
  duplicate: 4,
  duplicateConcurrent: 3,
  late: 4,
  echoLater: 3,
  holdRequest: 3,
  holdResponse: 3,
  restartAfterCommit: 2,
  crashMidPush: 2,
  unavailable: 2,
  tooLarge: 2,
};

/** A desk as the network knows it. */
export interface NetworkEndpoint {
  readonly label: string;
  /** The desk's own network (its FakeNetwork): offline means nothing leaves the desk. */
  isOnline(): boolean;
}

interface Held {
  id: number;
  desk: NetworkEndpoint;
  mode: 'request' | 'response';
  request: SimRequest;
  answer: SimAnswer | null;
  resolve(response: Response): void;
  reject(error: unknown): void;
}

interface Orphan {
  id: number;
  desk: NetworkEndpoint;
  request: SimRequest;
}

const networkError = () => new TypeError('Failed to fetch');

export class SimNetwork {
  /** Probability that a request gets a fault; 0 once the network is healed. */
  faultRate: number;
  readonly faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  readonly requests = { push: 0, pull: 0, other: 0, offline: 0 };
  /** 5xx answers the service produced on its own (not the injected 503s): unexpected errors. */
  readonly serverErrors: string[] = [];
  private held: Held[] = [];
  private orphans: Orphan[] = [];
  private nextId = 1;
  private readonly blockedWaiters = new Map<NetworkEndpoint, Array<() => void>>();

  constructor(
    private readonly server: SimServer,
    private readonly rng: Random,
    private readonly trace: (line: string) => void,
    faultRate: number,
  ) {
    this.faultRate = faultRate;
  }

  /** The desk's fetch: the SyncClient's transport calls this. */
  fetchFor(desk: NetworkEndpoint): SyncFetch {
    return (url, init) => this.fetch(desk, url, init);
  }

  /** True while the desk waits for a held request or answer (its sync cycle cannot move). */
  isBlocked(desk: NetworkEndpoint): boolean {
    return this.held.some((entry) => entry.desk === desk);
  }

  /** Resolves when the desk starts waiting on a held request (or at once if it already does). */
  whenBlocked(desk: NetworkEndpoint): Promise<void> {
    if (this.isBlocked(desk)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.blockedWaiters.get(desk) ?? [];
      waiters.push(resolve);
      this.blockedWaiters.set(desk, waiters);
    });
  }

  /** Requests held in the network: desks waiting on them, and late ones nobody waits for. */
  get inFlight(): number {
    return this.held.length + this.orphans.length;
  }

  /**
   * Lets one held or late request through, chosen at random. Returns the desk whose sync cycle
   * resumes (null for a late request: nobody waits for its answer).
   */
  async deliverOne(): Promise<NetworkEndpoint | null> {
    const total = this.held.length + this.orphans.length;
    if (total === 0) return null;
    const index = this.rng.int(0, total - 1);
    if (index < this.held.length) {
      const [entry] = this.held.splice(index, 1);
      if (!entry) return null;
      await this.release(entry);
      return entry.desk;
    }
    const [orphan] = this.orphans.splice(index - this.held.length, 1);
    if (!orphan) return null;
    const answer = await this.send(orphan.request);
    this.trace(`net ${orphan.desk.label} late #${orphan.id} ${describeRequest(orphan.request)} arrives → ${describeAnswer(answer)}`);
    return null;
  }

  /** The desk was killed: whatever it waits for fails; a request still on the wire may yet arrive. */
  abandon(desk: NetworkEndpoint): void {
    const mine = this.held.filter((entry) => entry.desk === desk);
    this.held = this.held.filter((entry) => entry.desk !== desk);
    for (const entry of mine) {
      if (entry.mode === 'request' && this.rng.chance(0.5)) {
        this.orphans.push({ id: entry.id, desk, request: entry.request });
        this.trace(`net ${desk.label} #${entry.id} ${describeRequest(entry.request)} stays on the wire (desk killed)`);
      }
      entry.reject(networkError());
    }
  }

  /** The run is over (or crashed): every waiting desk gets a network error, late requests are forgotten. */
  abandonAll(): void {
    const held = this.held;
    this.held = [];
    this.orphans = [];
    for (const entry of held) entry.reject(networkError());
  }

  private async release(entry: Held): Promise<void> {
    const answer = entry.answer ?? (await this.send(entry.request));
    this.trace(`net ${entry.desk.label} release #${entry.id} ${describeRequest(entry.request)} (${entry.mode}) → ${describeAnswer(answer)}`);
    try {
      entry.resolve(toResponse(answer));
    } catch (error) {
      entry.reject(error);
    }
  }

  private async fetch(desk: NetworkEndpoint, url: string, init: Parameters<SyncFetch>[1]): Promise<Response> {
    const request: SimRequest = { method: init.method === 'GET' ? 'GET' : 'POST', path: new URL(url).pathname, headers: { ...init.headers }, body: init.body };
    const what = describeRequest(request);
    if (request.path.endsWith('/sync/push')) this.requests.push += 1;
    else if (request.path.endsWith('/sync/pull')) this.requests.pull += 1;
    else this.requests.other += 1;
    if (!desk.isOnline()) {
      this.requests.offline += 1;
      throw networkError();
    }
    const fault = this.pickFault(request);
    if (fault === null) {
      const answer = await this.send(request);
      this.trace(`net ${desk.label} ${what} → ${describeAnswer(answer)}`);
      return toResponse(answer);
    }
    this.faults[fault] += 1;
    const id = this.nextId++;
    switch (fault) {
      case 'dropRequest':
        this.trace(`net ${desk.label} ${what} ✗ dropRequest`);
        throw networkError();
      case 'dropResponse': {
        const answer = await this.send(request);
        this.trace(`net ${desk.label} ${what} ✗ dropResponse (was ${describeAnswer(answer)})`);
        throw networkError();
      }
      case 'duplicate': {
        const first = await this.send(request);
        const second = await this.send(request);
        const kept = this.rng.chance(0.5) ? first : second;
        this.trace(`net ${desk.label} ${what} ✗ duplicate → ${describeAnswer(first)} / ${describeAnswer(second)}`);
        return toResponse(kept);
      }
      case 'duplicateConcurrent': {
        const [first, second] = await Promise.all([this.send(request), this.send(request)]);
        const kept = this.rng.chance(0.5) ? first : second;
        this.trace(`net ${desk.label} ${what} ✗ duplicateConcurrent → ${describeAnswer(first)} / ${describeAnswer(second)}`);
        return toResponse(kept);
      }
      case 'late':
        this.orphans.push({ id, desk, request });
        this.trace(`net ${desk.label} ${what} ✗ late #${id} (desk times out)`);
        throw networkError();
      case 'echoLater': {
        const answer = await this.send(request);
        this.orphans.push({ id, desk, request });
        this.trace(`net ${desk.label} ${what} → ${describeAnswer(answer)}, ✗ echoLater #${id} (a copy arrives later)`);
        return toResponse(answer);
      }
      case 'holdRequest':
      case 'holdResponse': {
        const answer = fault === 'holdResponse' ? await this.send(request) : null;
        this.trace(`net ${desk.label} ${what} ✗ ${fault} #${id}${answer ? ` (processed: ${describeAnswer(answer)})` : ''}`);
        return new Promise<Response>((resolve, reject) => {
          this.held.push({ id, desk, mode: fault === 'holdRequest' ? 'request' : 'response', request, answer, resolve, reject });
          const waiters = this.blockedWaiters.get(desk) ?? [];
          this.blockedWaiters.delete(desk);
          for (const wake of waiters) wake();
        });
      }
      case 'restartAfterCommit': {
        const answer = await this.send(request);
        await this.server.restart();
        this.trace(`net ${desk.label} ${what} ✗ restartAfterCommit (was ${describeAnswer(answer)})`);
        throw networkError();
      }
      case 'crashMidPush': {
        const body = JSON.parse(request.body ?? '{}') as { mutations: unknown[] };
        const kept = this.rng.int(1, body.mutations.length - 1);
        const answer = await this.send({ ...request, body: JSON.stringify({ ...body, mutations: body.mutations.slice(0, kept) }) });
        await this.server.restart();
        this.trace(`net ${desk.label} ${what} ✗ crashMidPush after ${kept}/${body.mutations.length} (was ${describeAnswer(answer)})`);
        throw networkError();
      }
      case 'unavailable':
        this.trace(`net ${desk.label} ${what} ✗ unavailable (503)`);
        return new Response('Service Unavailable', { status: 503 });
      case 'tooLarge':
        this.trace(`net ${desk.label} ${what} ✗ tooLarge (413)`);
        return Response.json({ error: 'bodyTooLarge', message: 'a proxy refused the body' }, { status: 413 });
    }
  }

  private pickFault(request: SimRequest): FaultKind | null {
    if (this.faultRate <= 0 || !this.rng.chance(this.faultRate)) return null;
    const isPush = request.path.endsWith('/sync/push');
    const size = isPush ? pushSize(request) : 0;
    const pushOnly: readonly FaultKind[] = ['late', 'echoLater'];
    const severalMutations: readonly FaultKind[] = ['crashMidPush', 'tooLarge'];
    const entries = FAULT_KINDS.filter((kind) => (isPush || !pushOnly.includes(kind)) && (size >= 2 || !severalMutations.includes(kind))).map((kind) => [kind, FAULT_WEIGHTS[kind]] as const);
    return this.rng.weighted(entries);
  }

  private async send(request: SimRequest): Promise<SimAnswer> {
    const answer = await this.server.handle(request);
    if (!answer.interrupted && answer.status >= 500) this.serverErrors.push(`${describeRequest(request)} → ${answer.status} ${answer.payload.slice(0, 300)}`);
    return answer;
  }
}

/** What the desk's fetch gets: the answer, or a reset connection when a restart cut the request. */
function toResponse(answer: SimAnswer): Response {
  if (answer.interrupted) throw networkError();
  return new Response(answer.payload, { status: answer.status, headers: answer.headers });
}

function pushSize(request: SimRequest): number {
  try {
    return (JSON.parse(request.body ?? '{}') as { mutations?: unknown[] }).mutations?.length ?? 0;
  } catch {
    return 0;
  }
}

/** push[3..5] or pull@120: what a trace line needs to follow a desk's traffic. */
export function describeRequest(request: SimRequest): string {
  try {
    const body = JSON.parse(request.body ?? '{}') as { mutations?: Array<{ seq: number }>; cursor?: number };
    if (request.path.endsWith('/sync/push')) {
      const seqs = (body.mutations ?? []).map((mutation) => mutation.seq);
      return `push[${seqs[0] ?? '?'}..${seqs.at(-1) ?? '?'}]`;
    }
    if (request.path.endsWith('/sync/pull')) return `pull@${body.cursor ?? '?'}`;
  } catch {
    // fall through
  }
  return `${request.method} ${request.path}`;
}

export function describeAnswer(answer: SimAnswer): string {
  if (answer.interrupted) return 'cut by a restart';
  try {
    const body = JSON.parse(answer.payload) as {
      results?: Array<{ status: string; code?: string }>;
      lastProcessedSeq?: number;
      changes?: unknown[];
      cursor?: number;
      hasMore?: boolean;
      error?: string;
    };
    if (answer.status !== 200) return `${answer.status} ${body.error ?? ''}`.trim();
    if (body.results) {
      const count = (status: string) => body.results?.filter((result) => result.status === status).length ?? 0;
      const codes = body.results.filter((result) => result.code).map((result) => result.code);
      return `ok a${count('applied')} d${count('duplicate')} r${count('rejected')}${codes.length ? `(${codes.join(',')})` : ''} lps${body.lastProcessedSeq ?? '?'}`;
    }
    if (body.changes) return `ok +${body.changes.length} c${body.cursor ?? '?'}${body.hasMore ? ' more' : ''} lps${body.lastProcessedSeq ?? '?'}`;
  } catch {
    // fall through
  }
  return String(answer.status);
}
