import type { SourcedObject } from '../model/types.js';

/** A document's place in its file: character offsets and the 1-based line its text starts on. */
export interface DocumentSpan {
  offset: number;
  end: number;
  firstLine: number;
}

/** A suppression written in the source next to what it suppresses (`# bulwark-ignore <check-id> <reason>`). */
export interface LineSuppression {
  checkId: string;
  reason: string;
  /** The lines whose findings it suppresses (the instruction below the comment), 1-based, inclusive. */
  fromLine: number;
  toLine: number;
  /** The line of the comment itself (where a missing reason or an unknown check id is reported). */
  line?: number;
  /** JSON pointer of what it suppresses in the object (a Dockerfile's `/spec/instructions/<i>`), for findings about the comment. */
  path?: string;
}

/** An object parsed from text, with the span the locator re-reads to turn pointers into lines. */
export interface ParsedObject extends SourcedObject {
  span?: DocumentSpan;
  /** Inline suppressions of formats that have comments (Dockerfiles); matched against reports' `line`. */
  lineSuppressions?: LineSuppression[];
}
