/** Word lists of the lexicon scorer's lexical cues (lower case). Documented in docs/eidolon-loop.md. */

export const SECOND_PERSON: ReadonlySet<string> = new Set(['you', 'your', 'yours', 'yourself', "you're", 'youre', 'u', 'ur']);
export const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", 'im', "i've", "i'd", "i'll"]);
export const FIRST_PLURAL: ReadonlySet<string> = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", 'together']);
export const NEGATIONS: ReadonlySet<string> = new Set(['not', "don't", 'dont', 'never', "can't", 'cant', "isn't", "aren't", "won't", 'no']);
/** Sentence-initial base verbs that mark an imperative ("Stop that", "Tell me"). */
export const IMPERATIVE_VERBS: ReadonlySet<string> = new Set([
  'stop', 'do', 'tell', 'give', 'go', 'look', 'listen', 'shut', 'leave', 'come', 'show', 'let', 'get', 'make', 'take', 'say', 'answer', 'explain',
]);
/** Words that open a question even without a question mark. */
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(['who', 'what', 'when', 'where', 'why', 'how', 'which', 'is', 'are', 'do', 'does', 'can', 'could', 'would', 'will']);
/** Logical connectives: "Because X, therefore Y" boosts coherence (spec A2.2.3). */
export const CONNECTIVES: ReadonlySet<string> = new Set(['because', 'therefore', 'so', 'since', 'thus', 'hence', 'if', 'then', 'consequently', 'means']);
/** In-group / moral confirmation (spec A2.2.4: "You're one of us, we believe in this"). */
export const MORAL_CONFIRM: ReadonlySet<string> = new Set(['right', 'fair', 'believe', 'loyal', 'honest', 'justice', 'respect', 'trust', 'belong', 'one']);
/** Moral violation (spec A2.2.4: "That's not right, you're hurting people"). */
export const MORAL_VIOLATION: ReadonlySet<string> = new Set(['wrong', 'unfair', 'hurt', 'hurting', 'cruel', 'lie', 'lying', 'cheat', 'cheating', 'shame', 'evil', 'harm', 'harming', 'guilty']);
