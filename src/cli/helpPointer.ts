/** Where a usage error sends the reader: the command's own help lists its flags, the top-level one only the commands. */
export const helpPointer = (command: string | undefined): string => `Run "handoff ${command === undefined ? '' : `${command} `}--help" for usage.`;

/**
 * A usage error that starts with a flag (`--replications must be ...`) is about how the command was typed: it ends with
 * the pointer to the help, as yargs' own errors do. One about a file or folder (a taken --out, a scenario's contents)
 * names that file and its fix instead.
 */
export const isAboutAFlag = (message: string): boolean => /^--[a-z]/.test(message);
