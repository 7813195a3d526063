/**
 * Worker-side implementations of the simple std actions. (std.http/std.mistral_http, std.email and
 * std.ssh/std.ssh_proxied live in their own provider folders.)
 */
import type { ActionImpl } from '../types';
import { echoAction } from './echo';
import { asyncNoopAction, noopAction } from './noop';
import { failAction } from './fail';
import { sleepAction } from './sleep';
import { testDictAction } from './test-dict';

export const actions: ActionImpl[] = [echoAction, noopAction, asyncNoopAction, failAction, sleepAction, testDictAction];
