/**
 * Expression benchmark: evaluations per second of realistic Mistral expressions through the full expression layer
 * (`evaluate`, i.e. detection + parse cache + evaluation + conversion), plus a plain-JS baseline of the seed's
 * get_hosts projection. Run: `npx tsx bench/expressions.ts`.
 */
import { evaluate } from '../interpreter/expressions/index';

/** A nova `servers_list` result with `n` servers (two networks each, fixed and floating addresses). */
function novaServers(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `srv-${i}`,
    name: `web-${i}`,
    status: i % 10 === 0 ? 'ERROR' : 'ACTIVE',
    addresses: {
      [`net-${i % 3}`]: [
        { addr: `10.0.${i >> 8}.${i & 255}`, version: 4, 'OS-EXT-IPS:type': 'fixed' },
        { addr: `172.24.${i >> 8}.${i & 255}`, version: 4, 'OS-EXT-IPS:type': 'floating' },
      ],
    },
    metadata: { role: i % 2 ? 'web' : 'db' },
  }));
}

const servers = novaServers(1000);
const hosts = servers.map((s) => (s as { name: string }).name);
const data = { servers, hosts, host: 'web-1', vm_name: 'web-1', retries: 3 };
const functions = { task: () => ({ result: servers }) };

const cases: [string, string][] = [
  ['get_hosts projection (YAQL, 1,000 servers)', '<% task(get_hosts).result.select({ip => $.addresses.get($.addresses.keys().first()).where($.get("OS-EXT-IPS:type") = fixed).first().addr}).ip %>'],
  ['with-items select (YAQL, 1,000 servers)', '<% $.servers.where($.status = ACTIVE).select($.name) %>'],
  ['string formatting (YAQL)', 'ssh <% $.host %> -- upgrade, retry <% $.retries %> of 5'],
  ['simple lookup (YAQL)', '<% $.host %>'],
  ['Jinja loop (1,000 hosts)', '{% for h in _.hosts %}{{ h }}{% if not loop.last %},{% endif %}{% endfor %}'],
  ['Jinja filters (1,000 servers)', "{{ _.servers | selectattr('status', 'equalto', 'ACTIVE') | map(attribute='name') | list }}"],
  ['string formatting (Jinja)', 'ssh {{ _.host }} -- upgrade, retry {{ _.retries }} of 5'],
];

/** Runs `fn` repeatedly for about `ms` milliseconds and returns calls per second. */
function rate(fn: () => unknown, ms = 1000): number {
  fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 5; i++) fn();
    n += 5;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

function projectionInJs(): unknown {
  return servers.map((s) => {
    const addresses = (s as { addresses: Record<string, { addr: string; 'OS-EXT-IPS:type': string }[]> }).addresses;
    const first = addresses[Object.keys(addresses)[0]];
    return first.filter((a) => a['OS-EXT-IPS:type'] === 'fixed')[0].addr;
  });
}

const rows: [string, number][] = [];
for (const [name, expr] of cases) rows.push([name, rate(() => evaluate(expr, { data, functions }))]);
const baseline = rate(projectionInJs);

const check = evaluate(cases[0][1], { data, functions }) as string[];
if (JSON.stringify(check) !== JSON.stringify(projectionInJs())) throw new Error('projection result differs from the JS baseline');

const width = Math.max(...rows.map(([n]) => n.length), 40);
console.log(`${'expression'.padEnd(width)}  evals/s`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(10)}`);
for (const [name, r] of rows) console.log(`${name.padEnd(width)}  ${r.toFixed(0).padStart(10)}`);
console.log(`${'plain JS get_hosts projection (baseline)'.padEnd(width)}  ${baseline.toFixed(0).padStart(10)}`);
console.log(`\nget_hosts projection: YAQL is ${(baseline / rows[0][1]).toFixed(1)}x slower than plain JS ` +
  `(${(1000 / rows[0][1]).toFixed(2)} ms per evaluation over 1,000 servers).`);
