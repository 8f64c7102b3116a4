/**
 * Whisper's audio constants, derived from each other as in OpenAI's `whisper/audio.py`.
 */

/** Samples per second Whisper expects. */
export const SAMPLE_RATE = 16_000;
/** FFT size of the short-time Fourier transform (25 ms at 16 kHz). */
export const N_FFT = 400;
/** Hop between STFT frames, in samples (10 ms at 16 kHz). */
export const HOP_LENGTH = 160;
/** Length of one decoding window, in seconds. */
export const CHUNK_LENGTH_SEC = 30;
/** Samples in one 30 s window. */
export const N_SAMPLES = CHUNK_LENGTH_SEC * SAMPLE_RATE;
/** Mel frames in one 30 s window. */
export const N_FRAMES = N_SAMPLES / HOP_LENGTH;
/** Encoder downsampling: two mel frames per encoder position. */
export const N_SAMPLES_PER_TOKEN = HOP_LENGTH * 2;
/** Mel frames per second (100). */
export const FRAMES_PER_SECOND = SAMPLE_RATE / HOP_LENGTH;
/** Timestamp tokens per second (50: one token every 20 ms). */
export const TOKENS_PER_SECOND = SAMPLE_RATE / N_SAMPLES_PER_TOKEN;
/** Seconds per timestamp token step (0.02). */
export const TIME_PRECISION = 1 / TOKENS_PER_SECOND;
