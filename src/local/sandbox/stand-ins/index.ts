/**
 * The registry of API stand-ins. Each API gets one module that exports a `StandIn`; add it to
 * this list and the sandbox server routes its host to it.
 */
import type { StandIn } from '../types';
import { apolloStandIn } from './apollo';
import { boampStandIn } from './boamp';
import { claudeStandIn } from './claude';
import { hunterStandIn } from './hunter';
import { makeStandIn } from './make';
import { slackStandIn } from './slack';

export const STAND_INS: readonly StandIn[] = [
  slackStandIn,
  claudeStandIn,
  boampStandIn,
  apolloStandIn,
  hunterStandIn,
  makeStandIn,
];
