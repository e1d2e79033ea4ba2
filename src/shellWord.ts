/** One shell word, quoted only when it needs to be: a printed command must still work when copied, even for "my file.yaml". */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
