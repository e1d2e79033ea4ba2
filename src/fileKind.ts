/**
 * What a parsed YAML file looks like by its top-level keys, so a scenario given where a CRM mapping belongs (or the
 * reverse) is named for what it is instead of failing every rule of the other kind.
 */
export function looksLike(raw: object): 'scenario' | 'mapping' | 'neither' {
  const scenario = ['sources', 'team', 'policies'].some((key) => key in raw);
  const mapping = 'arrival' in raw;
  return scenario === mapping ? 'neither' : scenario ? 'scenario' : 'mapping';
}
