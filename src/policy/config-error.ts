/** A mistake in a config or policy file, named by file and line (the CLI prints it as one line, exit 2). */
export class ConfigError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, message: string) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
  }
}
