/** The part of nlp.js (https://github.com/axa-group/nlp.js) Relais uses; the packages ship no types. */
declare module "@nlpjs/nlp" {
  interface NlpResult {
    intent: string;
    score: number;
    classifications: { intent: string; score: number }[];
    sentiment?: { score: number; comparative: number; numHits: number; numWords: number; vote: string };
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>);
    settings: { threshold: number; nlu: Record<string, unknown> };
    nluManager: {
      process(input: {
        locale: string;
        utterance: string;
        context: Record<string, unknown>;
        settings: Record<string, unknown>;
      }): Promise<NlpResult>;
    };
    use(plugin: unknown): void;
    addLanguage(language: string): void;
    addDocument(language: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(language: string, utterance: string): Promise<NlpResult>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
}
declare module "@nlpjs/lang-fr" {
  export const LangFr: unknown;
}
declare module "@nlpjs/lang-en" {
  export const LangEn: unknown;
}
declare module "@nlpjs/language" {
  export class Language {
    guess(
      utterance: string,
      allowList?: string[] | null,
      limit?: number,
    ): { alpha3: string; alpha2: string; language: string; score: number }[];
  }
}
declare module "@nlpjs/sentiment" {
  export class SentimentAnalyzer {
    constructor(settings?: Record<string, unknown>, container?: unknown);
    process(input: {
      locale: string;
      utterance: string;
    }): Promise<{ sentiment: { score: number; average: number; vote: string; numHits: number } }>;
  }
}
