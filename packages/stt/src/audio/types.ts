/**
 * Value types of the audio stage: PCM formats, decode results and their warnings.
 */
import type { Samples } from '../core/types.js';

/** Sample encodings the native decoders read. */
export type PcmSampleType = 'u8' | 's8' | 's16' | 's24' | 's32' | 'f32' | 'f64' | 'alaw' | 'mulaw';

/** Layout of interleaved PCM bytes. */
export interface PcmFormat {
  readonly sampleType: PcmSampleType;
  /** Frames per second of the input. */
  readonly sampleRate: number;
  /** Interleaved channels per frame; mixed to mono by averaging. */
  readonly channels: number;
  /** Byte order of multi-byte samples. Default 'le'. */
  readonly byteOrder?: 'le' | 'be';
  /**
   * Bytes per sample in the stream when larger than the sample type needs (e.g. 24-bit samples in 4-byte
   * containers, left-justified as WAVE_FORMAT_EXTENSIBLE stores them). Default: the sample type's own size.
   */
  readonly containerBytes?: number;
}

/** Stable codes of non-fatal decode problems. */
export type AudioWarningCode =
  | 'truncated-data'
  | 'partial-frame'
  | 'unknown-data-size'
  | 'truncated-chunk'
  | 'silent-audio'
  | 'clipped';

/** Something odd about the input that did not stop decoding. */
export interface AudioWarning {
  readonly code: AudioWarningCode;
  readonly message: string;
}

/** Decoded mono audio at its own sample rate, with what the decoder noticed. */
export interface DecodedAudio extends Samples {
  /** Channels in the source before mixing to mono. */
  readonly channels: number;
  readonly warnings: readonly AudioWarning[];
}

/** The result of {@link loadAudio}: 16 kHz mono float32 plus provenance and warnings. */
export interface LoadedAudio extends Samples {
  readonly warnings: readonly AudioWarning[];
  readonly source: {
    /** Which decoder read the input. */
    readonly decoder: 'wav' | 'ffmpeg' | 'raw-pcm';
    /** Sample rate of the source before resampling (for ffmpeg: 16000, ffmpeg resampled it). */
    readonly sampleRate: number;
    readonly channels: number;
  };
}
