import { it } from 'vitest';
import { checkDefinition } from './check';
import { definitionCase } from './definitions.test';
it('prof', () => {
  const times: [number, number, number, string][] = [];
  let total = 0;
  for (let i = 0; i < 4500; i++) {
    const { text, rng, origin } = definitionCase(202607, i);
    const t0 = performance.now();
    checkDefinition(text, rng);
    const dt = performance.now() - t0; total += dt;
    times.push([dt, i, text.length, origin]);
  }
  times.sort((a, b) => b[0] - a[0]);
  console.log(times.slice(0, 25).map((t) => `${Math.round(t[0])} ${t[1]} ${t[2]} ${t[3]}`).join('\n'));
  console.log('total', Math.round(total), 'over 100ms:', times.filter(t => t[0] > 100).reduce((a, t) => a + t[0], 0));
}, 600000);
