import fuling2012 from '../../packs/fuling-2012.json' with { type: 'json' };
import gasUtility2020 from '../../packs/gas-utility-2020.json' with { type: 'json' };
import { builtinCalendars } from '../calendar/builtin.ts';
import { loadPolicyPack, type Policy } from './policy.ts';

/** The default pack: every number of RULES.md. */
export const fuling2012Policy: Policy = loadPolicyPack(
  fuling2012,
  'packs/fuling-2012.json',
  builtinCalendars,
);

/** The gas utility's pledges (RULES.md 9), run through the same code. */
export const gasUtility2020Policy: Policy = loadPolicyPack(
  gasUtility2020,
  'packs/gas-utility-2020.json',
  builtinCalendars,
);

export const builtinPolicies: readonly Policy[] = [fuling2012Policy, gasUtility2020Policy];
