import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenStackSimulator, DEMO, type OpenStackSimulator } from './server';

let sim: OpenStackSimulator;
let clock = Date.now();
beforeAll(async () => {
  sim = await startOpenStackSimulator({ tokenTtlSeconds: 60, maxLimit: 2, regions: ['RegionOne', 'RegionTwo'], now: () => clock });
});
afterAll(() => sim.close());

async function token(user = 'demo', password = 'demo-secret', project = 'demo'): Promise<{ id: string; body: any }> {
  const res = await fetch(`${sim.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
        scope: { project: { name: project, domain: { id: 'default' } } },
      },
    }),
  });
  return { id: res.headers.get('x-subject-token') ?? '', body: await res.json() };
}

const get = (path: string, tok: string, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}${path}`, { headers: { 'X-Auth-Token': tok, ...headers } });

describe('OpenStack simulator', () => {
  it('issues project-scoped tokens with a two-region catalog (compute, block-storage, volumev3)', async () => {
    const { id, body } = await token();
    expect(id).toMatch(/^gAAAAA/);
    expect(body.token.project).toEqual({ id: DEMO.projects.demo, name: 'demo', domain: { id: 'default', name: 'Default' } });
    const types = body.token.catalog.map((s: { type: string }) => s.type);
    expect(types).toEqual(['identity', 'compute', 'block-storage', 'volumev3']);
    const compute = body.token.catalog[1].endpoints.map((e: { region: string; interface: string }) => `${e.region}/${e.interface}`);
    expect(compute).toEqual(['RegionOne/public', 'RegionOne/internal', 'RegionTwo/public', 'RegionTwo/internal']);
    expect(body.token.catalog[2].endpoints[0].url).toBe(`${sim.url}/volume/RegionOne/v3/${DEMO.projects.demo}`);
  });

  it('answers 401 with Keystone’s body for bad passwords, and for expired or missing tokens', async () => {
    const bad = await token('demo', 'nope');
    expect(bad.body).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
    const { id } = await token();
    expect((await get('/compute/RegionOne/v2.1/servers', id)).status).toBe(200);
    expect((await get('/compute/RegionOne/v2.1/servers', '')).status).toBe(401);
    clock += 61_000;
    expect((await get('/compute/RegionOne/v2.1/servers', id)).status).toBe(401);
  });

  it('pages servers with servers_links while pages are full', async () => {
    const { id } = await token();
    const first = (await (await get('/compute/RegionOne/v2.1/servers', id)).json()) as any;
    expect(first.servers.length).toBe(2);
    const next = new URL(first.servers_links[0].href);
    expect(next.searchParams.get('marker')).toBe(first.servers[1].id);
    const second = (await (await get(next.pathname + next.search, id)).json()) as any;
    expect(second.servers.length).toBe(1);
    expect(second.servers_links).toBeUndefined();
  });

  it('rejects microversions out of range with 406, and echoes the version it used', async () => {
    const { id } = await token();
    const tooNew = await get('/compute/RegionOne/v2.1/servers', id, { 'OpenStack-API-Version': 'compute 2.200' });
    expect(tooNew.status).toBe(406);
    expect(await tooNew.json()).toEqual({ HTTPNotAcceptable: { code: 406, message: 'Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.96.' } });
    const ok = await get('/volume/RegionOne/v3/' + DEMO.projects.demo + '/volumes', id, { 'OpenStack-API-Version': 'volume 3.50' });
    expect(ok.headers.get('openstack-api-version')).toBe('volume 3.50');
  });

  it('serves version documents without a token', async () => {
    const nova = (await (await fetch(`${sim.url}/compute/RegionOne/v2.1`)).json()) as any;
    expect(nova.version).toMatchObject({ id: 'v2.1', version: '2.96', min_version: '2.1' });
    const cinder = (await (await fetch(`${sim.url}/volume/RegionTwo/`)).json()) as any;
    expect(cinder.versions[0]).toMatchObject({ id: 'v3.0', version: '3.71', min_version: '3.0' });
  });

  it('keeps regions apart', async () => {
    const { id } = await token();
    const r2 = (await (await get('/compute/RegionTwo/v2.1/servers', id)).json()) as any;
    expect(r2.servers.map((s: { name: string }) => s.name)).toEqual(['web-r2']);
  });

  it('prints clouds.yaml and OS_* settings from the CLI', async () => {
    // one process (node with the tsx loader), so killing it leaves nothing behind
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sim/openstack/main.ts', '--regions', 'RegionOne,RegionTwo'], {
      cwd: `${__dirname}/../../..`,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no output: ${out}`)), 30_000);
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('Press Ctrl-C')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    await exited;
    expect(out).toMatch(/OpenStack simulator listening on http:\/\/127\.0\.0\.1:\d+ \(regions: RegionOne, RegionTwo\)/);
    expect(out).toContain('  sim-demo:\n    auth:\n');
    expect(out).toMatch(/export OS_AUTH_URL=http:\/\/127\.0\.0\.1:\d+\/identity\/v3\n/);
    expect(out).toContain('export OS_PASSWORD=demo-secret');
  });
});
