export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_INPUT = 2;

/** A failure to report as one line and exit 2: bad flags, unreadable config, missing tools. */
export class UsageError extends Error {}
