// js-yaml 4.2+ limits nesting with `maxDepth`; @types/js-yaml 4.0.9 predates the option.
import 'js-yaml';

declare module 'js-yaml' {
  interface LoadOptions {
    maxDepth?: number;
  }
}
