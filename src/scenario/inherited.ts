import type { Problem } from '../errors.js';

/**
 * Problems a policy only inherited through `extends` are reported once, where they were written: a problem at
 * `policies.<name>.<field>` is dropped when `inheritsFrom(name, field)` names a parent that has the same problem at the
 * same field. Scenario validation and the custom-module preflight both filter this way.
 */
export function withoutInherited(problems: Problem[], inheritsFrom: (policy: string, field: string) => string | undefined): Problem[] {
  const reported = new Set(problems.map((problem) => `${problem.path}\u0000${problem.message}`));
  return problems.filter((problem) => {
    const match = /^policies\.([^.]+)\.(.+)$/.exec(problem.path);
    if (match === null) return true;
    const parent = inheritsFrom(match[1]!, match[2]!);
    return parent === undefined || !reported.has(`policies.${parent}.${match[2]}\u0000${problem.message}`);
  });
}
