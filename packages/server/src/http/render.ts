/** A transcript in each of OpenAI's response formats (body and content type). */
import { formatTranscript, toVerboseJson } from '@cephalon/stt';
import type { Transcript, VerboseJson } from '@cephalon/stt';
import type { Granularity, ResponseFormat } from './audio-params.js';

export interface Rendered {
  readonly contentType: string;
  readonly body: string;
}

/** OpenAI's `usage` for models billed by duration (whole seconds, rounded up). */
function usage(t: Transcript): { readonly type: 'duration'; readonly seconds: number } {
  return { type: 'duration', seconds: Math.ceil(t.durationSec) };
}

/** OpenAI's `verbose_json` body: `segments` only when segment granularity is asked (or none is). */
export type VerboseBody = Omit<VerboseJson, 'segments'> & { readonly segments?: VerboseJson['segments']; readonly usage: ReturnType<typeof usage> };

/** `verbose_json`: the library's OpenAI-shaped object; `segments` and `words` as the granularities ask. */
export function verboseJson(t: Transcript, task: 'transcribe' | 'translate', granularities: readonly Granularity[]): VerboseBody {
  const full = toVerboseJson(t, { task });
  const wantSegments = granularities.length === 0 || granularities.includes('segment');
  const { segments, words, ...rest } = full;
  return {
    ...rest,
    ...(wantSegments ? { segments } : {}),
    ...(granularities.includes('word') && words !== undefined ? { words } : {}),
    usage: usage(t),
  };
}

export function render(t: Transcript, format: ResponseFormat, task: 'transcribe' | 'translate', granularities: readonly Granularity[]): Rendered {
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: JSON.stringify({ text: t.text, usage: usage(t) }) };
    case 'verbose_json':
      return { contentType: 'application/json', body: JSON.stringify(verboseJson(t, task, granularities)) };
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${t.text.trim()}\n` };
    case 'srt':
      return { contentType: 'text/plain; charset=utf-8', body: formatTranscript(t, 'srt') };
    case 'vtt':
      return { contentType: 'text/vtt; charset=utf-8', body: formatTranscript(t, 'vtt') };
  }
}
