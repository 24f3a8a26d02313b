// The pairs routes of docs/pairs-api.md, in memory, on the stub HTTP server: ETags, If-Match, 412 with `current`
// and `changed`, 400 validation problems. Just enough of the contract to drive the My peers view over real HTTP.
import type { Agreement, Commitment, Goal, Pair, PairMember } from '../../src/api/pairTypes';
import type { Me } from '../../src/api/types';
import type { PairSummary } from '../../src/api/pairTypes';
import { problemJson, type RecordedRequest, type StubReply, type StubServer } from './stubServer';

export const anaMember: PairMember = { userId: 'ana-id', mail: 'ana.souza@contoso.dev', displayName: 'Ana Souza', acceptedAt: '2026-11-20T10:00:00Z' };
export const benMember: PairMember = { userId: 'ben-id', mail: 'ben.carter@contoso.dev', displayName: 'Ben Carter', acceptedAt: '2026-11-21T10:00:00Z' };
export const anaMe: Me = { id: 'ana-id', displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo', windowsTimeZone: 'E. South America Standard Time', officeLocation: null };

export const sampleAgreement: Agreement = {
  purpose: 'Grow as engineering leads',
  cadence: 'every2Weeks',
  durationMinutes: 60,
  confidentiality: 'What we discuss stays between us unless we both agree otherwise.',
  boundaries: 'No performance reviews of each other.',
  startDate: '2026-12-07',
  plannedEndDate: '2027-06-07',
};

const stamp = '2026-11-22T10:00:00Z';

export function makePair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: 'p1',
    etag: 'W/"p1-0"',
    status: 'active',
    members: [anaMember, benMember],
    agreement: sampleAgreement,
    proposedBy: 'ana-id',
    createdAt: stamp,
    updatedAt: stamp,
    closedAt: null,
    closedBy: null,
    closingNote: null,
    ...overrides,
  };
}

export function makeGoal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: 'g1',
    etag: 'W/"g1-0"',
    pairId: 'p1',
    ownerId: 'ana-id',
    title: 'Run a design review',
    measure: 'Two reviews led, feedback collected',
    targetDate: '2027-03-01',
    progress: 40,
    status: 'active',
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export function makeCommitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 'c1',
    etag: 'W/"c1-0"',
    pairId: 'p1',
    ownerId: 'ana-id',
    text: 'Send Ben the RFC draft',
    due: '2026-12-08',
    status: 'open',
    overdue: false,
    createdInSession: null,
    closedInSession: null,
    createdAt: stamp,
    updatedAt: stamp,
    closedAt: null,
    ...overrides,
  };
}

type Problem = Record<string, string[]>;

export const emptySummary: PairSummary = {
  nextSession: null,
  sessionsHeld: 0,
  commitments: { open: 0, overdue: 0, done: 0, dropped: 0 },
  goals: { active: 0, achieved: 0, averageProgress: null },
};

const validation = (errors: Problem): StubReply => ({
  status: 400,
  headers: problemJson,
  json: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors },
});

/** An in-memory pairs service for one signed-in person (`meId`). */
export class PairsBackend {
  readonly pairs = new Map<string, Pair>();
  readonly goals = new Map<string, Goal>();
  readonly commitments = new Map<string, Commitment>();
  /** Every version each resource had, by ETag, so a 412 can say what changed since the client's version. */
  private readonly versions = new Map<string, unknown>();
  private counter = 0;
  /** Runs as a change to a pair arrives, before it is checked: a peer's change racing the pane's. */
  beforeChange: (() => void) | null = null;
  /** What GET …/summary answers per pair (nothing planned, nothing held when not set). */
  readonly summaries = new Map<string, PairSummary>();
  /** The default due date for a new commitment when the request has none (the pair's next session). */
  nextSessionDate = '2026-12-21';

  constructor(
    private readonly server: StubServer,
    readonly meId = 'ana-id',
  ) {
    server.on('GET /api/pairs', () => ({ json: { pairs: [...this.pairs.values()].reverse() } }));
    server.on('POST /api/pairs', (r) => this.propose(r));
  }

  private etag(id: string) {
    return `W/"${id}-${++this.counter}"`;
  }

  private remember<T extends { etag: string }>(item: T): T {
    this.versions.set(item.etag, structuredClone(item));
    return item;
  }

