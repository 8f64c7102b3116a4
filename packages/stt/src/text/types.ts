/** A named, versioned text normaliser; results record `name` and `version` so scores stay traceable. */
export interface TextNormalizer {
  /** Stable identifier, e.g. `whisper-english`. */
  readonly name: string;
  /** Version of the behaviour (for Whisper ports: the date of the upstream commit ported). */
  readonly version: string;
  /** Maps a transcript to its normalised form. Pure: same input, same output. */
  normalize(text: string): string;
}

/** Name and version of a normaliser, as stored next to every score. */
export interface NormalizerId {
  readonly name: string;
  readonly version: string;
}

/** Upstream version ported: openai/whisper `whisper/normalizers` at commit c0d2f62 (2025-06-25). */
export const WHISPER_NORMALIZERS_VERSION = '20250625';
