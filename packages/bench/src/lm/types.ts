/** Shared shapes of the language-model scorers (ARPA n-gram and ONNX causal LMs). */

/** Sliding-window settings of a causal LM (Hugging Face perplexity recipe). */
export interface WindowSpec {
  /** Tokens per forward pass (the model's maximum positions, or less). */
  readonly length: number;
  /** Tokens the window advances by; only the tokens new to a window are scored. */
  readonly stride: number;
}

/** Log-likelihood of one text under one model. NLL is in nats (natural log). */
export interface TextScore {
  /** Sum of -ln p(token | context) over the scored tokens, OOVs included. */
  readonly nll: number;
  /** Tokens scored (n-gram: words + `</s>`; causal LM: tokens with a context, EOS if appended). */
  readonly tokens: number;
  /** Whitespace-separated words of the text (the denominator of per-word perplexity). */
  readonly words: number;
  /** Words outside the model's vocabulary (n-gram only; 0 for subword models). */
  readonly oovs: number;
  /** Part of `nll` contributed by the OOV tokens. */
  readonly oovNll: number;
}

/** A loaded language model that scores texts; load once, score many. */
export interface LanguageModelScorer {
  /** Name of the model (file name or hub id), reported with every result. */
  readonly name: string;
  /** How text becomes tokens, reported with every result (perplexities of different tokenizers do not compare). */
  readonly tokenizer: string;
  /** Sliding window, or null for models scored over the whole text (n-gram). */
  readonly window: WindowSpec | null;
  /** How sentence boundaries are treated, in words (e.g. `<s> context, </s> scored`). */
  readonly boundaryPolicy: string;
  /** Scores one text. */
  score(text: string): Promise<TextScore>;
  /** Frees native resources (ONNX sessions). */
  dispose(): Promise<void>;
}