  private reply<T extends { etag: string }>(item: T, status = 200): StubReply {
    return { status, headers: { ETag: item.etag }, json: item };
  }

  /** If-Match against the stored version: 428 without it, 412 with `current` and `changed` when stale. */
  private precondition<T extends { etag: string }>(request: RecordedRequest, current: T, fields: readonly (keyof T & string)[]): StubReply | null {
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string') return { status: 428, headers: problemJson, json: { title: 'If-Match is required.', status: 428 } };
    if (ifMatch === current.etag) return null;
    const seen = this.versions.get(ifMatch) as T | undefined;
    const changed = seen === undefined ? [] : fields.filter((f) => JSON.stringify(seen[f]) !== JSON.stringify(current[f]));
    return {
      status: 412,
      headers: problemJson,
      json: { title: 'The resource changed since you read it.', status: 412, current, changed },
    };
  }

  addPair(pair: Pair): Pair {
    this.pairs.set(pair.id, this.remember(pair));
    const base = `/api/pairs/${pair.id}`;
    const s = this.server;
    s.on(`GET ${base}`, () => this.reply(this.pair(pair.id)));
    s.on(`PUT ${base}/agreement`, (r) =>
      this.changePair(r, pair.id, (p) => ({
        ...p,
        agreement: JSON.parse(r.body) as Agreement,
        status: p.status === 'active' ? 'proposed' : p.status,
        members: p.members.map((m) => (m.userId === this.meId ? m : { ...m, acceptedAt: null })),
      })),
    );
    s.on(`POST ${base}/accept`, (r) =>
      this.changePair(r, pair.id, (p) => {
        const members = p.members.map((m) => (m.userId === this.meId ? { ...m, acceptedAt: stamp } : m));
        return { ...p, members, status: members.every((m) => m.acceptedAt !== null) ? 'active' : p.status };
      }),
    );
    s.on(`POST ${base}/pause`, (r) => this.changePair(r, pair.id, (p) => ({ ...p, status: 'paused' })));
    s.on(`POST ${base}/resume`, (r) => this.changePair(r, pair.id, (p) => ({ ...p, status: 'active' })));
    s.on(`POST ${base}/close`, (r) =>
      this.changePair(r, pair.id, (p) => ({ ...p, status: 'closed', closedAt: stamp, closedBy: this.meId, closingNote: (JSON.parse(r.body) as { note?: string }).note || null })),
    );
    s.on(`GET ${base}/summary`, () => ({ json: this.summaries.get(pair.id) ?? emptySummary }));
    s.on(`GET ${base}/goals`, () => ({ json: { goals: [...this.goals.values()].filter((g) => g.pairId === pair.id) } }));
    s.on(`POST ${base}/goals`, (r) => this.addGoalFrom(r, pair.id));
    s.on(`GET ${base}/commitments`, (r) => {
      const status = r.query.get('status') ?? 'open';
      return { json: { commitments: [...this.commitments.values()].filter((c) => c.pairId === pair.id && (status === 'all' || c.status === status)) } };
    });
    s.on(`POST ${base}/commitments`, (r) => this.addCommitmentFrom(r, pair.id));
    return pair;
  }

  pair(id: string): Pair {
    const pair = this.pairs.get(id);
    if (!pair) throw new Error(`no pair ${id}`);
    return pair;
  }

  private changePair(request: RecordedRequest, id: string, change: (p: Pair) => Pair): StubReply {
    this.beforeChange?.();
    const current = this.pair(id);
    const failed = this.precondition(request, current, ['status', 'agreement', 'members']);
    if (failed) return failed;
    if (current.status === 'closed') return { status: 409, headers: problemJson, json: { title: 'This pair is closed.', status: 409, detail: 'This pair is closed.' } };
    const next = this.remember({ ...change(current), etag: this.etag(id) });
    this.pairs.set(id, next);
    return this.reply(next);
  }

  /** Another member changes a pair (e.g. edits the agreement) behind the pane's back. */
  peerChangesPair(id: string, change: (p: Pair) => Pair): Pair {
    const next = this.remember({ ...change(this.pair(id)), etag: this.etag(id) });
    this.pairs.set(id, next);
    return next;
  }

