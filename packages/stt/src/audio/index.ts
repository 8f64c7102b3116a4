/**
 * Audio stage: decoding (WAV natively, everything else via ffmpeg, raw PCM streams), resampling to 16 kHz,
 * optional conditioning (high-pass, loudness normalisation) and Whisper's log-mel spectrogram.
 */
export type { AudioWarning, AudioWarningCode, DecodedAudio, LoadedAudio, PcmFormat, PcmSampleType } from './types.js';
export { loadAudio, MAX_NATIVE_WAV_BYTES, type LoadAudioOptions } from './load-audio.js';
export { decodeWav, isWav, MIN_WAV_SAMPLE_RATE, MAX_WAV_SAMPLE_RATE, type WavFormat } from './wav.js';
export { decodeWithFfmpeg, ffmpegArgs, type FfmpegOptions } from './ffmpeg.js';
export { decodeRawPcm, readRawPcm, loadRawPcm } from './raw-pcm.js';
export { pcmToMono } from './pcm.js';
export { conditionSamples, type ConditionOptions } from './condition.js';
export { Resampler, resample, type ResamplerOptions } from './resample.js';
export { StreamingResampler } from './streaming-resample.js';
export { highPass, DEFAULT_HIGH_PASS_HZ, type HighPassOptions } from './high-pass.js';
export { normalizeLoudness, peakLevel, rmsLevel, DEFAULT_NORM_DBFS, type NormalizeOptions } from './normalize.js';
export { logMelSpectrogram, type LogMel, type LogMelOptions } from './log-mel.js';
export { IncrementalLogMel, type IncrementalMelStats, type MelWindow } from './incremental-log-mel.js';
export { melFilterBank, hzToMel, melToHz, type MelFilterBank, type MelBins } from './mel-filters.js';
export { padOrTrimMel, padOrTrimSamples, sliceMelFrames } from './pad-or-trim.js';
