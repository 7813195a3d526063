#!/usr/bin/env node
// `tramontane` entry point: loads the TypeScript CLI through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
