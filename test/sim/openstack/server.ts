/**
 * The OpenStack API simulator: one HTTP server on 127.0.0.1 serving Keystone (`/identity`), Nova
 * (`/compute/<region>/v2.1`) and Cinder (`/volume/<region>/v3/<project_id>`), each also under `/internal/...` for
 * the internal interface. Stateful and in memory; the behaviour follows the public API references.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cinderRouter, volumeVersions } from './cinder';
import { fault, json, readBody, send, unauthorized, type Router, type SimReply, type SimRequest } from './http';
import { callerOf, keystoneRouter } from './keystone';
import { computeVersion, novaRouter } from './nova-compute';
import { isReply, requestedVersion } from './paging';
import { demoSeed, DEMO } from './seed';
import type { ServiceRequest } from './service';
import {
  newUuid, SimState, type OpenStackSimulatorOptions, type SimBackupFailure, type SimFault, type SimLoggedRequest,
} from './state';

/** A running simulator. */
export interface OpenStackSimulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Keystone's auth URL, as clouds.yaml's `auth_url` (`<url>/identity/v3`). */
  authUrl: string;
  port: number;
  /** The mutable state (seed data, tokens, log): tests may inspect and adjust it. */
  state: SimState;
  /** Every request received so far. */
  readonly requests: SimLoggedRequest[];
  /** Makes the next matching request(s) fail with a status or a dropped connection. */
  injectFault(fault: SimFault): void;
  /** Makes the next backup (of a volume, if given) end in `error`. */
  injectBackupFailure(failure?: SimBackupFailure): void;
  /** Invalidates every issued token (clients then get 401). */
  revokeTokens(): void;
  /** A clouds.yaml with the clouds `sim-admin`, `sim-demo`, `sim-appcred` (region: first region). */
  cloudsYaml(): string;
  /** `OS_*` variables for one demo user (default `demo`). */
  env(user?: 'admin' | 'demo' | 'alice'): Record<string, string>;
  close(): Promise<void>;
}

type Svc = 'identity' | 'compute' | 'volume' | 'other';

async function handle(
  state: SimState,
  routers: { keystone: Router; nova: Router<ServiceRequest>; cinder: Router<ServiceRequest> },
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  state.tick();
  const url = new URL(req.url ?? '/', origin);
  const method = (req.method ?? 'GET').toUpperCase();
  let path = url.pathname;
  let iface: 'public' | 'internal' = 'public';
  if (path.startsWith('/internal/')) {
    iface = 'internal';
    path = path.slice('/internal'.length);
  }
  const prefix = iface === 'internal' ? `${origin}/internal` : origin;
  const body = await readBody(req);
  const entry: SimLoggedRequest = {
    service: 'other', region: null, interface: iface, method, path: url.pathname, query: url.search,
    apiVersion: req.headers['openstack-api-version'] as string | undefined,
    authToken: req.headers['x-auth-token'] as string | undefined, status: 0,
  };
  state.log.push(entry);
  const finish = (reply: SimReply) => {
    entry.status = reply.status;
    send(res, { ...reply, headers: { 'x-openstack-request-id': `req-${newUuid()}`, ...(reply.headers ?? {}) } });
  };

  const m = /^\/(identity|compute|volume)(?:\/([^/]+))?(.*)$/.exec(path);
  if (!m) return finish(fault(404, 'The resource could not be found.'));
  const service = m[1] as Svc;
  entry.service = service;
  const fail = state.takeFault(service, method, path);
  if (fail?.drop) {
    entry.status = -1;
    req.socket.destroy();
    return;
  }
  if (fail) return finish(fault(fail.status ?? 500, fail.message ?? 'Simulated failure'));

  if (service === 'identity') {
    const rest = (m[2] ? `/${m[2]}` : '') + m[3];
    const found = routers.keystone.match(method, rest.replace(/\/$/, ''));
    if (!found) return finish(fault(404, 'The resource could not be found.'));
    if (found === 405) return finish(fault(405, 'The method is not allowed for the requested URL.'));
    const sreq: SimRequest = { method, path: rest, query: url.searchParams, headers: req.headers, body, base: `${prefix}/identity`, params: found.params };
    return finish(await found.handler(sreq));
  }

  const region = m[2] ?? '';
  const data = state.region(region);
  if (!data) return finish(fault(404, 'The resource could not be found.'));
  entry.region = region;
  let rest = m[3];
  const root = `${prefix}/${service}/${region}`;
  let base: string;
  let router: Router<ServiceRequest>;
  let version;
  if (service === 'compute') {
    if (rest === '' || rest === '/') return finish(json(300, { versions: [computeVersion(`${root}/v2.1`, state.computeMaxVersion)] }));
    if (!rest.startsWith('/v2.1')) return finish(fault(404, 'The resource could not be found.'));
    rest = rest.slice('/v2.1'.length);
    if (rest === '' || rest === '/') return finish(json(200, { version: computeVersion(`${root}/v2.1`, state.computeMaxVersion) }));
    base = `${root}/v2.1`;
    router = routers.nova;
    version = requestedVersion(req.headers, 'compute', '2.1', state.computeMaxVersion);
  } else {
    if (/^\/?(v3\/?)?$/.test(rest)) return finish(json(rest === '' || rest === '/' ? 300 : 200, volumeVersions(root, state.volumeMaxVersion)));
    const vm = /^\/v3\/([^/]+)(.*)$/.exec(rest);
    if (!vm) return finish(fault(404, 'The resource could not be found.'));
    base = `${root}/v3/${vm[1]}`;
    rest = vm[2]!;
    router = routers.cinder;
    version = requestedVersion(req.headers, 'volume', '3.0', state.volumeMaxVersion);
    const caller = callerOf(state, entry.authToken);
    if (caller && vm[1] !== caller.project.id) return finish(fault(400, 'Malformed request url'));
  }
  const caller = callerOf(state, entry.authToken);
  if (!caller) return finish(unauthorized());
  if (isReply(version)) return finish(version);
  const found = router.match(method, rest.replace(/\/$/, '') || '/');
  if (!found) return finish(fault(404, 'The resource could not be found.'));
  if (found === 405) return finish(fault(405, 'The method is not allowed for the requested URL.'));
  const sreq: ServiceRequest = {
    method, path: rest, query: url.searchParams, headers: req.headers, body, base, params: found.params,
    caller, version, data, region, state,
  };
  const reply = await found.handler(sreq);
  const vh = `${service === 'compute' ? 'compute' : 'volume'} ${version[0]}.${version[1]}`;
  finish({ ...reply, headers: { 'OpenStack-API-Version': vh, Vary: 'OpenStack-API-Version', ...(reply.headers ?? {}) } });
}

