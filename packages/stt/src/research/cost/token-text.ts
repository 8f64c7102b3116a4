/** Token classes of research section 3.3 step 5, from each token's own text (cached per id). */
import type { DecodingTokenizer } from '../../decoding/index.js';

/** `word` spends phonemes, `pause` spends (or credits) pauses, `none` is neither (special tokens). */
export type TokenClass = 'word' | 'pause' | 'none';

const LETTER = /[\p{L}\p{N}]/u;

/** A token's text and class; `startsWord` = its text begins with whitespace (Whisper's BPE puts the space first). */
export interface TokenPiece {
  readonly text: string;
  readonly cls: TokenClass;
  readonly startsWord: boolean;
}

/** Per-id cache of `TokenPiece`s of one tokenizer. */
export class TokenPieces {
  private readonly cache = new Map<number, TokenPiece>();

  constructor(
    private readonly tokenizer: DecodingTokenizer,
    /** Timestamp tokens count as pauses (the timestamp-mode pause signal of section 3.3). */
    private readonly timestampsArePauses: boolean,
  ) {}

  get(id: number): TokenPiece {
    let p = this.cache.get(id);
    if (p === undefined) {
      p = this.classify(id);
      this.cache.set(id, p);
    }
    return p;
  }

  private classify(id: number): TokenPiece {
    const t = this.tokenizer;
    if (id >= t.timestampBegin) return { text: '', cls: this.timestampsArePauses ? 'pause' : 'none', startsWord: true };
    if (id >= t.eot) return { text: '', cls: 'none', startsWord: true };
    const text = t.decode([id]);
    if (LETTER.test(text)) return { text, cls: 'word', startsWord: /^\s/u.test(text) };
    // Whitespace and punctuation (ellipses included) are the pause class.
    return { text, cls: text.length > 0 ? 'pause' : 'none', startsWord: true };
  }
}
