import type { Policy } from '../policy/policy.ts';
import type { PostedEvent } from './event.ts';

/**
 * The problems of an event that only the policy in force can see: codes the pack defines (criteria,
 * fault and callback kinds, finding rules, exemption causes, over-level bodies). The API checks these
 * at ingest, so an event the workers cannot apply is refused instead of accepted.
 */
export function policyProblems(policy: Policy, event: PostedEvent): { path: string; message: string }[] {
  const { pack } = policy;
  const problems: { path: string; message: string }[] = [];
  const check = (path: string, value: string, known: readonly string[], what: string) => {
    const plural = what === 'criterion' ? 'criteria' : `${what}s`;
    if (!known.includes(value)) {
      problems.push({
        path,
        message: `${value} is not one of the ${plural} of policy ${pack.version} (known: ${known.join(', ')})`,
      });
    }
  };
  switch (event.type) {
    case 'complaint.responsibility_set': {
      const criteria = pack.complaints.classes.flatMap((cls) => cls.criteria);
      for (const [i, criterion] of (event.data.criteria ?? []).entries()) {
        check(`data.criteria[${i}]`, criterion, criteria, 'criterion');
      }
      break;
    }
    case 'fault.reported':
      check('data.kind', event.data.kind, Object.keys(pack.faults.kinds), 'fault kind');
      break;
    case 'fault.exemption_approved':
      check('data.cause', event.data.cause, pack.faults.exemptionCauses, 'exemption cause');
      break;
    case 'callback.opened':
      check('data.kind', event.data.kind, Object.keys(pack.callbacks.kinds), 'callback kind');
      break;
    case 'finding.recorded':
      check('data.rule', event.data.rule, Object.keys(pack.findings.rules), 'finding rule');
      break;
    default:
      break;
  }
  return problems;
}