/**
 * Starts the simulator on 127.0.0.1 (a free port unless `options.port`), seeded with `demoSeed(options.regions)`
 * unless `options.seed` is given. Resolves once it listens.
 */
export async function startOpenStackSimulator(options: OpenStackSimulatorOptions = {}): Promise<OpenStackSimulator> {
  const state = new SimState(options, options.seed ?? demoSeed(options.regions ?? ['RegionOne']));
  const routers = { keystone: keystoneRouter(state), nova: novaRouter(), cinder: cinderRouter() };
  let origin = '';
  const server = createServer((req, res) => {
    handle(state, routers, origin, req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, fault(500, `Simulator error: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  const authUrl = `${origin}/identity/v3`;
  const region = state.regionNames[0]!;
  return {
    url: origin,
    authUrl,
    port,
    state,
    get requests() {
      return state.log;
    },
    injectFault: (f) => void state.faults.push({ ...f }),
    injectBackupFailure: (f = {}) => void state.backupFailures.push({ ...f }),
    revokeTokens: () => state.tokens.clear(),
    cloudsYaml: () => cloudsYaml(authUrl, region),
    env: (user = 'demo') => {
      const u = DEMO.users[user];
      const project = user === 'admin' ? 'admin' : user === 'alice' ? 'ops' : 'demo';
      return {
        OS_AUTH_URL: authUrl, OS_USERNAME: u.name, OS_PASSWORD: u.password, OS_PROJECT_NAME: project,
        OS_USER_DOMAIN_NAME: 'Default', OS_PROJECT_DOMAIN_NAME: 'Default', OS_REGION_NAME: region,
        OS_INTERFACE: 'public', OS_IDENTITY_API_VERSION: '3',
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function cloudsYaml(authUrl: string, region: string): string {
  const { users: U, applicationCredential: AC } = DEMO;
  return `clouds:
  sim-admin:
    auth:
      auth_url: ${authUrl}
      username: ${U.admin.name}
      password: ${U.admin.password}
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: ${region}
    interface: public
    identity_api_version: 3
  sim-demo:
    auth:
      auth_url: ${authUrl}
      username: ${U.demo.name}
      password: ${U.demo.password}
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: ${region}
    interface: public
    identity_api_version: 3
  sim-appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: ${authUrl}
      application_credential_id: ${AC.id}
      application_credential_secret: ${AC.secret}
    region_name: ${region}
`;
}

export type { OpenStackSimulatorOptions, SimFault, SimBackupFailure, SimLoggedRequest } from './state';
export { demoSeed, DEMO } from './seed';
