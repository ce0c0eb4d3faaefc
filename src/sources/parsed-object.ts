import type { SourcedObject } from '../model/types.js';

/** A document's place in its file: character offsets and the 1-based line its text starts on. */
export interface DocumentSpan {
  offset: number;
  end: number;
  firstLine: number;
}

/** An object parsed from text, with the span the locator re-reads to turn pointers into lines. */
export interface ParsedObject extends SourcedObject {
  span?: DocumentSpan;
}
