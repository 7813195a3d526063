/**
 * `npx tsx test/sim/openstack/main.ts [--port N] [--regions RegionOne,RegionTwo] [--delay-ms 2000]`: starts the
 * OpenStack simulator on 127.0.0.1 and prints a clouds.yaml and the OS_* settings to use with it. Ctrl-C stops it.
 */
import { startOpenStackSimulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sim = await startOpenStackSimulator({
  port: arg('port') ? Number(arg('port')) : 0,
  regions: arg('regions')?.split(',').map((s) => s.trim()).filter(Boolean),
  transitionDelayMs: arg('delay-ms') ? Number(arg('delay-ms')) : undefined,
});

const env = sim.env('demo');
console.log(`OpenStack simulator listening on ${sim.url} (regions: ${sim.state.regionNames.join(', ')})\n`);
console.log('# clouds.yaml (save as ./clouds.yaml, then: export OS_CLOUD=sim-demo)');
console.log(sim.cloudsYaml());
console.log('# or the OS_* variables (user demo; admin: OS_USERNAME=admin OS_PASSWORD=admin-secret OS_PROJECT_NAME=admin)');
for (const [k, v] of Object.entries(env)) console.log(`export ${k}=${v}`);
console.log('\nPress Ctrl-C to stop.');

const stop = () => {
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
