/**
 * Keystone v3 for the simulator: `POST /v3/auth/tokens` with the password, token and application_credential
 * methods, project scope by id or name+domain, a service catalog with compute and block-storage/volumev3 endpoints
 * (public and internal) per region, token expiry, validation and revocation.
 */
import { json, keystoneError, Router, unauthorized, type SimReply, type SimRequest } from './http';
import type { SimProject, SimToken, SimUser } from './model';
import { newHexId, type SimState } from './state';

/** Who a valid token belongs to, as the services see it. */
export interface Caller {
  token: SimToken;
  user: SimUser;
  project: SimProject;
  roles: string[];
  isAdmin: boolean;
}

function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

/** Resolves the `X-Auth-Token` of a request to its caller; undefined when missing, unknown, expired or unscoped. */
export function callerOf(state: SimState, tokenId: string | undefined): Caller | undefined {
  if (!tokenId) return undefined;
  const token = state.tokens.get(tokenId);
  if (!token || token.expires_at <= state.now() || !token.project_id) return undefined;
  const user = state.seed.identity.users.find((u) => u.id === token.user_id);
  const project = state.seed.identity.projects.find((p) => p.id === token.project_id);
  if (!user || !project) return undefined;
  const roles = user.roles[project.id] ?? [];
  return { token, user, project, roles, isAdmin: roles.includes('admin') };
}