  propose(request: RecordedRequest): StubReply {
    const body = JSON.parse(request.body) as { peers: string[]; agreement: Agreement };
    const errors: Problem = {};
    if (body.agreement.purpose.trim() === '') errors['Agreement.Purpose'] = ['The purpose is required.'];
    if (body.peers.some((p) => !p.endsWith('@contoso.dev'))) errors['peers[0]'] = ['No one in your organisation has that address.'];
    if (Object.keys(errors).length > 0) return validation(errors);
    const id = `p${this.pairs.size + 1}`;
    const members: PairMember[] = [
      { ...anaMember, acceptedAt: stamp },
      ...body.peers.map((mail, i) => ({ userId: `${mail.split('@')[0]}-id-${i}`, mail, displayName: mail.split('@')[0] ?? mail, acceptedAt: null })),
    ];
    const pair = this.addPair(makePair({ id, etag: this.etag(id), status: 'proposed', members, agreement: body.agreement }));
    return this.reply(pair, 201);
  }

  addGoal(goal: Goal): Goal {
    this.goals.set(goal.id, this.remember(goal));
    this.server.on(`PATCH /api/pairs/${goal.pairId}/goals/${goal.id}`, (r) => {
      const current = this.goals.get(goal.id) as Goal;
      const failed = this.precondition(r, current, ['title', 'measure', 'targetDate', 'progress', 'status']);
      if (failed) return failed;
      if (current.ownerId !== this.meId) return { status: 403, headers: problemJson, json: { title: 'Only the owner changes a goal.', status: 403 } };
      const next = this.remember({ ...current, ...(JSON.parse(r.body) as Partial<Goal>), etag: this.etag(goal.id) });
      this.goals.set(goal.id, next);
      return this.reply(next);
    });
    return goal;
  }

  private addGoalFrom(request: RecordedRequest, pairId: string): StubReply {
    const body = JSON.parse(request.body) as { title: string; measure: string; targetDate: string };
    if (body.targetDate < '2000-01-01') return validation({ targetDate: ['The target date must be within two years from today.'] });
    const id = `g${this.goals.size + 1}`;
    const goal = this.addGoal(makeGoal({ id, etag: this.etag(id), pairId, ownerId: this.meId, progress: 0, ...body }));
    return this.reply(goal, 201);
  }

  addCommitment(commitment: Commitment): Commitment {
    this.commitments.set(commitment.id, this.remember(commitment));
    this.server.on(`PATCH /api/pairs/${commitment.pairId}/commitments/${commitment.id}`, (r) => {
      const current = this.commitments.get(commitment.id) as Commitment;
      const failed = this.precondition(r, current, ['text', 'due', 'status', 'ownerId']);
      if (failed) return failed;
      const changes = JSON.parse(r.body) as Partial<Commitment>;
      const invalid = this.checkCommitment(changes);
      if (invalid) return invalid;
      const next = this.remember({ ...current, ...changes, etag: this.etag(commitment.id) });
      this.commitments.set(commitment.id, next);
      return this.reply(next);
    });
    return commitment;
  }

  /** Another member changes a commitment behind the pane's back. */
  peerChangesCommitment(id: string, changes: Partial<Commitment>): Commitment {
    const next = this.remember({ ...(this.commitments.get(id) as Commitment), ...changes, etag: this.etag(id) });
    this.commitments.set(id, next);
    return next;
  }

  private checkCommitment(body: Partial<Commitment>): StubReply | null {
    const errors: Problem = {};
    if (body.text !== undefined && (body.text.trim() === '' || body.text.length > 1000)) errors.text = ['The text is 1-1000 characters.'];
    if (body.due !== undefined && body.due < '2000-01-01') errors.due = ['The due date must be between a year ago and two years from today.'];
    return Object.keys(errors).length > 0 ? validation(errors) : null;
  }

  private addCommitmentFrom(request: RecordedRequest, pairId: string): StubReply {
    const body = JSON.parse(request.body) as { text: string; ownerId?: string; due?: string };
    const invalid = this.checkCommitment(body);
    if (invalid) return invalid;
    const id = `c${this.commitments.size + 1}`;
    const commitment = this.addCommitment(
      makeCommitment({ id, etag: this.etag(id), pairId, text: body.text, ownerId: body.ownerId ?? this.meId, due: body.due ?? this.nextSessionDate }),
    );
    return this.reply(commitment, 201);
  }
}
