import { BlockYamlLocator } from './block-yaml-locator.js';
import { PointerLocator, parsePointer, type Position } from './pointer-locator.js';

/** Pointer → position in one document: the block-YAML fast path, the parser when it cannot answer. */
export class DocumentLocator {
  private readonly fast: BlockYamlLocator;
  private exact: PointerLocator | undefined;

  constructor(private readonly docText: string, private readonly firstLine: number) {
    this.fast = new BlockYamlLocator(docText, firstLine);
  }

  locate(pointer: string): Position {
    let position = this.answers.get(pointer);
    if (!position) {
      position = this.fast.locate(parsePointer(pointer)) ?? (this.exact ??= new PointerLocator(this.docText, this.firstLine)).locate(pointer);
      this.answers.set(pointer, position);
    }
    return position;
  }

  /** Several checks often report the same pointer (a container's securityContext). */
  private readonly answers = new Map<string, Position>();
}
