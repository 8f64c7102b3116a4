/**
 * The JSON schema the LLM scorer asks for (OpenAI `response_format: { type: 'json_schema' }`) and a
 * hand-written validator for it (no dependency): one number per circuit axis plus a confidence.
 */
import { AXES, AXIS_COUNT, clampAffect, clampUnit } from './axes.js';
import { ScorerError } from './errors.js';

const AXIS_PROPERTIES = Object.fromEntries(AXES.map((name) => [name, { type: 'number', minimum: -1, maximum: 1 }]));

/** The schema sent with every request (strict: all properties required, no others). */
export const CIRCUIT_SCORE_SCHEMA = {
  type: 'object',
  properties: { ...AXIS_PROPERTIES, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: [...AXES, 'confidence'],
  additionalProperties: false,
} as const;

/** The system prompt: numbers about the message, never a self-report of feelings (spec A0.1, A4.6.2). */
export const SCORER_SYSTEM_PROMPT = [
  'You score a chat message along eight axes, each a number from -1 to 1, and give your confidence from 0 to 1.',
  'safety: +affection/help, -threat. status: +praise/confidence given, -challenge/put-down.',
  'coherence: +reasoned and meaningful, -nonsense. moral: +in-group/confirmation, -moral accusation/violation.',
  'body: +calm, -agitated. plasticity: +invites change/novelty, -rigid. identity: +self-reference, -self-effacing.',
  'coupling: +shared "we", -isolation. Score the message, not yourself. Answer only with the JSON object.',
].join(' ');

/**
 * Parses and validates a model's answer. Wrong types, missing or extra keys are schema errors;
 * finite numbers outside their range are clamped (the output is always in range).
 */
export function parseCircuitScores(content: string): { affect: Float64Array; confidence: number } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (cause) {
    throw new ScorerError('malformed-json', `the model's answer is not JSON: ${content.slice(0, 80)}`, cause);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ScorerError('schema-invalid', 'the answer is not a JSON object');
  const obj = data as Record<string, unknown>;
  const allowed = new Set<string>([...AXES, 'confidence']);
  const extra = Object.keys(obj).filter((k) => !allowed.has(k));
  if (extra.length > 0) throw new ScorerError('schema-invalid', `unexpected keys: ${extra.join(', ')}`);
  const num = (key: string): number => {
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ScorerError('schema-invalid', `'${key}' must be a finite number`);
    return v;
  };
  const affect = new Float64Array(AXIS_COUNT);
  AXES.forEach((name, k) => (affect[k] = clampAffect(num(name))));
  return { affect, confidence: clampUnit(num('confidence')) };
}