/** The service catalog for a project, as Keystone renders it. `origin` is `http://127.0.0.1:<port>`. */
export function catalogFor(state: SimState, origin: string, projectId: string): unknown[] {
  const endpoints = (kind: string, path: (region: string) => string) =>
    state.regionNames.flatMap((region, i) => [
      { id: `${kind}-${i}-public`, interface: 'public', region, region_id: region, url: `${origin}${path(region)}` },
      { id: `${kind}-${i}-internal`, interface: 'internal', region, region_id: region, url: `${origin}/internal${path(region)}` },
    ]);
  return [
    { id: 'svc-identity', type: 'identity', name: 'keystone', endpoints: endpoints('identity', () => '/identity') },
    { id: 'svc-compute', type: 'compute', name: 'nova', endpoints: endpoints('compute', (r) => `/compute/${r}/v2.1`) },
    { id: 'svc-block-storage', type: 'block-storage', name: 'cinder', endpoints: endpoints('block-storage', (r) => `/volume/${r}/v3/${projectId}`) },
    { id: 'svc-volumev3', type: 'volumev3', name: 'cinderv3', endpoints: endpoints('volumev3', (r) => `/volume/${r}/v3/${projectId}`) },
  ];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class AuthFailure extends Error {
  constructor(readonly reply: SimReply) {
    super('auth failure');
  }
}

const badRequest = (msg: string) =>
  new AuthFailure(keystoneError(400, 'Bad Request', `${msg} The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`));
const denied = () => new AuthFailure(unauthorized());

function findDomainId(state: SimState, d: unknown): string {
  if (!isObj(d)) throw badRequest('Expecting to find domain in user.');
  if (typeof d.id === 'string') return d.id;
  if (typeof d.name === 'string') return d.name.toLowerCase() === 'default' ? 'default' : `name:${d.name}`;
  throw badRequest('Expecting to find id or name in domain.');
}

function findUser(state: SimState, u: unknown): SimUser {
  if (!isObj(u)) throw badRequest('Expecting to find user in password.');
  const users = state.seed.identity.users;
  if (typeof u.id === 'string') {
    const user = users.find((x) => x.id === u.id);
    if (!user) throw denied();
    return user;
  }
  if (typeof u.name !== 'string') throw badRequest('Expecting to find id or name in user.');
  const domainId = findDomainId(state, u.domain);
  const user = users.find((x) => x.name === u.name && x.domain_id === domainId);
  if (!user) throw denied();
  return user;
}

function findProject(state: SimState, scope: unknown): SimProject | null {
  if (scope === undefined || scope === null || scope === 'unscoped') return null;
  if (!isObj(scope) || !isObj(scope.project)) throw badRequest('Only project scope is supported by the simulator.');
  const p = scope.project;
  const projects = state.seed.identity.projects;
  if (typeof p.id === 'string') {
    const found = projects.find((x) => x.id === p.id);
    if (!found) throw denied();
    return found;
  }
  if (typeof p.name !== 'string') throw badRequest('Expecting to find id or name in project.');
  const domainId = findDomainId(state, p.domain);
  const found = projects.find((x) => x.name === p.name && x.domain_id === domainId);
  if (!found) throw denied();
  return found;
}

function issue(state: SimState, req: SimRequest): SimReply {
  const body = req.body;
  if (!isObj(body) || !isObj(body.auth) || !isObj(body.auth.identity)) throw badRequest('Expecting to find auth in request body.');
  const { identity, scope } = body.auth as { identity: Obj; scope?: unknown };
  const methods = identity.methods;
  if (!Array.isArray(methods) || methods.length === 0) throw badRequest('Expecting to find methods in identity.');
  const method = String(methods[0]);
  const now = state.now();
  let user: SimUser;
  let project: SimProject | null;
  let expiresAt = now + state.tokenTtlMs;
  let appCredId: string | undefined;

  if (method === 'password') {
    const pw = identity.password;
    if (!isObj(pw)) throw badRequest('Expecting to find password in identity.');
    user = findUser(state, pw.user);
    if (!isObj(pw.user) || pw.user.password !== user.password) throw denied();
    project = findProject(state, scope);
  } else if (method === 'token') {
    const t = identity.token;
    if (!isObj(t) || typeof t.id !== 'string') throw badRequest('Expecting to find id in token.');
    const old = state.tokens.get(t.id);
    if (!old || old.expires_at <= now) throw denied();
    user = state.seed.identity.users.find((u) => u.id === old.user_id)!;
    project = findProject(state, scope) ?? state.seed.identity.projects.find((p) => p.id === old.project_id) ?? null;
    expiresAt = old.expires_at; // a token made from a token never outlives it
    appCredId = old.application_credential_id;
  } else if (method === 'application_credential') {
    const ac = identity.application_credential;
    if (!isObj(ac) || typeof ac.secret !== 'string') throw badRequest('Expecting to find secret in application_credential.');
    const creds = state.seed.identity.applicationCredentials;
    const cred = typeof ac.id === 'string'
      ? creds.find((c) => c.id === ac.id)
      : creds.find((c) => c.name === ac.name && isObj(ac.user) && c.user_id === findUser(state, ac.user).id);
    if (!cred || cred.secret !== ac.secret) throw denied();
    if (scope !== undefined) throw denied(); // application credentials carry their own scope
    user = state.seed.identity.users.find((u) => u.id === cred.user_id)!;
    project = state.seed.identity.projects.find((p) => p.id === cred.project_id)!;
    appCredId = cred.id;
  } else {
    throw new AuthFailure(keystoneError(401, 'Unauthorized', `Attempted to authenticate with an unsupported method.`));
  }
  if (project && !(user.roles[project.id]?.length)) throw denied();

  const id = `gAAAAA${newHexId(24)}`;
  const token: SimToken = {
    id, user_id: user.id, project_id: project?.id ?? null, methods: [method], issued_at: now, expires_at: expiresAt,
    application_credential_id: appCredId,
  };
  state.tokens.set(id, token);
  return json(201, { token: renderToken(state, req, token) }, { 'X-Subject-Token': id });
}

function renderToken(state: SimState, req: SimRequest, token: SimToken): Obj {
  const user = state.seed.identity.users.find((u) => u.id === token.user_id)!;
  const domain = { id: 'default', name: 'Default' };
  const out: Obj = {
    methods: token.methods,
    user: { id: user.id, name: user.name, domain, password_expires_at: null },
    audit_ids: [newHexId(8)],
    expires_at: keystoneTime(token.expires_at),
    issued_at: keystoneTime(token.issued_at),
  };
  if (token.project_id) {
    const project = state.seed.identity.projects.find((p) => p.id === token.project_id)!;
    out.project = { id: project.id, name: project.name, domain };
    out.is_domain = false;
    out.roles = (user.roles[project.id] ?? []).map((r) => ({ id: `role-${r}`, name: r }));
    out.catalog = catalogFor(state, new URL(req.base).origin, project.id);
  }
  if (token.application_credential_id) out.application_credential = { id: token.application_credential_id, restricted: true };
  return out;
}

/** Builds the Keystone router (paths relative to `/identity`). */
export function keystoneRouter(state: SimState): Router {
  const versionDoc = (base: string) => ({
    id: 'v3.14', status: 'stable', updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${base}/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  });
  const guard = (fn: (req: SimRequest) => SimReply) => (req: SimRequest) => {
    try {
      return fn(req);
    } catch (e) {
      if (e instanceof AuthFailure) return e.reply;
      throw e;
    }
  };
  const validate = (req: SimRequest): SimReply | undefined => {
    const caller = state.tokens.get(String(req.headers['x-auth-token'] ?? ''));
    if (!caller || caller.expires_at <= state.now()) return unauthorized();
    return undefined;
  };
  return new Router()
    .add('GET', '', (req) => json(300, { versions: { values: [versionDoc(req.base)] } }))
    .add('GET', '/v3', (req) => json(200, { version: versionDoc(req.base) }))
    .add('POST', '/v3/auth/tokens', guard((req) => issue(state, req)))
    .add('GET', '/v3/auth/tokens', (req) => {
      const bad = validate(req);
      if (bad) return bad;
      const subject = state.tokens.get(String(req.headers['x-subject-token'] ?? ''));
      if (!subject || subject.expires_at <= state.now()) return keystoneError(404, 'Not Found', 'Could not find token.');
      return json(200, { token: renderToken(state, req, subject) }, { 'X-Subject-Token': subject.id });
    })
    .add('DELETE', '/v3/auth/tokens', (req) => {
      const bad = validate(req);
      if (bad) return bad;
      const id = String(req.headers['x-subject-token'] ?? '');
      if (!state.tokens.delete(id)) return keystoneError(404, 'Not Found', 'Could not find token.');
      return { status: 204 };
    });
}
