/**
 * What a parsed YAML file looks like by its top-level keys, so a scenario given where a CRM mapping belongs (or the
 * reverse) is named for what it is instead of failing every rule of the other kind.
 */
export function looksLike(raw: object): 'scenario' | 'mapping' | 'neither' {
  const scenario = ['sources', 'team', 'policies'].some((key) => key in raw);
  const mapping = 'arrival' in raw;
  return scenario === mapping ? 'neither' : scenario ? 'scenario' : 'mapping';
}

const firstContentLine = (text: string): string => text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trimStart().startsWith('#')) ?? '';

/** The first line that is not blank or a comment, as a CSV header has it: no "key:" and two or more of one delimiter. */
export function looksLikeCsv(text: string): boolean {
  const first = firstContentLine(text);
  return !first.includes(':') && [',', ';', '\t', '|'].some((delimiter) => first.split(delimiter).length >= 3);
}

/** A YAML mapping's first line (after comments): "key:" with a plain key, as neither a CSV header nor JSON starts. */
export function looksLikeYaml(text: string): boolean {
  return /^[A-Za-z_][\w.-]*:(\s|$)/.test(firstContentLine(text));
}
